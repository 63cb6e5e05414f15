/**
 * keccak256 (Ethereum's Keccak-256): the one hash under EIP-712 struct hashes, digests and
 * EIP-55 address checksums (PROTOCOL.md §2.3, §2.4, §2.7). Internal: exposed as
 * `TypedData.keccak256`.
 * @module
 */
import { InvalidParameterError } from './errors.js'

// keccak256 for the hot path (struct hashes and digests). An unrolled Keccak-f[1600] on
// 32-bit lane halves held in locals, written from the Keccak reference (FIPS 202 §3.2 with
// the original Keccak 0x01 padding); about twice as fast as the generic noble loop here.
// The tests compare it with @noble/hashes on every input length from 0 to 700 bytes.
// Why unrolled although it is the largest piece of this package in a bundle (~1.8 KB gzip): a
// rolled version (θ and χ per row in locals, ρ+π as one loop) saves ~1.1 KB gzip but is ~1.8×
// slower, which puts `Order.limit` + `Order.hash` near its 30 µs budget.

/**
 * Round constants ι, as [lo, hi] int32 pairs, from the degree-8 LFSR of FIPS 202 §3.2.5
 * (rc(t) for t = j + 7i sets bit 2^j − 1 of round i's constant).
 */
const RC = /* @__PURE__ */ (() => {
  const rc = new Int32Array(48)
  for (let i = 0, r = 1; i < 24; i++) {
    for (let j = 0; j < 7; j++) {
      if (r & 1) {
        const bit = (1 << j) - 1
        rc[2 * i + (bit >> 5)]! |= 1 << (bit & 31)
      }
      r = r & 0x80 ? (r << 1) ^ 0x171 : r << 1
    }
  }
  return rc
})()

/** `n` numbers, as a tuple type (to destructure the 50 lane halves). */
type Numbers<N extends number, T extends number[] = []> = T['length'] extends N
  ? T
  : Numbers<N, [...T, number]>

