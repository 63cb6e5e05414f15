/**
 * The portable secp256k1 backend of `#secp256k1` (browsers, edge runtimes, bundles):
 * noble's `Point` with the precomputation schedule of `secp256k1-curve`, and noble's
 * HMAC-SHA256. Exports the same functions as `secp256k1-node`.
 * @module
 */
import { Field } from '@noble/curves/abstract/modular.js'
import { weierstrass } from '@noble/curves/abstract/weierstrass.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import type { MulG } from './ecdsa.js'
import { baseMultiplier, makePoint } from './secp256k1-curve.js'

/** Which backend this is. */
export const backend = 'noble' as const

const Point = makePoint(weierstrass, Field)

/** k·G (affine) in constant time, through a W=4 table first and a W=10 one from the 16th call. */
export const mulG: MulG = baseMultiplier(Point)

/** What computes k·G: always noble here. */
export function engine(): 'openssl' | 'noble' {
  return 'noble'
}

/** HMAC-SHA256 (RFC 2104). */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return hmac(sha256, key, data)
}

/** The noble secp256k1 `Point` class, for decoding points and recovery. */
export function curve(): typeof Point {
  return Point
}
