/**
 * What the `#secp256k1` seam provides: ECDSA over secp256k1 on 32-byte digests (SEC 1
 * §4.1.3 signing, §4.1.6 recovery) for order signatures (PROTOCOL.md §2.5), from an
 * audited library. Two implementations sit behind one interface:
 *
 * - `libsecp256k1`, Bitcoin Core's C library, through the N-API `secp256k1` package
 *   (Node only, an optional dependency; see `secp256k1-node`);
 * - `noble`, `@noble/curves`' `secp256k1` (everywhere; see `secp256k1-noble`).
 *
 * Both sign with RFC 6979 nonces and normalize to low s, so they return the same bytes.
 * No curve or scalar arithmetic is done here: this module only adapts the two libraries'
 * calling conventions to `r ‖ s ‖ v` with v ∈ {27, 28}.
 * @module
 */
import type { secp256k1 as NobleSecp256k1 } from '@noble/curves/secp256k1.js'
import { ClobError } from './errors.js'
import { fromBytes, toBytes } from './hex.js'

/** The library that signs and recovers. */
export type BackendName = 'libsecp256k1' | 'noble'
/** A backend to use: `auto` is libsecp256k1 where it loads, noble otherwise. */
export type BackendChoice = 'auto' | BackendName

/** ECDSA over secp256k1 as the signer uses it. Inputs are assumed validated by the caller. */
export interface Secp256k1Backend {
  readonly name: BackendName
  /** The public key `x ‖ y` (64 bytes) of a secret key in [1, n−1]. */
  publicKey(secret: Uint8Array): Uint8Array
  /** RFC 6979 signature of a 32-byte digest: 65 bytes `r ‖ s ‖ v`, s ≤ n/2, v ∈ {27, 28}. */
  sign(digest: Uint8Array, secret: Uint8Array): Uint8Array
  /**
   * The uncompressed public key `04 ‖ x ‖ y` that made `rs` (64 bytes, r and s in [1, n−1])
   * over the digest with recovery bit `recovery` (0 or 1); `undefined` when none does.
   */
  recover(digest: Uint8Array, rs: Uint8Array, recovery: number): Uint8Array | undefined
  /** A 33- or 65-byte SEC 1 public key as `x ‖ y`; `undefined` when it is not on the curve. */
  decodePoint(publicKey: Uint8Array): Uint8Array | undefined
}

/**
 * Base-point window (noble's `Point.BASE.precompute`) for a process that signs in volume.
 * noble's default is 6; 10 costs ~170 ms and a few MB once and makes a signature ~20 %
 * faster. A process that signs a handful of orders never earns that back, so the noble
 * backend uses a small window until {@link WIDE_AFTER} multiplications have been made.
 */
export const WIDE_WINDOW = 10
/** The first multiplications use W=4 (about 1/8 of the W=6 build time): a cheap cold start. */
export const START_WINDOW = 4
/** Base-point multiplications (key derivations and signatures) before the wide table is built. */
export const WIDE_AFTER = 16

/**
 * A CSPRNG reader for noble's nonce-inversion blinding (48 bytes per signature) that `fill`s
 * a 4 KB pool at a time instead of making one CSPRNG call per signature (~2 % more orders per
 * second). Every byte is handed out once and zeroed in the pool when taken.
 */
export function pooledRandom(fill: (pool: Uint8Array) => void): (length?: number) => Uint8Array {
  const pool = new Uint8Array(4096)
  let taken = pool.length
  return (length = 32) => {
    if (length > pool.length) {
      const out = new Uint8Array(length)
      fill(out)
      return out
    }
    if (taken + length > pool.length) {
      fill(pool)
      taken = 0
    }
    const end = taken + length
    const out = pool.slice(taken, end)
    pool.fill(0, taken, end)
    taken = end
    return out
  }
}

/** `r ‖ s` and a recovery id as 65 bytes `r ‖ s ‖ v`; ids 2 and 3 (r ≥ n, p ≈ 2^-128) have no v. */
function withV(rs: Uint8Array, recovery: number): Uint8Array {
  if (recovery > 1) throw new ClobError('INVALID_SIGNATURE', 'signature has an unrepresentable recovery id')
  const out = new Uint8Array(65)
  out.set(rs, 0)
  out[64] = 27 + recovery
  return out
}

