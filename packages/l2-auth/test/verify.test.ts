import { Signer } from '@clobkit/eip712-order'
import { Credentials, Headers, Verify } from '@clobkit/l2-auth'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const HARDHAT_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const HARDHAT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const OTHER_KEY = '0x0000000000000000000000000000000000000000000000000000000000000001'
const OTHER = '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf'
const NOW = 1_700_000_000

const signer = Signer.fromPrivateKey(HARDHAT_KEY)
const l1Opts = { chainId: 137, nowSeconds: NOW, windowSeconds: 30 }

function lowercaseKeys(h: object): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v as string]))
}

function flip(sig: string, at: number): string {
  const c = sig[at] === '0' ? '1' : '0'
  return sig.slice(0, at) + c + sig.slice(at + 1)
}

describe('Verify.l1', async () => {
  const headers = await Headers.l1({ signer, chainId: 137, timestamp: NOW - 5, nonce: 7 })

  it('accepts headers made by Headers.l1, in any header-name casing and as fetch Headers', () => {
    const ok = { ok: true, address: HARDHAT, nonce: '7', timestamp: NOW - 5 }
    expect(Verify.l1(headers, l1Opts)).toEqual(ok)
    expect(Verify.l1(lowercaseKeys(headers), l1Opts)).toEqual(ok)
    expect(Verify.l1(new globalThis.Headers(headers), l1Opts)).toEqual(ok)
    expect(Verify.l1({ ...headers, POLY_ADDRESS: HARDHAT.toLowerCase() }, l1Opts)).toEqual(ok)
    expect(Verify.l1(headers, { ...l1Opts, address: HARDHAT.toLowerCase() })).toEqual(ok)
  })

  it('verifies the corpus anchor (RS sends the address lowercase) and large nonces', async () => {
    const anchor = {
      POLY_ADDRESS: HARDHAT,
      POLY_SIGNATURE:
        '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b',
      POLY_TIMESTAMP: '10000000',
      POLY_NONCE: '23',
    }
    expect(Verify.l1(anchor, { chainId: 80002, nowSeconds: 10000000 })).toMatchObject({
      ok: true,
      nonce: '23',
    })
    const big = await Headers.l1({
      signer,
      chainId: 80002,
      timestamp: NOW,
      nonce: 2n ** 255n,
      address: HARDHAT.toLowerCase(),
    })
    expect(Verify.l1(big, { chainId: 80002, nowSeconds: NOW })).toEqual({
      ok: true,
      address: HARDHAT,
      nonce: String(2n ** 255n),
      timestamp: NOW,
    })
  })

  it('missing_header for each absent header', () => {
    for (const name of Object.keys(headers)) {
      const h: Record<string, string> = { ...headers }
      delete h[name]
      expect(Verify.l1(h, l1Opts)).toEqual({ ok: false, reason: 'missing_header' })
    }
    expect(Verify.l1(null as never, l1Opts)).toEqual({ ok: false, reason: 'missing_header' })
  })

  it('malformed_header for bad shapes, duplicates and arrays', () => {
    const bad: Record<string, unknown>[] = [
      { ...headers, POLY_ADDRESS: '0x1234' },
      { ...headers, POLY_ADDRESS: '0xF39fd6e51aad88f6f4ce6ab8827279cfffb92266' }, // bad checksum
      { ...headers, POLY_SIGNATURE: '0xdeadbeef' },
      { ...headers, POLY_TIMESTAMP: '17e8' },
      { ...headers, POLY_TIMESTAMP: '' },
      { ...headers, POLY_NONCE: '-1' },
      { ...headers, POLY_NONCE: '007' },
      { ...headers, POLY_NONCE: String(2n ** 256n) },
      { ...headers, poly_nonce: '8' },
      { ...headers, POLY_NONCE: ['7', '8'] },
      { ...headers, POLY_NONCE: 7 },
    ]
    for (const h of bad) expect(Verify.l1(h, l1Opts)).toEqual({ ok: false, reason: 'malformed_header' })
    expect(Verify.l1({ ...headers, POLY_NONCE: ['7'] }, l1Opts)).toMatchObject({ ok: true })
  })

  it('stale_timestamp outside the window, either way', () => {
    expect(Verify.l1(headers, { ...l1Opts, nowSeconds: NOW + 26 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
    expect(Verify.l1(headers, { ...l1Opts, nowSeconds: NOW - 36 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
    expect(Verify.l1(headers, { ...l1Opts, nowSeconds: NOW + 25 })).toMatchObject({ ok: true })
    expect(Verify.l1(headers, { chainId: 137, now: (NOW - 5) * 1000, windowSeconds: 0 })).toMatchObject({
      ok: true,
    })
    expect(Verify.l1(headers, { chainId: 137, now: () => (NOW + 100) * 1000 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
  })

  it('bad_signature when the message, chain or signature changes, or another key signed', async () => {
    expect(Verify.l1({ ...headers, POLY_NONCE: '8' }, l1Opts)).toEqual({ ok: false, reason: 'bad_signature' })
    expect(Verify.l1({ ...headers, POLY_TIMESTAMP: String(NOW - 4) }, l1Opts)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(Verify.l1({ ...headers, POLY_ADDRESS: OTHER }, l1Opts)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    expect(Verify.l1(headers, { ...l1Opts, chainId: 80002 })).toEqual({ ok: false, reason: 'bad_signature' })
    expect(Verify.l1({ ...headers, POLY_SIGNATURE: flip(headers.POLY_SIGNATURE, 10) }, l1Opts)).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    // v = 0x1d is not a valid recovery id.
    expect(
      Verify.l1({ ...headers, POLY_SIGNATURE: headers.POLY_SIGNATURE.slice(0, -2) + '1d' }, l1Opts),
    ).toEqual({
      ok: false,
      reason: 'bad_signature',
    })
    const forged = await Headers.l1({
      signer: Signer.fromPrivateKey(OTHER_KEY),
      chainId: 137,
      timestamp: NOW,
      address: HARDHAT,
    })
    expect(Verify.l1(forged, l1Opts)).toEqual({ ok: false, reason: 'bad_signature' })
  })

  it('address_mismatch when a valid signer is not the expected address', () => {
    expect(Verify.l1(headers, { ...l1Opts, address: OTHER })).toEqual({
      ok: false,
      reason: 'address_mismatch',
    })
  })

  it('throws typed errors for bad options (not hostile input)', () => {
    expect(() => Verify.l1(headers, { ...l1Opts, chainId: 1 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CHAIN' }),
    )
    expect(() => Verify.l1(headers, { ...l1Opts, windowSeconds: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
    expect(() => Verify.l1(headers, { ...l1Opts, address: 'x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    )
  })
})

describe('Verify.l2', () => {
  const credentials = Credentials.from({
    key: '11111111-2222-3333-4444-555555555555',
    secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
    passphrase: 'p'.repeat(64),
  })
  const plain = {
    key: '99999999-2222-3333-4444-555555555555',
    secret: '--_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    passphrase: 'q',
  }
  const accounts = new Map<string, Verify.Account>([
    [credentials.key, { credentials, address: HARDHAT }],
    [plain.key, { ...plain, address: HARDHAT.toLowerCase() }],
  ])
  const request = { method: 'POST', path: '/order', body: '{"a":1}' }
  const opts = { lookup: (k: string) => accounts.get(k), ...request, nowSeconds: NOW, windowSeconds: 30 }
  const headers = Headers.l2({ address: HARDHAT, credentials, ...request, timestamp: NOW })

  it('accepts headers made by Headers.l2 (object, lowercased, fetch Headers, plain stored credentials)', () => {
    const ok = { ok: true, apiKey: credentials.key, address: HARDHAT, timestamp: NOW }
    expect(Verify.l2(headers, opts)).toEqual(ok)
    expect(Verify.l2(lowercaseKeys(headers), opts)).toEqual(ok)
    expect(Verify.l2(new globalThis.Headers(headers), opts)).toEqual(ok)
    const h2 = Headers.l2({
      address: HARDHAT,
      credentials: plain,
      method: 'GET',
      path: '/data/orders',
      timestamp: NOW,
    })
    expect(Verify.l2(h2, { ...opts, method: 'GET', path: '/data/orders', body: undefined })).toEqual({
      ok: true,
      apiKey: plain.key,
      address: HARDHAT,
      timestamp: NOW,
    })
    // A lookup may also return the credentials themselves (no owner check).
    expect(Verify.l2(headers, { ...opts, lookup: () => credentials })).toEqual(ok)
  })

  it('missing_header for each absent header', () => {
    for (const name of Object.keys(headers)) {
      const h: Record<string, string> = { ...headers }
      delete h[name]
      expect(Verify.l2(h, opts)).toEqual({ ok: false, reason: 'missing_header' })
    }
  })

  it('malformed_header for bad shapes', () => {
    expect(Verify.l2({ ...headers, POLY_ADDRESS: 'me' }, opts)).toEqual({
      ok: false,
      reason: 'malformed_header',
    })
    expect(Verify.l2({ ...headers, POLY_TIMESTAMP: 'now' }, opts)).toEqual({
      ok: false,
      reason: 'malformed_header',
    })
    expect(Verify.l2({ ...headers, POLY_API_KEY: '' }, opts)).toEqual({
      ok: false,
      reason: 'malformed_header',
    })
    expect(Verify.l2({ ...headers, POLY_SIGNATURE: ['a', 'b'] }, opts)).toEqual({
      ok: false,
      reason: 'malformed_header',
    })
  })

  it('stale_timestamp', () => {
    expect(Verify.l2(headers, { ...opts, nowSeconds: NOW + 31 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
    expect(Verify.l2(headers, { ...opts, nowSeconds: NOW - 31 })).toEqual({
      ok: false,
      reason: 'stale_timestamp',
    })
  })

  it('unknown_key', () => {
    expect(Verify.l2({ ...headers, POLY_API_KEY: 'nobody' }, opts)).toEqual({
      ok: false,
      reason: 'unknown_key',
    })
  })

  it('bad_passphrase', () => {
    expect(Verify.l2({ ...headers, POLY_PASSPHRASE: 'p'.repeat(63) }, opts)).toEqual({
      ok: false,
      reason: 'bad_passphrase',
    })
    expect(Verify.l2({ ...headers, POLY_PASSPHRASE: 'P'.repeat(64) }, opts)).toEqual({
      ok: false,
      reason: 'bad_passphrase',
    })
  })

  it('bad_signature when anything signed differs', () => {
    const bad = { ok: false, reason: 'bad_signature' }
    expect(Verify.l2(headers, { ...opts, method: 'GET' })).toEqual(bad)
    expect(Verify.l2(headers, { ...opts, path: '/orders' })).toEqual(bad)
    expect(Verify.l2(headers, { ...opts, body: '{"a": 1}' })).toEqual(bad)
    expect(Verify.l2(headers, { ...opts, body: undefined })).toEqual(bad)
    expect(Verify.l2({ ...headers, POLY_TIMESTAMP: String(NOW + 1) }, opts)).toEqual(bad)
    expect(Verify.l2({ ...headers, POLY_SIGNATURE: headers.POLY_SIGNATURE.slice(0, -1) }, opts)).toEqual(bad)
    expect(Verify.l2({ ...headers, POLY_SIGNATURE: flip(headers.POLY_SIGNATURE, 3) }, opts)).toEqual(bad)
  })

  it('address_mismatch when the key belongs to another address', () => {
    const h = Headers.l2({ address: OTHER, credentials, ...request, timestamp: NOW })
    expect(Verify.l2(h, opts)).toEqual({ ok: false, reason: 'address_mismatch' })
  })

  it('throws a typed error for a missing lookup', () => {
    expect(() => Verify.l2(headers, { ...opts, lookup: undefined as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', param: 'lookup' }),
    )
  })
})

describe('Verify — hostile input never throws (fast-check)', () => {
  const credentials = Credentials.from({ key: 'k', secret: 'AAAA', passphrase: 'p' })
  const anyValue = fc.oneof(
    fc.string(),
    fc.constantFrom('0x' + '1'.repeat(130), HARDHAT, '1700000000', '0', 'k', 'p'),
    fc.array(fc.string(), { maxLength: 3 }),
    fc.integer(),
    fc.constant(null),
    fc.constant(undefined),
    fc.object(),
  )
  const names = fc.constantFrom(
    'POLY_ADDRESS',
    'poly_address',
    'POLY_SIGNATURE',
    'poly_signature',
    'POLY_TIMESTAMP',
    'Poly_Timestamp',
    'POLY_NONCE',
    'POLY_API_KEY',
    'poly_api_key',
    'POLY_PASSPHRASE',
    '__proto__',
    'constructor',
    'toString',
    'get',
  )
  const headerMaps = fc.oneof(
    fc.dictionary(fc.oneof(names, fc.string()), anyValue, { maxKeys: 12 }),
    fc.anything(),
  )

  it('Verify.l1 returns a result for any header map', () => {
    fc.assert(
      fc.property(headerMaps, (h) => {
        const r = Verify.l1(h as Verify.HeaderSource, { chainId: 137, nowSeconds: 1_700_000_000 })
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 1500 },
    )
  })

  it('Verify.l2 returns a result for any header map', () => {
    fc.assert(
      fc.property(headerMaps, (h) => {
        const r = Verify.l2(h as Verify.HeaderSource, {
          lookup: (k) => (k === 'k' ? credentials : undefined),
          method: 'GET',
          path: '/',
          nowSeconds: 1_700_000_000,
        })
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 1500 },
    )
  })

  it('survives header objects whose getters or get() throw', () => {
    const trap = Object.defineProperty({}, 'POLY_ADDRESS', {
      enumerable: true,
      get() {
        throw new Error('boom')
      },
    })
    const getThrows = {
      get() {
        throw new Error('boom')
      },
    }
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('boom')
        },
      },
    )
    for (const h of [trap, getThrows, proxy]) {
      expect(Verify.l1(h, { chainId: 137 })).toEqual({ ok: false, reason: 'malformed_header' })
      expect(Verify.l2(h, { lookup: () => undefined, method: 'GET', path: '/' })).toEqual({
        ok: false,
        reason: 'malformed_header',
      })
    }
  })
})