function keccakF1600(s: Int32Array): void {
  // Lanes in and out by destructuring and one `set`: ~0.4 KB gzip smaller than 100 indexed
  // statements, for ~5% of this function's time.
  let [
    a0l,
    a0h,
    a1l,
    a1h,
    a2l,
    a2h,
    a3l,
    a3h,
    a4l,
    a4h,
    a5l,
    a5h,
    a6l,
    a6h,
    a7l,
    a7h,
    a8l,
    a8h,
    a9l,
    a9h,
    a10l,
    a10h,
    a11l,
    a11h,
    a12l,
    a12h,
    a13l,
    a13h,
    a14l,
    a14h,
    a15l,
    a15h,
    a16l,
    a16h,
    a17l,
    a17h,
    a18l,
    a18h,
    a19l,
    a19h,
    a20l,
    a20h,
    a21l,
    a21h,
    a22l,
    a22h,
    a23l,
    a23h,
    a24l,
    a24h,
  ] = s as unknown as Numbers<50>
  for (let r = 0; r < 48; r += 2) {
    const c0l = a0l ^ a5l ^ a10l ^ a15l ^ a20l
    const c0h = a0h ^ a5h ^ a10h ^ a15h ^ a20h
    const c1l = a1l ^ a6l ^ a11l ^ a16l ^ a21l
    const c1h = a1h ^ a6h ^ a11h ^ a16h ^ a21h
    const c2l = a2l ^ a7l ^ a12l ^ a17l ^ a22l
    const c2h = a2h ^ a7h ^ a12h ^ a17h ^ a22h
    const c3l = a3l ^ a8l ^ a13l ^ a18l ^ a23l
    const c3h = a3h ^ a8h ^ a13h ^ a18h ^ a23h
    const c4l = a4l ^ a9l ^ a14l ^ a19l ^ a24l
    const c4h = a4h ^ a9h ^ a14h ^ a19h ^ a24h
    const d0l = c4l ^ ((c1l << 1) | (c1h >>> 31))
    const d0h = c4h ^ ((c1h << 1) | (c1l >>> 31))
    const d1l = c0l ^ ((c2l << 1) | (c2h >>> 31))
    const d1h = c0h ^ ((c2h << 1) | (c2l >>> 31))
    const d2l = c1l ^ ((c3l << 1) | (c3h >>> 31))
    const d2h = c1h ^ ((c3h << 1) | (c3l >>> 31))
    const d3l = c2l ^ ((c4l << 1) | (c4h >>> 31))
    const d3h = c2h ^ ((c4h << 1) | (c4l >>> 31))
    const d4l = c3l ^ ((c0l << 1) | (c0h >>> 31))
    const d4h = c3h ^ ((c0h << 1) | (c0l >>> 31))
    a0l ^= d0l
    a0h ^= d0h
    a5l ^= d0l
    a5h ^= d0h
    a10l ^= d0l
    a10h ^= d0h
    a15l ^= d0l
    a15h ^= d0h
    a20l ^= d0l
    a20h ^= d0h
    a1l ^= d1l
    a1h ^= d1h
    a6l ^= d1l
    a6h ^= d1h
    a11l ^= d1l
    a11h ^= d1h
    a16l ^= d1l
    a16h ^= d1h
    a21l ^= d1l
    a21h ^= d1h
    a2l ^= d2l
    a2h ^= d2h
    a7l ^= d2l
    a7h ^= d2h
    a12l ^= d2l
    a12h ^= d2h
    a17l ^= d2l
    a17h ^= d2h
    a22l ^= d2l
    a22h ^= d2h
    a3l ^= d3l
    a3h ^= d3h
    a8l ^= d3l
    a8h ^= d3h
    a13l ^= d3l
    a13h ^= d3h
    a18l ^= d3l
    a18h ^= d3h
    a23l ^= d3l
    a23h ^= d3h
    a4l ^= d4l
    a4h ^= d4h
    a9l ^= d4l
    a9h ^= d4h
    a14l ^= d4l
    a14h ^= d4h
    a19l ^= d4l
    a19h ^= d4h
    a24l ^= d4l
    a24h ^= d4h
    const b0l = a0l,
      b0h = a0h
    const b16l = (a5h << 4) | (a5l >>> 28),
      b16h = (a5l << 4) | (a5h >>> 28)
    const b7l = (a10l << 3) | (a10h >>> 29),
      b7h = (a10h << 3) | (a10l >>> 29)
    const b23l = (a15h << 9) | (a15l >>> 23),
      b23h = (a15l << 9) | (a15h >>> 23)
    const b14l = (a20l << 18) | (a20h >>> 14),
      b14h = (a20h << 18) | (a20l >>> 14)
    const b10l = (a1l << 1) | (a1h >>> 31),
      b10h = (a1h << 1) | (a1l >>> 31)
    const b1l = (a6h << 12) | (a6l >>> 20),
      b1h = (a6l << 12) | (a6h >>> 20)
    const b17l = (a11l << 10) | (a11h >>> 22),
      b17h = (a11h << 10) | (a11l >>> 22)
    const b8l = (a16h << 13) | (a16l >>> 19),
      b8h = (a16l << 13) | (a16h >>> 19)
    const b24l = (a21l << 2) | (a21h >>> 30),
      b24h = (a21h << 2) | (a21l >>> 30)
    const b20l = (a2h << 30) | (a2l >>> 2),
      b20h = (a2l << 30) | (a2h >>> 2)
    const b11l = (a7l << 6) | (a7h >>> 26),
      b11h = (a7h << 6) | (a7l >>> 26)
    const b2l = (a12h << 11) | (a12l >>> 21),
      b2h = (a12l << 11) | (a12h >>> 21)
    const b18l = (a17l << 15) | (a17h >>> 17),
      b18h = (a17h << 15) | (a17l >>> 17)
    const b9l = (a22h << 29) | (a22l >>> 3),
      b9h = (a22l << 29) | (a22h >>> 3)
    const b5l = (a3l << 28) | (a3h >>> 4),
      b5h = (a3h << 28) | (a3l >>> 4)
    const b21l = (a8h << 23) | (a8l >>> 9),
      b21h = (a8l << 23) | (a8h >>> 9)
    const b12l = (a13l << 25) | (a13h >>> 7),
      b12h = (a13h << 25) | (a13l >>> 7)
    const b3l = (a18l << 21) | (a18h >>> 11),
      b3h = (a18h << 21) | (a18l >>> 11)
    const b19l = (a23h << 24) | (a23l >>> 8),
      b19h = (a23l << 24) | (a23h >>> 8)
    const b15l = (a4l << 27) | (a4h >>> 5),
      b15h = (a4h << 27) | (a4l >>> 5)
    const b6l = (a9l << 20) | (a9h >>> 12),
      b6h = (a9h << 20) | (a9l >>> 12)
    const b22l = (a14h << 7) | (a14l >>> 25),
      b22h = (a14l << 7) | (a14h >>> 25)
    const b13l = (a19l << 8) | (a19h >>> 24),
      b13h = (a19h << 8) | (a19l >>> 24)
    const b4l = (a24l << 14) | (a24h >>> 18),
      b4h = (a24h << 14) | (a24l >>> 18)
    a0l = b0l ^ (~b1l & b2l)
    a0h = b0h ^ (~b1h & b2h)
    a1l = b1l ^ (~b2l & b3l)
    a1h = b1h ^ (~b2h & b3h)
    a2l = b2l ^ (~b3l & b4l)
    a2h = b2h ^ (~b3h & b4h)
    a3l = b3l ^ (~b4l & b0l)
    a3h = b3h ^ (~b4h & b0h)
    a4l = b4l ^ (~b0l & b1l)
    a4h = b4h ^ (~b0h & b1h)
    a5l = b5l ^ (~b6l & b7l)
    a5h = b5h ^ (~b6h & b7h)
    a6l = b6l ^ (~b7l & b8l)
    a6h = b6h ^ (~b7h & b8h)
    a7l = b7l ^ (~b8l & b9l)
    a7h = b7h ^ (~b8h & b9h)
    a8l = b8l ^ (~b9l & b5l)
    a8h = b8h ^ (~b9h & b5h)
    a9l = b9l ^ (~b5l & b6l)
    a9h = b9h ^ (~b5h & b6h)
    a10l = b10l ^ (~b11l & b12l)
    a10h = b10h ^ (~b11h & b12h)
    a11l = b11l ^ (~b12l & b13l)
    a11h = b11h ^ (~b12h & b13h)
    a12l = b12l ^ (~b13l & b14l)
    a12h = b12h ^ (~b13h & b14h)
    a13l = b13l ^ (~b14l & b10l)
    a13h = b13h ^ (~b14h & b10h)
    a14l = b14l ^ (~b10l & b11l)
    a14h = b14h ^ (~b10h & b11h)
    a15l = b15l ^ (~b16l & b17l)
    a15h = b15h ^ (~b16h & b17h)
    a16l = b16l ^ (~b17l & b18l)
    a16h = b16h ^ (~b17h & b18h)
    a17l = b17l ^ (~b18l & b19l)
    a17h = b17h ^ (~b18h & b19h)
    a18l = b18l ^ (~b19l & b15l)
    a18h = b18h ^ (~b19h & b15h)
    a19l = b19l ^ (~b15l & b16l)
    a19h = b19h ^ (~b15h & b16h)
    a20l = b20l ^ (~b21l & b22l)
    a20h = b20h ^ (~b21h & b22h)
    a21l = b21l ^ (~b22l & b23l)
    a21h = b21h ^ (~b22h & b23h)
    a22l = b22l ^ (~b23l & b24l)
    a22h = b22h ^ (~b23h & b24h)
    a23l = b23l ^ (~b24l & b20l)
    a23h = b23h ^ (~b24h & b20h)
    a24l = b24l ^ (~b20l & b21l)
    a24h = b24h ^ (~b20h & b21h)
    a0l ^= RC[r]!
    a0h ^= RC[r + 1]!
  }
  s.set([
    a0l,
    a0h,
    a1l,
    a1h,
    a2l,
    a2h,
    a3l,
    a3h,
    a4l,
    a4h,
    a5l,
    a5h,
    a6l,
    a6h,
    a7l,
    a7h,
    a8l,
    a8h,
    a9l,
    a9h,
    a10l,
    a10h,
    a11l,
    a11h,
    a12l,
    a12h,
    a13l,
    a13h,
    a14l,
    a14h,
    a15l,
    a15h,
    a16l,
    a16h,
    a17l,
    a17h,
    a18l,
    a18h,
    a19l,
    a19h,
    a20l,
    a20h,
    a21l,
    a21h,
    a22l,
    a22h,
    a23l,
    a23h,
    a24l,
    a24h,
  ])
}

