import { isClobError, Signer, TypedData } from '@clobkit/eip712-order'
import { ClobAuth, Credentials, Headers } from '@clobkit/l2-auth'
import * as NodeHmac from '@clobkit/l2-auth/hmac-node'
import * as PortableHmac from '@clobkit/l2-auth/hmac-portable'
import { describe, expect, it } from 'vitest'
import { type Case, cases } from './corpus.js'

const HARDHAT_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const HARDHAT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as const
const ZERO_SECRET = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA='
const HOST = 'http://localhost:8080'

/** A signer without `signDigest` that records what it was asked to sign (like a viem WalletClient). */
function typedDataOnlySigner(privateKey: string) {
  const inner = Signer.fromPrivateKey(privateKey)
  const seen: unknown[] = []
  const signer = {
    address: inner.address,
    signTypedData: async (td: Parameters<typeof inner.signTypedData>[0]) => {
      seen.push(JSON.parse(JSON.stringify(td)))
      return inner.signTypedData(td)
    },
  }
  return { signer, seen }
}

function tsOf(input: { timestamp?: number; nowMs?: number }): { timestamp?: number; now?: () => number } {
  return input.timestamp !== undefined ? { timestamp: input.timestamp } : { now: () => input.nowMs! }
}

describe('Headers.l1 — corpus l1', () => {
  const l1 = cases('l1')
  it('has the public l1 cases', () => expect(l1.length).toBeGreaterThanOrEqual(31))

  for (const c of l1) {
    const i = c.input
    it(c.id, async () => {
      const params = {
        chainId: i.chainId,
        ...tsOf(i),
        ...(i.nonce === undefined ? {} : { nonce: i.nonce }),
        ...(i.address === undefined ? {} : { address: i.address }),
      }
      // Local signer: the signDigest fast path.
      const local = Signer.fromPrivateKey(i.privateKey)
      const headers = await Headers.l1({ signer: local, ...params })
      expect(headers).toEqual(c.expected.headers)
      expect(Object.keys(headers)).toEqual(['POLY_ADDRESS', 'POLY_SIGNATURE', 'POLY_TIMESTAMP', 'POLY_NONCE'])
      // Typed-data-only signer: receives exactly the official client's typed data.
      const { signer, seen } = typedDataOnlySigner(i.privateKey)
      expect(await Headers.l1({ signer, ...params })).toEqual(c.expected.headers)
      expect(seen).toEqual([c.expected.signedTypedData])
      // The digest and typed data helpers.
      const auth = {
        address: c.expected.signedTypedData.message.address,
        chainId: i.chainId,
        timestamp: c.expected.headers.POLY_TIMESTAMP,
        nonce: c.expected.signedTypedData.message.nonce,
      }
      expect(ClobAuth.hash(auth)).toBe(c.expected.digest)
      expect(JSON.parse(JSON.stringify(ClobAuth.typedData(auth)))).toEqual(c.expected.signedTypedData)
      expect(ClobAuth.domain(i.chainId)).toEqual(c.expected.domain)
      expect(Signer.recoverDigest(c.expected.digest, c.expected.signature)).toBe(i.signerAddress)
    })
  }
})

