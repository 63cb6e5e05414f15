import { inspect } from 'node:util'
import { type Hex, Signer, TypedData } from '@clobkit/eip712-order'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'

const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

function clobAuth(chainId: number, timestamp: string, nonce: number) {
  return {
    domain: { name: 'ClobAuthDomain', version: '1', chainId },
    types: {
      ClobAuth: [
        { name: 'address', type: 'address' },
        { name: 'timestamp', type: 'string' },
        { name: 'nonce', type: 'uint256' },
        { name: 'message', type: 'string' },
      ],
    },
    primaryType: 'ClobAuth',
    message: {
      address: ADDRESS,
      timestamp,
      nonce,
      message: 'This message attests that I control the given wallet',
    },
  }
}

describe('Signer.fromPrivateKey', () => {
  it('derives the checksummed address', () => {
    expect(Signer.fromPrivateKey(PK).address).toBe(ADDRESS)
    expect(Signer.fromPrivateKey(PK.slice(2)).address).toBe(ADDRESS)
    expect(Signer.fromPrivateKey(PK.toUpperCase().replace('0X', '0x')).address).toBe(ADDRESS)
    expect(Signer.fromPrivateKey(Uint8Array.from(Buffer.from(PK.slice(2), 'hex'))).address).toBe(ADDRESS)
    expect(Signer.fromPrivateKey(`0x${'0'.repeat(63)}1`).address).toBe(
      '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf',
    )
  })
  it('reproduces the ClobAuth anchor signatures (ANCHORS §B.1)', async () => {
    const s = Signer.fromPrivateKey(PK)
    expect(await s.signTypedData(clobAuth(80002, '10000000', 23))).toBe(
      '0xf62319a987514da40e57e2f4d7529f7bac38f0355bd88bb5adbb3768d80de6c1682518e0af677d5260366425f4361e7b70c25ae232aff0ab2331e2b164a1aedc1b',
    )
    expect(await s.signTypedData(clobAuth(137, '100000', 0))).toBe(
      '0xfdfb5abf512e439ea61c8595c18e527e718bf16010acf57cef51d09e15893098275d3c6f73038f36ec0cd0ce55436fca14dc64b11611f4dce896e354207508cc1b',
    )
    expect(await s.signTypedData(clobAuth(137, '1700000000', 0))).toBe(
      '0x659ed4b28ae28e0f038fdf0023c00863c9559caacb9ebc83f44eea87059a099a36f1e1dee110e7faa1c4f65d17489b2da1333ebef78bbe2116d81207b975052d1c',
    )
  })
  it.each([
    ['empty', ''],
    ['short', '0x1234'],
    ['non-hex', `0x${'z'.repeat(64)}`],
    ['zero', `0x${'0'.repeat(64)}`],
    ['n', `0x${N.toString(16)}`],
    ['above n', `0x${'f'.repeat(64)}`],
    ['65 digits', `0x0${PK.slice(2)}`],
  ])('rejects a %s key with INVALID_PRIVATE_KEY and never echoes it', (_name, key) => {
    try {
      Signer.fromPrivateKey(key)
      expect.unreachable()
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_PRIVATE_KEY', param: 'privateKey' })
      const text = `${String(e)} ${JSON.stringify(e)} ${inspect(e)}`
      if (key.length > 4) expect(text).not.toContain(key.slice(2, 20))
    }
  })
  it('rejects non-string keys', () => {
    for (const k of [undefined, null, 12, {}, new Uint8Array(31)]) {
      expect(() => Signer.fromPrivateKey(k as unknown as string)).toThrow(
        expect.objectContaining({ code: 'INVALID_PRIVATE_KEY' }),
      )
    }
  })
  it('never shows the key (JSON, String, inspect, keys)', () => {
    const s = Signer.fromPrivateKey(PK)
    const secret = PK.slice(2)
    for (const text of [
      JSON.stringify(s),
      String(s),
      `${s}`,
      inspect(s, { showHidden: true, depth: 10 }),
      JSON.stringify(Object.entries(s)),
    ]) {
      expect(text.toLowerCase()).not.toContain(secret)
      expect(text).toContain(ADDRESS)
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual({ address: ADDRESS })
    expect(Object.isFrozen(s)).toBe(true)
  })
})

describe('signDigest', () => {
  it('is deterministic, low-s, v ∈ {27, 28} and recovers', () => {
    const s = Signer.fromPrivateKey(PK)
    const seen = new Set<number>()
    for (let i = 0; i < 40; i++) {
      const d = crypto.getRandomValues(new Uint8Array(32))
      const sig = s.signDigest(d)
      expect(sig).toMatch(/^0x[0-9a-f]{130}$/)
      expect(s.signDigest(d)).toBe(sig)
      const v = Number.parseInt(sig.slice(130), 16)
      expect([27, 28]).toContain(v)
      seen.add(v)
      expect(BigInt(`0x${sig.slice(66, 130)}`) <= N / 2n).toBe(true)
      expect(Signer.recoverDigest(d, sig)).toBe(ADDRESS)
      expect(Signer.recoverDigest(`0x${Buffer.from(d).toString('hex')}`, sig)).toBe(ADDRESS)
    }
    expect(seen.size).toBe(2)
  })
  it('agrees with noble RFC 6979 signing', () => {
    const s = Signer.fromPrivateKey(PK)
    const d = new Uint8Array(32).fill(7)
    const compact = secp256k1.sign(d, Buffer.from(PK.slice(2), 'hex'), { prehash: false })
    expect(s.signDigest(d).slice(2, 130)).toBe(Buffer.from(compact).toString('hex'))
  })
  it('rejects digests that are not 32 bytes', () => {
    const s = Signer.fromPrivateKey(PK)
    expect(() => s.signDigest(new Uint8Array(31))).toThrow(
      expect.objectContaining({ code: 'INVALID_HEX', param: 'digest' }),
    )
    expect(() => s.signDigest('0x12' as Hex)).toThrow(expect.objectContaining({ param: 'digest' }))
  })
})

describe('Signer.recoverDigest', () => {
  const s = Signer.fromPrivateKey(PK)
  const d = TypedData.hashTypedDataBytes(clobAuth(137, '1', 0))
  const sig = s.signDigest(d)
  it('accepts v as 0/1 too', () => {
    const v = Number.parseInt(sig.slice(130), 16) - 27
    expect(Signer.recoverDigest(d, `${sig.slice(0, 130)}0${v}` as Hex)).toBe(ADDRESS)
  })
  it.each([
    ['too short', '0x1234'],
    ['not hex', `0x${'x'.repeat(130)}`],
    ['bad v', `${sig.slice(0, 130)}1d`],
    ['zero r', `0x${'0'.repeat(64)}${sig.slice(66)}`],
    ['r = n', `0x${N.toString(16)}${sig.slice(66)}`],
    ['zero s', `${sig.slice(0, 66)}${'0'.repeat(64)}${sig.slice(130)}`],
  ])('rejects a signature that is %s with INVALID_SIGNATURE', (_n, bad) => {
    expect(() => Signer.recoverDigest(d, bad as Hex)).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    )
  })
  it('rejects high-s (malleable) signatures', () => {
    const sBig = BigInt(`0x${sig.slice(66, 130)}`)
    const high = (N - sBig).toString(16).padStart(64, '0')
    const v = Number.parseInt(sig.slice(130), 16) === 27 ? '1c' : '1b'
    expect(() => Signer.recoverDigest(d, `${sig.slice(0, 66)}${high}${v}` as Hex)).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    )
  })
  it('never throws anything but a ClobError on junk', () => {
    for (const junk of [undefined, null, 1, {}, '0x', `0x${'ff'.repeat(65)}`]) {
      expect(() => Signer.recoverDigest(d, junk as unknown as Hex)).toThrow(
        expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
      )
    }
  })
})