let keccakState: Int32Array | undefined
let keccakTail: Uint8Array | undefined

function absorb(s: Int32Array, b: Uint8Array, o: number): void {
  for (let i = 0; i < 34; i++, o += 4)
    s[i]! ^= b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)
  keccakF1600(s)
}

/**
 * keccak256 (Ethereum's Keccak-256, not SHA3-256) of bytes.
 *
 * @example
 * ```ts
 * Hex.fromBytes(TypedData.keccak256(new Uint8Array(0)))
 * // '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470'
 * ```
 */
export function keccak256(data: Uint8Array): Uint8Array {
  if (!(data instanceof Uint8Array))
    throw new InvalidParameterError('INVALID_TYPED_DATA', 'data', 'expected a Uint8Array')
  if (keccakState === undefined) keccakState = new Int32Array(50)
  if (keccakTail === undefined) keccakTail = new Uint8Array(136)
  const s = keccakState
  const tail = keccakTail
  s.fill(0)
  const len = data.length
  let o = 0
  for (; len - o >= 136; o += 136) absorb(s, data, o)
  tail.fill(0)
  tail.set(data.subarray(o))
  tail[len - o]! ^= 0x01
  tail[135]! ^= 0x80
  absorb(s, tail, 0)
  const out = new Uint8Array(32)
  for (let i = 0; i < 8; i++) {
    const w = s[i]!
    out[4 * i] = w & 0xff
    out[4 * i + 1] = (w >>> 8) & 0xff
    out[4 * i + 2] = (w >>> 16) & 0xff
    out[4 * i + 3] = w >>> 24
  }
  return out
}
