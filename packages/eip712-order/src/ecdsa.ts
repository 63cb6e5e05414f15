/**
 * ECDSA over secp256k1 for 32-byte digests (SEC 1 §4.1.3, §4.1.6), the scheme behind
 * order signatures (PROTOCOL.md §2.5): RFC 6979 deterministic nonces (HMAC-SHA256
 * DRBG), low-s, and the recovery bit. It produces the signatures noble's
 * `secp256k1.sign(digest, key, { prehash: false, lowS: true })`, viem and ethers
 * produce, byte for byte.
 *
 * The point arithmetic is not here: the base-point multiplication and HMAC come from
 * the `#secp256k1` backend (noble everywhere; node:crypto for a process's first
 * signatures on Node), and recovery runs on noble's `Point`. What is here is scalar
 * arithmetic mod n, with noble's protections kept: the nonce inversion is blinded by a
 * random factor, so its variable-time Euclidean loop sees a value independent of the
 * nonce (Minerva), and the multiplication it is given must be constant-time.
 * @module
 */
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js'
import { ClobError } from './errors.js'
import { fromBytes } from './hex.js'
import { putUint } from './struct.js'

/** The group order n of secp256k1. */
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const HALF_N = N >> 1n

/** k·G in affine coordinates, computed in constant time for secret k ∈ [1, n−1]. */
export type MulG = (k: bigint) => { readonly x: bigint; readonly y: bigint }
/** HMAC-SHA256 of `data` under `key`. */
export type HmacSha256 = (key: Uint8Array, data: Uint8Array) => Uint8Array

/** Big-endian bytes (at least one) as an unsigned bigint. */
export function toBig(bytes: Uint8Array): bigint {
  return BigInt(fromBytes(bytes))
}

/** True when `k` is a valid secret scalar: 1 ≤ k < n. */
export function isScalar(k: bigint): boolean {
  return k > 0n && k < N
}

function mod(a: bigint, m = N): bigint {
  const r = a % m
  return r < 0n ? r + m : r
}

/** a⁻¹ mod n by the extended Euclidean algorithm (a ≠ 0 mod n). Variable-time: blind its input. */
function invert(a: bigint): bigint {
  let r0 = mod(a)
  let r1 = N
  let s0 = 1n
  let s1 = 0n
  while (r1 !== 0n) {
    const q = r0 / r1
    ;[r0, r1] = [r1, r0 - q * r1]
    ;[s0, s1] = [s1, s0 - q * s1]
  }
  return mod(s0)
}

/** A uniform blinding factor in [1, n−1] from 48 CSPRNG bytes (bias < 2^-128). */
function blinder(): bigint {
  return mod(toBig(globalThis.crypto.getRandomValues(new Uint8Array(48))), N - 1n) + 1n
}

/**
 * Signs a 32-byte digest with secret scalar `d` (its 32-byte encoding `secret`):
 * 65 bytes `r ‖ s ‖ v`, v ∈ {27, 28}, s ≤ n/2. The nonce is RFC 6979's (§3.2, HMAC-SHA256,
 * no extra entropy), so the output is deterministic.
 *
 * @example
 * ```ts
 * const sig = sign(d, secret, digest, mulG, hmacSha256) // Uint8Array(65)
 * ```
 */
export function sign(
  d: bigint,
  secret: Uint8Array,
  digest: Uint8Array,
  mulG: MulG,
  hmac: HmacSha256,
): Uint8Array {
  const z = digestScalar(digest)
  // RFC 6979 §3.2 b–g, with seed = int2octets(d) ‖ bits2octets(h1).
  const buf = new Uint8Array(32 + 1 + 64)
  let v: Uint8Array = new Uint8Array(32).fill(1)
  let k: Uint8Array = new Uint8Array(32)
  buf.set(secret, 33)
  putUint(buf, 65, z)
  buf.set(v, 0)
  buf[32] = 0
  k = hmac(k, buf)
  v = hmac(k, v)
  buf.set(v, 0)
  buf[32] = 1
  k = hmac(k, buf)
  v = hmac(k, v)
  for (;;) {
    // §3.2 h: T = V = HMAC_K(V); qlen = hlen = 256, so one block is a candidate.
    v = hmac(k, v)
    const nonce = toBig(v)
    if (isScalar(nonce)) {
      const q = mulG(nonce)
      const r = mod(q.x)
      if (r !== 0n) {
        const b = blinder()
        // s = (b·k)⁻¹ · (b·z + b·d·r) = k⁻¹ (z + r·d) mod n
        let s = mod(invert(mod(b * nonce)) * mod(mod(b * z) + mod(b * d) * r))
        if (s !== 0n) {
          let recovery = (q.x === r ? 0 : 2) | Number(q.y & 1n)
          if (s > HALF_N) {
            s = N - s
            recovery ^= 1
          }
          // q.x ≥ n (probability ~2^-128) needs recovery id 2 or 3, which v ∈ {27, 28} cannot carry.
          if (recovery > 1) {
            throw new ClobError('INVALID_SIGNATURE', 'signature has an unrepresentable recovery id')
          }
          const out = new Uint8Array(65)
          putUint(out, 0, r)
          putUint(out, 32, s)
          out[64] = 27 + recovery
          return out
        }
      }
    }
    // §3.2 h.3: K = HMAC_K(V ‖ 0x00), V = HMAC_K(V), then try again.
    k = hmac(k, Uint8Array.of(...v, 0))
    v = hmac(k, v)
  }
}

/**
 * The public key (65 bytes, uncompressed) that signed digest `z` (already reduced mod n)
 * with `(r, s)`, r, s ∈ [1, n−1], and recovery bit `odd` (SEC 1 §4.1.6): Q = r⁻¹(s·R − z·G).
 * Public data only, so noble's variable-time multiplication is used. Throws when no point
 * recovers.
 */
export function recover(
  Point: WeierstrassPointCons<bigint>,
  z: bigint,
  r: bigint,
  s: bigint,
  odd: boolean,
): Uint8Array {
  const compressed = new Uint8Array(33)
  compressed[0] = odd ? 3 : 2
  putUint(compressed, 1, r)
  const R = Point.fromBytes(compressed) // throws when r is not the x of a curve point
  const ir = invert(r)
  const Q = Point.BASE.mulAddUnsafe(mod(-z * ir), R, mod(s * ir))
  if (Q.is0()) throw new Error('recovered the point at infinity')
  Q.assertValidity()
  return Q.toBytes(false)
}

/** A 32-byte digest reduced mod n, as ECDSA uses it. */
export function digestScalar(digest: Uint8Array): bigint {
  return mod(toBig(digest))
}
