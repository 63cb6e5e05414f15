// Every #secp256k1 backend against noble: signatures byte for byte, public keys, recovery,
// and rejection of every corrupted signature. The Node seam is tested directly (the
// portable seam is the same noble adapter; secp256k1-portable.test.ts covers its module).
import { randomBytes } from 'node:crypto'
import { createRequire } from 'node:module'
import { type Hex, Signer } from '@clobkit/eip712-order'
import { secp256k1 } from '@noble/curves/secp256k1.js'
import { describe, expect, it } from 'vitest'
import * as Seam from '#secp256k1'
import type { Secp256k1Backend } from '../src/secp256k1-backend.js'
import * as Portable from '../src/secp256k1-noble.js'
import { word } from './word.js'

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const PAIRS = 10_000
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex')
/** `04 ‖ x ‖ y` as hex: the uncompressed key `recover` returns. */
const hex04 = (xy: Uint8Array) => `04${hex(xy)}`
const big = (b: Uint8Array) => BigInt(`0x${hex(b) || '0'}`)

const native = Seam.backend('libsecp256k1')
// on Node, noble's ECDSA draws its RFC 6979 nonces through node:crypto's HMAC
const noble = Seam.backend('noble')
// what browsers and bundles get: noble's secp256k1 exactly as published
const portable = Portable.backend('noble')
const backends: readonly (readonly [string, Secp256k1Backend])[] = [
  ['libsecp256k1', native],
  ['noble (Node: OpenSSL HMAC)', noble],
  ['noble (portable)', portable],
]

/** noble's own ECDSA, called directly: 65 bytes r ‖ s ‖ v with v = 27/28. */
function reference(secret: Uint8Array, digest: Uint8Array): Uint8Array {
  const sig = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
  return Uint8Array.from([...sig.subarray(1), 27 + sig[0]!])
}

function randomKey(): Uint8Array {
  for (;;) {
    const k = randomBytes(32)
    if (big(k) > 0n && big(k) < N) return k
  }
}

const edgeKeys = [
  word(1n),
  word(2n),
  word(N - 1n),
  word(N >> 1n),
  word((N >> 1n) + 1n),
  word(0xffn), // 31 leading zero bytes
  Uint8Array.from([0, 0, 0, ...randomBytes(29)]),
  Uint8Array.from([0, ...randomBytes(31)]),
]
const edgeDigests = [
  new Uint8Array(32),
  new Uint8Array(32).fill(0xff),
  word(1n),
  word(N - 1n),
  word(N), // ≥ n: reduced mod n, as ECDSA specifies
  word(N + 1n),
  word(2n ** 256n - 2n),
  Uint8Array.from([0, ...randomBytes(31)]),
]

describe('#secp256k1 on Node', () => {
  it('selects libsecp256k1 when the optional binding loads, and offers noble too', () => {
    expect(Seam.backend().name).toBe('libsecp256k1')
    expect(Seam.available()).toEqual(['libsecp256k1', 'noble'])
    expect(Signer.fromPrivateKey(randomKey()).backend).toBe('libsecp256k1')
    expect(Signer.fromPrivateKey(randomKey(), { backend: 'noble' }).backend).toBe('noble')
  })

  it('loads the native binding without ever loading elliptic', () => {
    Seam.backend('libsecp256k1').sign(new Uint8Array(32), word(1n))
    const loaded = Object.keys(createRequire(import.meta.url).cache)
    // the check sees the package's files (so it would see elliptic's)...
    expect(loaded.some((f) => /[/\\]secp256k1[/\\]bindings\.js$/.test(f))).toBe(true)
    // ...and elliptic is not among them
    expect(loaded.filter((f) => /[/\\]elliptic[/\\]/.test(f))).toEqual([])
  })
})

describe(`libsecp256k1 and noble agree on ${PAIRS} random (key, digest) pairs`, () => {
  it('signatures byte for byte, public keys, and libsecp256k1 recovers the signer', () => {
    for (let i = 0; i < PAIRS; i++) {
      const secret = randomKey()
      const digest = randomBytes(32)
      const a = native.sign(digest, secret)
      const b = noble.sign(digest, secret)
      if (hex(a) !== hex(b)) expect(hex(a), `pair ${i}`).toBe(hex(b))
      const pub = native.publicKey(secret)
      if (i % 50 === 0) expect(hex(noble.publicKey(secret))).toBe(hex(pub))
      const back = native.recover(digest, a.subarray(0, 64), a[64]! - 27)
      if (back === undefined || hex(back) !== hex04(pub))
        expect(hex(back ?? new Uint8Array())).toBe(hex04(pub))
      expect(big(a.subarray(32, 64)) <= N >> 1n).toBe(true)
    }
  })

  it('noble recovers what libsecp256k1 signed (sampled: noble recovery is ~20× slower)', () => {
    for (let i = 0; i < 200; i++) {
      const secret = randomKey()
      const digest = randomBytes(32)
      const sig = native.sign(digest, secret)
      expect(hex(noble.recover(digest, sig.subarray(0, 64), sig[64]! - 27)!)).toBe(
        hex04(native.publicKey(secret)),
      )
    }
  })
})

