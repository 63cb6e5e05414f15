/**
 * The Node secp256k1 backend of `#secp256k1`. A process's first base-point
 * multiplications run in OpenSSL (`createECDH`, a constant-time ladder) with
 * `node:crypto` HMAC, so a process that signs one order loads no curve code and builds
 * no table: about 0.3 ms per multiplication from a cold start. From the 16th
 * multiplication on, noble's `Point` with a W=10 table takes over (~0.27 ms, faster
 * than OpenSSL for this curve). noble is loaded synchronously with `require` (ESM
 * through `require`, Node ≥ 20.19) the first time it is needed; should that fail, the
 * multiplications stay in OpenSSL. Where OpenSSL lacks secp256k1 (Electron's BoringSSL,
 * FIPS builds), noble signs from the first call, with the noble backend's schedule.
 * Exports the same functions as `secp256k1-noble`.
 * @module
 */
import { createECDH, createHmac, type ECDH } from 'node:crypto'
import { createRequire } from 'node:module'
import type { WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js'
import { type MulG, toBig } from './ecdsa.js'
import { ClobError } from './errors.js'
import { baseMultiplier, makePoint, UPGRADE_AFTER } from './secp256k1-curve.js'
import { putUint } from './struct.js'

/** Which backend this is. */
export const backend = 'node' as const

let Point: WeierstrassPointCons<bigint> | undefined
let loadError: unknown

function loadNoble(): WeierstrassPointCons<bigint> | undefined {
  if (Point === undefined && loadError === undefined) {
    try {
      const require = createRequire(import.meta.url)
      const { weierstrass } = require('@noble/curves/abstract/weierstrass.js')
      const { Field } = require('@noble/curves/abstract/modular.js')
      Point = makePoint(weierstrass, Field)
    } catch (e) {
      loadError = e
    }
  }
  return Point
}

let uses = 0
/** noble's multiplier, once noble signs. */
let fast: MulG | undefined
/** OpenSSL's secp256k1; null when this runtime's crypto library lacks the curve. */
let ecdh: ECDH | null | undefined
const scalar = Buffer.alloc(32)

function openssl(): ECDH | null {
  if (ecdh === undefined) {
    try {
      ecdh = createECDH('secp256k1')
    } catch {
      ecdh = null
    }
  }
  return ecdh
}

/** k·G (affine) in constant time: OpenSSL for the first 15 calls, then noble with a W=10 table. */
export function mulG(k: bigint): { readonly x: bigint; readonly y: bigint } {
  if (fast === undefined && (++uses >= UPGRADE_AFTER || openssl() === null)) {
    const P = loadNoble()
    if (P !== undefined) fast = baseMultiplier(P, uses - 1)
  }
  if (fast !== undefined) return fast(k)
  const native = openssl()
  if (native === null) {
    throw new ClobError(
      'UNSUPPORTED_RUNTIME',
      'no secp256k1 here: node:crypto lacks the curve and @noble/curves could not be loaded with require()',
    )
  }
  putUint(scalar, 0, k)
  native.setPrivateKey(scalar)
  scalar.fill(0)
  const point = native.getPublicKey()
  return { x: toBig(point.subarray(1, 33)), y: toBig(point.subarray(33, 65)) }
}

/** What computes k·G now: OpenSSL until the 16th call, then noble (unless it could not be loaded). */
export function engine(): 'openssl' | 'noble' {
  return fast === undefined ? 'openssl' : 'noble'
}

/** HMAC-SHA256 (RFC 2104). */
export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(data).digest()
}

/** The noble secp256k1 `Point` class, for decoding points and recovery; loaded on first use. */
export function curve(): WeierstrassPointCons<bigint> {
  const P = loadNoble()
  if (P === undefined) {
    throw new ClobError(
      'UNSUPPORTED_RUNTIME',
      'secp256k1 point operations need @noble/curves, which could not be loaded with require() (Node ≥ 20.19 loads ES modules that way)',
    )
  }
  return P
}