describe('ClobAuth — ANCHORS §B.1 and Appendix A', () => {
  const signer = Signer.fromPrivateKey(HARDHAT_KEY)
  const rows: [chainId: number, timestamp: number, nonce: number, sig: string][] = [
    [
      80002,
      10000000,
      23,
      '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b',
    ],
    [
      137,
      100000,
      0,
      '0xfdfb5abf512e439ea61c8595c18e527e718bf16010acf57cef51d09e15893098275d3c6f73038f36ec0cd0ce55436fca14dc64b11611f4dce896e354207508cc1b',
    ],
    [
      137,
      1700000000,
      0,
      '0x659ed4b28ae28e0f038fdf0023c00863c9559caacb9ebc83f44eea87059a099a36f1e1dee110e7faa1c4f65d17489b2da1333ebef78bbe2116d81207b975052d1c',
    ],
  ]
  for (const [chainId, timestamp, nonce, sig] of rows) {
    it(`${chainId} ${timestamp} ${nonce}`, async () => {
      expect(await ClobAuth.sign(signer, { chainId, timestamp, nonce, address: HARDHAT })).toBe(sig)
      const h = await Headers.l1({ signer, chainId, timestamp, nonce })
      expect(h).toEqual({
        POLY_ADDRESS: HARDHAT,
        POLY_SIGNATURE: sig,
        POLY_TIMESTAMP: String(timestamp),
        POLY_NONCE: String(nonce),
      })
    })
  }

  it('RS sends the address lowercase: the same signature (address is encoded as 20 bytes)', async () => {
    const lower = HARDHAT.toLowerCase()
    const h = await Headers.l1({ signer, chainId: 137, timestamp: 100000, address: lower })
    expect(h.POLY_ADDRESS).toBe(lower)
    expect(h.POLY_SIGNATURE).toBe(rows[1]![3])
  })

  it('matches the Appendix A domain separators and type hash', () => {
    expect(TypedData.hashDomain(ClobAuth.domain(137))).toBe(
      '0xcfc66be2a3b30464cb3b588324101f660c9a205fa76e8e5f83ee16a528e1c4cb',
    )
    expect(TypedData.hashDomain(ClobAuth.domain(80002))).toBe(
      '0xa1df8f4e3112eaee2448fbec9ab79f68278407e49d9cf52e3dd3d9692fcac9b6',
    )
    expect(TypedData.typeHash('ClobAuth', ClobAuth.types)).toBe(
      '0x52578c5c725a28a84fedc8c22aa47947822942f35b4dc350db028e45320e035c',
    )
    expect(ClobAuth.MESSAGE).toBe('This message attests that I control the given wallet')
    expect(TypedData.encodeType('ClobAuth', ClobAuth.types)).toBe(
      'ClobAuth(address address,string timestamp,uint256 nonce,string message)',
    )
  })

  it('defaults: nonce 0, timestamp floor(now/1000), address = signer', async () => {
    expect(await Headers.l1({ signer, chainId: 137, now: 1700000000999 })).toEqual(
      await Headers.l1({ signer, chainId: 137, now: () => 1700000000001 }),
    )
    await expect(Headers.l1({ signer, chainId: 137, now: Number.NaN })).rejects.toMatchObject({
      code: 'INVALID_TIMESTAMP',
      param: 'now',
    })
    const h = await Headers.l1({ signer, chainId: 137, now: () => 1700000000999 })
    expect(h).toEqual({
      POLY_ADDRESS: HARDHAT,
      POLY_SIGNATURE: rows[2]![3],
      POLY_TIMESTAMP: '1700000000',
      POLY_NONCE: '0',
    })
    const before = Math.floor(Date.now() / 1000)
    const live = await Headers.l1({ signer, chainId: 137, nonce: 1012 })
    expect(live.POLY_NONCE).toBe('1012')
    expect(Number(live.POLY_TIMESTAMP)).toBeGreaterThanOrEqual(before)
    expect(Number(live.POLY_TIMESTAMP)).toBeLessThanOrEqual(Math.floor(Date.now() / 1000))
  })

  it('passes a TSv1-style mock signer result through', async () => {
    const mock = { address: HARDHAT, signTypedData: async () => '0xdeadbeef' as const }
    const h = await Headers.l1({ signer: mock, chainId: 80002, nonce: 3, timestamp: 1700000000 })
    expect(h).toEqual({
      POLY_ADDRESS: HARDHAT,
      POLY_SIGNATURE: '0xdeadbeef',
      POLY_TIMESTAMP: '1700000000',
      POLY_NONCE: '3',
    })
  })

  it('signs large nonces (bigint above 2^53) and keeps the number type below', () => {
    const base = { address: HARDHAT, chainId: 137, timestamp: 1 }
    expect(ClobAuth.typedData({ ...base, nonce: 5n }).message.nonce).toBe(5)
    expect(ClobAuth.typedData({ ...base, nonce: 2n ** 200n }).message.nonce).toBe(2n ** 200n)
    expect(ClobAuth.hash({ ...base, nonce: 5n })).toBe(ClobAuth.hash({ ...base, nonce: 5 }))
  })

  it('rejects bad input with typed errors', async () => {
    const base = { address: HARDHAT, chainId: 137, timestamp: 1 }
    const codeOf = (fn: () => unknown) => {
      try {
        fn()
      } catch (e) {
        return isClobError(e) ? `${e.code}:${e.param}` : 'untyped'
      }
      return 'none'
    }
    expect(codeOf(() => ClobAuth.typedData({ ...base, chainId: 1 }))).toBe('UNSUPPORTED_CHAIN:chainId')
    expect(codeOf(() => ClobAuth.typedData({ ...base, nonce: -1 }))).toBe('INVALID_NONCE:nonce')
    expect(codeOf(() => ClobAuth.typedData({ ...base, nonce: 1.5 }))).toBe('INVALID_NONCE:nonce')
    expect(codeOf(() => ClobAuth.typedData({ ...base, nonce: 2n ** 256n }))).toBe('INVALID_NONCE:nonce')
    expect(codeOf(() => ClobAuth.typedData({ ...base, timestamp: -5 }))).toBe('INVALID_TIMESTAMP:timestamp')
    expect(codeOf(() => ClobAuth.typedData({ ...base, address: '0x1234' }))).toBe('INVALID_ADDRESS:address')
    expect(
      codeOf(() => ClobAuth.typedData({ ...base, address: '0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266' })),
    ).toBe('INVALID_ADDRESS:address')
    await expect(Headers.l1({ signer: {} as never, chainId: 137 })).rejects.toMatchObject({
      code: 'INVALID_SIGNER',
    })
    const broken = { address: HARDHAT, signTypedData: async () => 'not hex' as `0x${string}` }
    await expect(Headers.l1({ signer: broken, chainId: 137 })).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    })
  })
})