/**
 * The noble backend over noble's `secp256k1` object (passed in so the Node backend can
 * load noble only when it needs it). Signing is `secp256k1.sign(digest, key, { prehash:
 * false, lowS: true })`; the base-point table follows the window schedule above.
 */
export function nobleBackend(secp256k1: typeof NobleSecp256k1): Secp256k1Backend {
  const { Point, Signature } = secp256k1
  let uses = 0
  let window = 0
  const schedule = (): void => {
    if (window === WIDE_WINDOW) return
    const want = ++uses >= WIDE_AFTER ? WIDE_WINDOW : START_WINDOW
    if (want !== window) {
      // the small table is built lazily at the next multiply, the wide one now, once
      Point.BASE.precompute(want, want === START_WINDOW)
      window = want
    }
  }
  return {
    name: 'noble',
    publicKey(secret) {
      schedule()
      return secp256k1.getPublicKey(secret, false).subarray(1)
    },
    sign(digest, secret) {
      schedule()
      // 'recovered' is recovery ‖ r ‖ s
      const sig = secp256k1.sign(digest, secret, { prehash: false, lowS: true, format: 'recovered' })
      return withV(sig.subarray(1), sig[0]!)
    },
    recover(digest, rs, recovery) {
      try {
        const bytes = new Uint8Array(65)
        bytes[0] = recovery
        bytes.set(rs, 1)
        return Signature.fromBytes(bytes, 'recovered').recoverPublicKey(digest).toBytes(false)
      } catch {
        return undefined
      }
    },
    decodePoint(publicKey) {
      if (!isEncoding(publicKey)) return undefined
      try {
        return Point.fromBytes(publicKey).toBytes(false).subarray(1)
      } catch {
        return undefined
      }
    },
  }
}

/** SEC 1 §2.3.3 prefixes: 02/03 compressed, 04 uncompressed (no hybrid 06/07). */
function isEncoding(publicKey: Uint8Array): boolean {
  const p = publicKey[0]
  return publicKey.length === 33 ? p === 2 || p === 3 : publicKey.length === 65 && p === 4
}

/** The parts of the `secp256k1` package's API (`secp256k1/bindings.js`) used here. */
export interface NativeSecp256k1 {
  publicKeyCreate(secret: Uint8Array, compressed: boolean): Uint8Array
  publicKeyConvert(publicKey: Uint8Array, compressed: boolean): Uint8Array
  ecdsaSign(digest: Uint8Array, secret: Uint8Array): { signature: Uint8Array; recid: number }
  ecdsaRecover(rs: Uint8Array, recovery: number, digest: Uint8Array, compressed: boolean): Uint8Array
}

/** The group order n of secp256k1 (SEC 2 §2.4.1). */
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

/**
 * The digest reduced mod n when it is ≥ n (probability ~2^-128 for a hash). ECDSA uses
 * the digest mod n either way, but libsecp256k1 feeds the unreduced bytes to its RFC 6979
 * nonce HMAC where the RFC (§3.2 d, bits2octets) and noble use the reduced ones; with the
 * reduced digest the two libraries return the same signature.
 */
function reduced(digest: Uint8Array): Uint8Array {
  // n starts with fifteen 0xff bytes: any smaller first byte means digest < n
  const z = digest[0] === 0xff ? BigInt(fromBytes(digest)) : 0n
  return z < N ? digest : toBytes(`0x${(z - N).toString(16).padStart(64, '0')}`)
}

/** The libsecp256k1 backend over the `secp256k1` package's native binding. */
export function nativeBackend(lib: NativeSecp256k1): Secp256k1Backend {
  return {
    name: 'libsecp256k1',
    publicKey: (secret) => lib.publicKeyCreate(secret, false).subarray(1),
    sign(digest, secret) {
      // libsecp256k1's default nonce is RFC 6979 (HMAC-SHA256), and it always returns low s
      const { signature, recid } = lib.ecdsaSign(reduced(digest), secret)
      return withV(signature, recid)
    },
    recover(digest, rs, recovery) {
      try {
        return lib.ecdsaRecover(rs, recovery, digest, false)
      } catch {
        return undefined
      }
    },
    decodePoint(publicKey) {
      // libsecp256k1 also parses the hybrid 06/07 form, which noble (and this API) rejects
      if (!isEncoding(publicKey)) return undefined
      try {
        return lib.publicKeyConvert(publicKey, false).subarray(1)
      } catch {
        return undefined
      }
    },
  }
}