describe('Signer.fromViem', () => {
  it('passes {account, domain, types, primaryType, message} with uint values as bigints', async () => {
    const local = Signer.fromPrivateKey(PK)
    const calls: unknown[] = []
    const account = { address: ADDRESS, type: 'local' }
    const wallet = {
      account,
      async signTypedData(args: { account: unknown; primaryType: string; message: Record<string, unknown> }) {
        calls.push(args)
        // a real viem wallet would sign; re-sign with the local key for the check below
        const m = args.message
        return local.signTypedData({
          ...(args as unknown as Parameters<typeof local.signTypedData>[0]),
          message: { ...m, nonce: (m.nonce as bigint).toString() },
        })
      },
    }
    const s = Signer.fromViem(wallet)
    expect(s.address).toBe(ADDRESS)
    const td = clobAuth(80002, '10000000', 23)
    const sig = await s.signTypedData(td)
    expect(sig).toBe(await local.signTypedData(td))
    const call = calls[0] as { account: unknown; message: Record<string, unknown>; primaryType: string }
    expect(call.account).toBe(account)
    expect(call.primaryType).toBe('ClobAuth')
    expect(call.message.nonce).toBe(23n)
    expect(call.message.timestamp).toBe('10000000')
    expect('signDigest' in s).toBe(false)
  })
  it('converts nested struct integers (TypedDataSign contents)', async () => {
    let seen: Record<string, unknown> | undefined
    const s = Signer.fromViem({
      account: { address: ADDRESS },
      async signTypedData(args: { message: Record<string, unknown> }) {
        seen = args.message
        return `0x${'11'.repeat(64)}1b`
      },
    })
    await s.signTypedData({
      domain: {},
      types: TypedData.typedDataSignTypes,
      primaryType: 'TypedDataSign',
      message: { contents: { salt: '12', side: '0', metadata: '0x00' }, chainId: 137, name: 'DepositWallet' },
    })
    expect(seen).toEqual({
      contents: { salt: 12n, side: 0, metadata: '0x00' },
      chainId: 137n,
      name: 'DepositWallet',
    })
  })
  it('requires an account and a well-formed signature', async () => {
    expect(() => Signer.fromViem({ account: undefined, signTypedData: async () => '0x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    )
    const s = Signer.fromViem({ account: { address: ADDRESS }, signTypedData: async () => '0xdeadbeef' })
    await expect(s.signTypedData(clobAuth(137, '1', 0))).rejects.toMatchObject({ code: 'INVALID_SIGNATURE' })
  })
})

describe('Signer.fromEthers', () => {
  it('uses v6 signTypedData(domain, types, value) without EIP712Domain', async () => {
    const local = Signer.fromPrivateKey(PK)
    let args: unknown[] = []
    const wallet = {
      address: ADDRESS,
      async signTypedData(
        domain: Record<string, unknown>,
        types: Record<string, { name: string; type: string }[]>,
        value: Record<string, unknown>,
      ) {
        args = [domain, types, value]
        return (await local.signTypedData({ domain, types, primaryType: 'ClobAuth', message: value }))
          .toUpperCase()
          .replace('0X', '0x')
      },
    }
    const s = Signer.fromEthers(wallet)
    const td = clobAuth(80002, '10000000', 23)
    const withDomainType = { ...td, types: { ...td.types, EIP712Domain: [{ name: 'name', type: 'string' }] } }
    expect(await s.signTypedData(withDomainType)).toBe(await local.signTypedData(td))
    expect(Object.keys(args[1] as object)).toEqual(['ClobAuth'])
  })
  it('falls back to v5 _signTypedData and options.address', async () => {
    let called = false
    const s = Signer.fromEthers(
      {
        async _signTypedData() {
          called = true
          return `0x${'22'.repeat(64)}1c`
        },
      },
      { address: ADDRESS.toLowerCase() },
    )
    expect(s.address).toBe(ADDRESS.toLowerCase())
    expect(await s.signTypedData(clobAuth(137, '1', 0))).toBe(`0x${'22'.repeat(64)}1c`)
    expect(called).toBe(true)
  })
  it('rejects wallets without an address or signing method', () => {
    expect(() => Signer.fromEthers({ signTypedData: async () => '0x' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS' }),
    )
    expect(() => Signer.fromEthers({ address: ADDRESS })).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    )
  })
})

describe('adapters on junk', () => {
  it('throw typed errors', () => {
    for (const junk of [null, undefined, 5, 'wallet']) {
      expect(() => Signer.fromEthers(junk as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_SIGNATURE', param: 'wallet' }),
      )
      expect(() => Signer.fromViem(junk as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ADDRESS' }),
      )
    }
  })
})