describe('Headers.l2 — corpus l2', () => {
  for (const c of cases('l2')) {
    const i = c.input
    it(c.id, () => {
      const params = {
        address: i.signerAddress,
        credentials: i.creds,
        method: i.method,
        path: i.requestPath,
        body: i.body,
        timestamp: i.timestamp ?? Math.floor(i.nowMs / 1000),
      }
      if (c.expected.error !== undefined) {
        expect(() => Headers.l2(params)).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS' }))
        expect(() => Credentials.from(i.creds)).toThrow(expect.objectContaining({ param: 'secret' }))
        return
      }
      const h = Headers.l2(params)
      expect(h).toEqual(c.expected.headers)
      expect(Object.keys(h)).toEqual([
        'POLY_ADDRESS',
        'POLY_SIGNATURE',
        'POLY_TIMESTAMP',
        'POLY_API_KEY',
        'POLY_PASSPHRASE',
      ])
      expect(Headers.l2({ ...params, credentials: Credentials.from(i.creds) })).toEqual(c.expected.headers)
    })
  }
})

/** Signs the POLY_* headers of one captured request and compares them with the corpus. */
function checkRequest(
  c: Case,
  request: { method: string; url: string; headers: Record<string, string>; body?: string },
  creds: { key: string; secret: string; passphrase: string },
  address: string,
): void {
  expect(request.url.startsWith(HOST)).toBe(true)
  const path = request.url.slice(HOST.length)
  const h = Headers.l2({
    address,
    credentials: creds,
    method: request.method,
    path,
    body: request.body,
    timestamp: Math.floor(c.input.nowMs / 1000),
  })
  const expected = Object.fromEntries(Object.entries(request.headers).filter(([k]) => k.startsWith('POLY_')))
  expect(h).toEqual(expected)
  // Both HMAC implementations give the same signature over the same bytes.
  const message = `${h.POLY_TIMESTAMP}${request.method}${path}${request.body ?? ''}`
  const key = Credentials.from(creds)
  for (const b of [NodeHmac, PortableHmac]) {
    const sign = b.keyed(
      Uint8Array.from(atob(key.secret.replace(/-/g, '+').replace(/_/g, '/')), (x) => x.charCodeAt(0)),
    )
    expect(sign(message)).toBe(expected.POLY_SIGNATURE)
  }
}

describe('Headers.l2 — corpus post_payload (POLY_* headers of POST /order(s))', () => {
  // Cases whose expected outcome is a client error (postOnly with FOK/FAK) send no request.
  const post = cases('post_payload').filter((c) => c.expected.error === undefined)
  it('has the public post_payload cases that send a request', () =>
    expect(post.length).toBeGreaterThanOrEqual(18))
  for (const c of post) {
    it(c.id, () => {
      checkRequest(c, c.expected.request, c.input.creds, c.input.signerAddress)
      expect(c.expected.l2Signature).toBe(c.expected.request.headers.POLY_SIGNATURE)
    })
  }
})

describe('Headers — corpus client_request (L1 and L2 requests of ClobClient methods)', () => {
  for (const c of cases('client_request')) {
    it(`${c.id} ${c.input.method}`, async () => {
      const client = c.input.client
      for (const request of c.expected.requests) {
        if (request.headers.POLY_API_KEY !== undefined) {
          checkRequest(c, request, client.creds, client.signerAddress)
        } else {
          const h = await Headers.l1({
            signer: Signer.fromPrivateKey(client.privateKey),
            chainId: client.chainId,
            now: () => c.input.nowMs,
            ...(typeof c.input.args[0] === 'number' ? { nonce: c.input.args[0] } : {}),
          })
          const expected = Object.fromEntries(
            Object.entries(request.headers).filter(([k]) => k.startsWith('POLY_')),
          )
          expect(h).toEqual(expected)
        }
      }
    })
  }
})

