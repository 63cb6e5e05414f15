/**
 * The secp256k1 curve (SEC 2 §2.4.1) as a noble `Point`, built from noble's generic
 * short-Weierstrass constructor with the GLV endomorphism, and the schedule of its
 * base-point precomputation. The constructor is passed in, so the Node backend can
 * load noble only when it first needs it.
 * @module
 */
import type { Field as FieldFn } from '@noble/curves/abstract/modular.js'
import type { weierstrass as Weierstrass, WeierstrassPointCons } from '@noble/curves/abstract/weierstrass.js'
import { type MulG, N } from './ecdsa.js'

/**
 * Window of the base-point table for processes that sign in volume. noble's default is 6;
 * 10 costs ~180 ms and ~3 MB once per process and makes each signature ~30% faster. A
 * process that signs a handful of orders (a CLI, a script) never earns that back, so the
 * table is built at the {@link UPGRADE_AFTER}th multiplication; until then a small table
 * is used. Multiplication through any table is constant-time.
 */
export const SIGNING_WINDOW = 10
/** The first multiplications use W=4 (~1/8 of the W=6 build time) so a cold start stays cheap. */
export const START_WINDOW = 4
/** Base-point multiplications (key derivation and signatures) before the big table is built. */
export const UPGRADE_AFTER = 16

/** Builds the secp256k1 `Point` class with noble's `weierstrass` and `Field`. */
export function makePoint(
  weierstrass: typeof Weierstrass,
  Field: typeof FieldFn,
): WeierstrassPointCons<bigint> {
  const p = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn
  return weierstrass(
    {
      p,
      n: N,
      h: 1n,
      a: 0n,
      b: 7n,
      Gx: 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n,
      Gy: 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n,
    },
    {
      Fp: Field(p),
      endo: {
        beta: 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een,
        basises: [
          [0x3086d221a7d46bcde86c90e49284eb15n, -0xe4437ed6010e88286f547fa90abfe4c3n],
          [0x114ca50f7a8e2f3f657c1108d9d44cfd8n, 0x3086d221a7d46bcde86c90e49284eb15n],
        ],
      },
    },
  )
}

/**
 * k·G through `Point`'s base table on the schedule above: window 4 until the
 * {@link UPGRADE_AFTER}th multiplication, window 10 from then on. `done` counts the
 * multiplications made before this one took over (by OpenSSL on Node).
 */
export function baseMultiplier(Point: WeierstrassPointCons<bigint>, done = 0): MulG {
  let uses = done
  let window = 0
  return (k) => {
    if (window !== SIGNING_WINDOW) {
      const want = ++uses >= UPGRADE_AFTER ? SIGNING_WINDOW : START_WINDOW
      if (want !== window) {
        // A lazy window is built at the next multiply; the big one is built now, once.
        Point.BASE.precompute(want, want === START_WINDOW)
        window = want
      }
    }
    return Point.BASE.multiply(k).toAffine()
  }
}