describe.each(backends)('the %s backend', (_, backend) => {
  it('signs every edge key × edge digest exactly as noble does, and recovers it', () => {
    for (const secret of edgeKeys) {
      const pub = secp256k1.getPublicKey(secret, false).subarray(1)
      expect(hex(backend.publicKey(secret))).toBe(hex(pub))
      for (const digest of edgeDigests) {
        const sig = backend.sign(digest, secret)
        expect(hex(sig)).toBe(hex(reference(secret, digest)))
        expect(hex(backend.recover(digest, sig.subarray(0, 64), sig[64]! - 27)!)).toBe(hex04(pub))
      }
    }
  })

  it('signs random pairs exactly as noble called directly (the adapter, not just the library)', () => {
    for (let i = 0; i < 300; i++) {
      const secret = randomKey()
      const digest = randomBytes(32)
      expect(hex(backend.sign(digest, secret))).toBe(hex(reference(secret, digest)))
    }
  })

  it('decodes compressed and uncompressed keys, and rejects off-curve, hybrid and malformed ones', () => {
    const secret = randomKey()
    const xy = secp256k1.getPublicKey(secret, false).subarray(1)
    expect(hex(backend.decodePoint(secp256k1.getPublicKey(secret, true))!)).toBe(hex(xy))
    expect(hex(backend.decodePoint(secp256k1.getPublicKey(secret, false))!)).toBe(hex(xy))
    const hybrid = Uint8Array.from([6 + (xy[63]! & 1), ...xy])
    expect(backend.decodePoint(hybrid)).toBeUndefined()
    const offCurve = Uint8Array.from([4, ...xy])
    offCurve[64]! ^= 1
    expect(backend.decodePoint(offCurve)).toBeUndefined()
    // x = 5: 125 + 7 is not a square mod p
    expect(backend.decodePoint(Uint8Array.from([2, ...word(5n)]))).toBeUndefined()
    expect(
      backend.recover(new Uint8Array(32), Uint8Array.from([...word(5n), ...word(1n)]), 0),
    ).toBeUndefined()
  })
})

describe.each(['libsecp256k1', 'noble'] as const)('recovery with %s rejects corrupted signatures', (name) => {
  const options = { backend: name }
  // noble recovers in ~1 ms, libsecp256k1 in ~0.05 ms: as many signatures as fit in well under a second
  const count = name === 'noble' ? 1 : 10

  /** recoverDigest accepts a signature for `address` only when it recovers to it. */
  const accepts = (digest: Uint8Array, sig: string, address: string) => {
    try {
      return Signer.recoverDigest(digest, sig as Hex, options) === address
    } catch {
      return false
    }
  }

  it('every single-bit flip of r, s and v, the other parity, and the high-s twin', () => {
    for (let c = 0; c < count; c++) {
      const secret = randomKey()
      const signer = Signer.fromPrivateKey(secret, options)
      const digest = randomBytes(32)
      const sig = Buffer.from(signer.signDigest(digest).slice(2), 'hex')
      expect(accepts(digest, `0x${hex(sig)}`, signer.address)).toBe(true)
      for (let bit = 0; bit < 65 * 8; bit++) {
        const bad = Uint8Array.from(sig)
        bad[bit >> 3]! ^= 0x80 >> (bit & 7)
        expect(accepts(digest, `0x${hex(bad)}`, signer.address), `bit ${bit}`).toBe(false)
      }
      const parity = Uint8Array.from(sig)
      parity[64] = sig[64] === 27 ? 28 : 27
      expect(accepts(digest, `0x${hex(parity)}`, signer.address)).toBe(false)
      // (r, n − s) with the other parity is the same key's malleated twin: refused as high-s
      const twin = Uint8Array.from(sig)
      twin.set(word(N - big(sig.subarray(32, 64))), 32)
      twin[64] = sig[64] === 27 ? 28 : 27
      expect(() => Signer.recoverDigest(digest, `0x${hex(twin)}`, options)).toThrow(
        expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
      )
      const twinBytes = Uint8Array.from([twin[64]! - 27, ...twin.subarray(0, 64)])
      expect(hex(secp256k1.recoverPublicKey(twinBytes, digest, { prehash: false }))).toBe(
        hex(secp256k1.getPublicKey(secret, true)),
      )
    }
  })

  it('a digest signed by another key does not recover to the signer', () => {
    const signer = Signer.fromPrivateKey(randomKey(), options)
    const other = Signer.fromPrivateKey(randomKey(), options)
    const digest = randomBytes(32)
    expect(accepts(digest, other.signDigest(digest), signer.address)).toBe(false)
    expect(accepts(digest, other.signDigest(digest), other.address)).toBe(true)
    expect(accepts(randomBytes(32), signer.signDigest(digest), signer.address)).toBe(false)
  })
})