describe('Headers.l2 — ANCHORS §B.7', () => {
  const credentials = Credentials.from({
    key: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a',
    secret: ZERO_SECRET,
    passphrase: 'a'.repeat(64),
  })
  const body =
    '{"deferExec":false,"postOnly":false,"order":{"salt":123456789,"maker":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","tokenId":"71321045679252212594626385532706912750332728571942532289631379312455583992563","makerAmount":"50000000","takerAmount":"100000000","side":"BUY","signatureType":0,"timestamp":"1700000000123","expiration":"0","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0xc3a1db63561ea24a1edb45abc79414ed46afe8ff69533e0c1b71af751288d03e4d1cc6f847a1f17051e330f575d15e0a19e3dac80d0537569a404b977557de7d1c"},"owner":"f4f247b7-4ac7-ff29-a152-04fda0a8755a","orderType":"GTC"}'
  const base = { address: HARDHAT, credentials, timestamp: 1700000000 }

  it('POST /order', () => {
    expect(Headers.l2({ ...base, method: 'POST', path: '/order', body })).toEqual({
      POLY_ADDRESS: HARDHAT,
      POLY_SIGNATURE: 'MA5_3urTk0hN2tR2NE5LccNFcqKOySShHaZxgey6S9c=',
      POLY_TIMESTAMP: '1700000000',
      POLY_API_KEY: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a',
      POLY_PASSPHRASE: 'a'.repeat(64),
    })
  })
  it('POST /orders', () => {
    expect(Headers.l2({ ...base, method: 'POST', path: '/orders', body: `[${body}]` }).POLY_SIGNATURE).toBe(
      'N2zDcwWbaWpoknpgj9ecwry7siFGqFc5kv1INNZ7Y78=',
    )
  })
  it('DELETE /order', () => {
    const cancel = '{"orderID":"0x7449a687353d5751aa788ef5cc0d62a876eb97a686b8b8dea24310a2f8efa606"}'
    expect(Headers.l2({ ...base, method: 'DELETE', path: '/order', body: cancel }).POLY_SIGNATURE).toBe(
      '1x0MiRK4bl5KJmZWFzGC-jRC4lGAHX6ptx7fUaZewNA=',
    )
  })

  it('signs the path verbatim, query included, exactly as the official createL2Headers does', () => {
    const withQuery = Headers.l2({ ...base, method: 'GET', path: '/data/orders?next_cursor=MA==' })
    const without = Headers.l2({ ...base, method: 'GET', path: '/data/orders' })
    expect(withQuery.POLY_SIGNATURE).not.toBe(without.POLY_SIGNATURE)
    expect(without.POLY_SIGNATURE).toBe('m6lGS9WyES7JjpAYNd7zIdW5bfHxAAI_pIa1St9vLO4=')
  })

  it('rejects a bad address or path with typed errors', () => {
    expect(() => Headers.l2({ ...base, address: 'nope', method: 'GET', path: '/' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', param: 'address' }),
    )
    expect(() => Headers.l2({ ...base, method: 'GET', path: 'https://clob.polymarket.com/order' })).toThrow(
      expect.objectContaining({ code: 'INVALID_PATH', param: 'path' }),
    )
    expect(() => Headers.l2({ ...base, credentials: undefined as never, method: 'GET', path: '/' })).toThrow(
      expect.objectContaining({ code: 'INVALID_CREDENTIALS' }),
    )
  })
})

describe('Headers.builder — §4.3 and RS anchors', () => {
  it('uses the builder credentials and the same HMAC as L2', () => {
    const credentials = Credentials.from({
      key: '00000000-0000-0000-0000-000000000000',
      secret: ZERO_SECRET,
      passphrase: 'a'.repeat(64),
    })
    const h = Headers.builder({ credentials, method: 'GET', path: '/', timestamp: 1 })
    expect(h).toEqual({
      POLY_BUILDER_API_KEY: '00000000-0000-0000-0000-000000000000',
      POLY_BUILDER_TIMESTAMP: '1',
      POLY_BUILDER_PASSPHRASE: 'a'.repeat(64),
      POLY_BUILDER_SIGNATURE: 'eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4=',
    })
    expect(Object.keys(h)).toEqual([
      'POLY_BUILDER_API_KEY',
      'POLY_BUILDER_TIMESTAMP',
      'POLY_BUILDER_PASSPHRASE',
      'POLY_BUILDER_SIGNATURE',
    ])
    const post = Headers.builder({
      credentials,
      method: 'test-sign',
      path: '/orders',
      body: '{"hash": "0x123"}',
      timestamp: 1000000,
    })
    expect(post.POLY_BUILDER_SIGNATURE).toBe('ZwAdJKvoYRlEKDkNMwd5BuwNNtg93kNaR_oU2HrfVvc=')
  })

  it('rejects bad input', () => {
    const credentials = { key: 'k', secret: ZERO_SECRET, passphrase: 'p' }
    expect(() => Headers.builder({ credentials, method: 'GET', path: '/', timestamp: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_TIMESTAMP' }),
    )
    expect(() =>
      Headers.builder({
        credentials: { ...credentials, secret: '' },
        method: 'GET',
        path: '/',
        timestamp: 1,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_CREDENTIALS', param: 'credentials.secret' }))
  })
})
