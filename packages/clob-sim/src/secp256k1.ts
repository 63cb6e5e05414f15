/**
 * secp256k1 arithmetic for verifying order signatures against cached public keys.
 *
 * Node's `crypto.verify` hashes its input (SHA-256 for EC keys, also with a `null`
 * algorithm), so it cannot check an ECDSA signature over a raw 32-byte EIP-712 digest.
 * This module does it instead: 256-bit field arithmetic mod p in a small WebAssembly
 * module generated below (32-bit limbs in 64-bit registers; no toolchain, no binary
 * blob), point doubling and mixed addition in Jacobian coordinates, and fixed-base
 * windowed multiplication with precomputed affine tables for G and for cached keys.
 * Scalars mod n stay in BigInt.
 *
 * Not constant time: it only handles public data (signatures, digests, public keys),
 * except {@link Curve.signDigest}, which exists for the load benchmark's test keys.
 * @module
 */

/** Field prime p = 2^256 − 2^32 − 977. */
export const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn
/** Group order n. */
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const GX = 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n
const GY = 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n
const HALF_N = N >> 1n

// ---------------------------------------------------------------- a minimal WebAssembly emitter

function uleb(n: number): number[] {
  const out: number[] = []
  do {
    let b = n & 0x7f
    n >>>= 7
    if (n !== 0) b |= 0x80
    out.push(b)
  } while (n !== 0)
  return out
}

function sleb(value: bigint): number[] {
  const out: number[] = []
  let n = value
  for (;;) {
    const b = Number(n & 0x7fn)
    n >>= 7n
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b)
      return out
    }
    out.push(b | 0x80)
  }
}

function vec(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()]
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body]
}

const I32 = 0x7f
const I64 = 0x7e

/** Function indices, in definition order. */
const F = {
  mul: 0,
  add: 1,
  sub: 2,
  isZero: 3,
  copy: 4,
  inv: 5,
  dbl: 6,
  madd: 7,
  toAffine: 8,
  sqr: 9,
} as const

/** An operand: a parameter plus a byte offset, or an absolute address. */
type Ptr = { readonly param: number; readonly off: number } | number

class Fn {
  readonly code: number[] = []
  private locals = 0
  constructor(
    readonly params: number,
    readonly result: boolean,
  ) {}

  /** A new i64 local. */
  local(): number {
    return this.params + this.locals++
  }

  emit(...bytes: number[]): this {
    this.code.push(...bytes)
    return this
  }

  get(i: number): this {
    return this.emit(0x20, ...uleb(i))
  }
  set(i: number): this {
    return this.emit(0x21, ...uleb(i))
  }
  tee(i: number): this {
    return this.emit(0x22, ...uleb(i))
  }
  i64(n: bigint): this {
    return this.emit(0x42, ...sleb(n))
  }
  i32(n: number): this {
    return this.emit(0x41, ...sleb(BigInt(n)))
  }
  /** Pushes the address of an operand. */
  ptr(p: Ptr): this {
    if (typeof p === 'number') return this.i32(p)
    this.get(p.param)
    return p.off === 0 ? this : this.i32(p.off).emit(0x6a)
  }
  /** i64.load32_u of limb `k` at a parameter pointer. */
  limb(param: number, k: number): this {
    return this.get(param).emit(0x35, 2, ...uleb(4 * k))
  }
  /** i64.store32 of a local into limb `k` at a parameter pointer. */
  storeLimb(param: number, k: number, local: number): this {
    return this.get(param)
      .get(local)
      .emit(0x3e, 2, ...uleb(4 * k))
  }
  call(fn: number, ...args: Ptr[]): this {
    for (const a of args) this.ptr(a)
    return this.emit(0x10, ...uleb(fn))
  }

  body(): number[] {
    const decls = this.locals > 0 ? [[...uleb(this.locals), I64]] : []
    const b = [...vec(decls), ...this.code, 0x0b]
    return [...uleb(b.length), ...b]
  }
}

const MASK = 0xffffffffn
const op = {
  add: 0x7c,
  sub: 0x7d,
  mul: 0x7e,
  and: 0x83,
  or: 0x84,
  shrU: 0x88,
  eqz: 0x50,
  wrap: 0xa7,
  select: 0x1b,
} as const

/** `t & MASK -> dst; t >> 32 -> carry` for the value on the stack. */
function split(f: Fn, t: number, dst: number, carry: number): void {
  f.tee(t).i64(MASK).emit(op.and).set(dst)
  f.get(t).i64(32n).emit(op.shrU).set(carry)
}

/**
 * Stores `limbs`, or `limbs + 2^32 + 977` (i.e. minus p, mod 2^256) when that overflows
 * or `force` is set, into the destination. Input < 2p, so the result is canonical.
 */
function canonicalStore(f: Fn, dst: number, limbs: number[], force: number | undefined): void {
  const u = limbs.map(() => f.local())
  const t = f.local()
  const cy = f.local()
  for (let k = 0; k < 8; k++) {
    f.get(limbs[k] as number)
    if (k === 0) f.i64(977n).emit(op.add)
    else if (k === 1) f.i64(1n).emit(op.add).get(cy).emit(op.add)
    else f.get(cy).emit(op.add)
    split(f, t, u[k] as number, cy)
  }
  if (force !== undefined) f.get(cy).get(force).emit(op.or).set(cy)
  for (let k = 0; k < 8; k++) {
    f.get(dst)
    f.get(u[k] as number)
      .get(limbs[k] as number)
      .get(cy)
      .emit(op.wrap, op.select)
    f.emit(0x3e, 2, ...uleb(4 * k))
  }
}

/** Reduces the 512-bit product in r[0..15] mod p and stores it at param 0. */
function reduceStore(f: Fn, r: number[], t: number, c: number): void {
  // fold 1: 2^256 ≡ 2^32 + 977, so L + H·977 + (H << 32)
  for (let k = 0; k < 8; k++) {
    f.get(r[k] as number)
      .get(r[8 + k] as number)
      .i64(977n)
      .emit(op.mul, op.add)
    if (k > 0)
      f.get(r[7 + k] as number)
        .emit(op.add)
        .get(c)
        .emit(op.add)
    split(f, t, r[k] as number, c)
  }
  const top = f.local()
  f.get(r[15] as number)
    .get(c)
    .emit(op.add)
    .set(top)
  // fold 2 (top < 2^33), then fold 3 for a last carry bit
  for (const pass of [0, 1]) {
    for (let k = 0; k < 8; k++) {
      f.get(r[k] as number)
      if (k === 0) f.get(top).i64(977n).emit(op.mul, op.add)
      else if (k === 1) f.get(top).emit(op.add).get(c).emit(op.add)
      else f.get(c).emit(op.add)
      split(f, t, r[k] as number, c)
    }
    if (pass === 0) f.get(c).set(top)
  }
  canonicalStore(f, 0, r.slice(0, 8), undefined)
}

/** d = a² mod p (params d, a): 36 products instead of 64. */
function genSqr(): Fn {
  const f = new Fn(2, false)
  const a = Array.from({ length: 8 }, () => f.local())
  const r = Array.from({ length: 16 }, () => f.local())
  const t = f.local()
  const c = f.local()
  for (let k = 0; k < 8; k++) f.limb(1, k).set(a[k] as number)
  // cross products a_i·a_j, i < j
  for (let i = 0; i < 7; i++) {
    for (let j = i + 1; j < 8; j++) {
      f.get(a[i] as number)
        .get(a[j] as number)
        .emit(op.mul)
      if (i > 0) f.get(r[i + j] as number).emit(op.add)
      if (j > i + 1) f.get(c).emit(op.add)
      split(f, t, r[i + j] as number, c)
    }
    f.get(c).set(r[i + 8] as number)
  }
  // double them (r[0] and r[15] are still 0)
  for (let k = 1; k < 16; k++) {
    f.get(r[k] as number)
      .get(r[k] as number)
      .emit(op.add)
    if (k > 1) f.get(c).emit(op.add)
    split(f, t, r[k] as number, c)
  }
  // add the squares a_i² at 2i
  for (let i = 0; i < 8; i++) {
    f.get(a[i] as number)
      .get(a[i] as number)
      .emit(op.mul)
      .get(r[2 * i] as number)
      .emit(op.add)
    if (i > 0) f.get(c).emit(op.add)
    split(f, t, r[2 * i] as number, c)
    f.get(r[2 * i + 1] as number)
      .get(c)
      .emit(op.add)
    split(f, t, r[2 * i + 1] as number, c)
  }
  reduceStore(f, r, t, c)
  return f
}

/** d = a·b mod p (params d, a, b; aliasing allowed). */
function genMul(): Fn {
  const f = new Fn(3, false)
  const a = Array.from({ length: 8 }, () => f.local())
  const b = Array.from({ length: 8 }, () => f.local())
  const r = Array.from({ length: 16 }, () => f.local())
  const t = f.local()
  const c = f.local()
  for (let k = 0; k < 8; k++) f.limb(1, k).set(a[k] as number)
  for (let k = 0; k < 8; k++) f.limb(2, k).set(b[k] as number)
  // schoolbook, row by row: a_i·b_j + r + carry < 2^64
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      f.get(a[i] as number)
        .get(b[j] as number)
        .emit(op.mul)
      if (i > 0) f.get(r[i + j] as number).emit(op.add)
      if (j > 0) f.get(c).emit(op.add)
      split(f, t, r[i + j] as number, c)
    }
    f.get(c).set(r[i + 8] as number)
  }
  reduceStore(f, r, t, c)
  return f
}

/** d = a + b mod p. */
function genAdd(): Fn {
  const f = new Fn(3, false)
  const s = Array.from({ length: 8 }, () => f.local())
  const t = f.local()
  const c = f.local()
  for (let k = 0; k < 8; k++) {
    f.limb(1, k).limb(2, k).emit(op.add)
    if (k > 0) f.get(c).emit(op.add)
    split(f, t, s[k] as number, c)
  }
  canonicalStore(f, 0, s, c)
  return f
}

/** d = a − b mod p. */
function genSub(): Fn {
  const f = new Fn(3, false)
  const s = Array.from({ length: 8 }, () => f.local())
  const u = Array.from({ length: 8 }, () => f.local())
  const t = f.local()
  const br = f.local()
  const bb = f.local()
  for (let k = 0; k < 8; k++) {
    f.limb(1, k).limb(2, k).emit(op.sub)
    if (k > 0) f.get(br).emit(op.sub)
    f.tee(t)
      .i64(MASK)
      .emit(op.and)
      .set(s[k] as number)
    f.get(t).i64(63n).emit(op.shrU).set(br)
  }
  // on a final borrow the result is s + p = s − (2^32 + 977) mod 2^256
  for (let k = 0; k < 8; k++) {
    f.get(s[k] as number)
    if (k === 0) f.i64(977n).emit(op.sub)
    else if (k === 1) f.i64(1n).emit(op.sub).get(bb).emit(op.sub)
    else f.get(bb).emit(op.sub)
    f.tee(t)
      .i64(MASK)
      .emit(op.and)
      .set(u[k] as number)
    f.get(t).i64(63n).emit(op.shrU).set(bb)
  }
  for (let k = 0; k < 8; k++) {
    f.get(0)
    f.get(u[k] as number)
      .get(s[k] as number)
      .get(br)
      .emit(op.wrap, op.select)
    f.emit(0x3e, 2, ...uleb(4 * k))
  }
  return f
}

/** 1 when the (canonical) element at a is zero. */
function genIsZero(): Fn {
  const f = new Fn(1, true)
  for (let k = 0; k < 4; k++) {
    f.get(0).emit(0x29, 3, ...uleb(8 * k))
    if (k > 0) f.emit(op.or)
  }
  f.emit(op.eqz)
  return f
}

function genCopy(): Fn {
  const f = new Fn(2, false)
  for (let k = 0; k < 4; k++)
    f.get(0)
      .get(1)
      .emit(0x29, 3, ...uleb(8 * k), 0x37, 3, ...uleb(8 * k))
  return f
}

// scratch layout (bytes); everything else in memory belongs to the JS side
const ZERO = 0
const ONE = 32
const INV_T = 64 // 12 elements
const DBL_T = 512 // 7 elements
const ADD_T = 768 // 10 elements
const AFF_T = 1152 // 3 elements
const fe = (base: number, i: number) => base + 32 * i

/** d = a^(p−2) mod p: libsecp256k1's addition chain (255 squarings, 15 multiplications). */
function genInv(): Fn {
  const f = new Fn(2, false)
  const a: Ptr = { param: 1, off: 0 }
  const d: Ptr = { param: 0, off: 0 }
  const [x2, x3, x6, x9, x11, x22, x44, x88, x176, x220, x223, t1] = Array.from({ length: 12 }, (_, i) =>
    fe(INV_T, i),
  ) as [number, number, number, number, number, number, number, number, number, number, number, number]
  const sqrN = (dst: number, src: Ptr, n: number) => {
    f.call(F.sqr, dst, src)
    for (let i = 1; i < n; i++) f.call(F.sqr, dst, dst)
  }
  sqrN(x2, a, 1)
  f.call(F.mul, x2, x2, a)
  sqrN(x3, x2, 1)
  f.call(F.mul, x3, x3, a)
  sqrN(x6, x3, 3)
  f.call(F.mul, x6, x6, x3)
  sqrN(x9, x6, 3)
  f.call(F.mul, x9, x9, x3)
  sqrN(x11, x9, 2)
  f.call(F.mul, x11, x11, x2)
  sqrN(x22, x11, 11)
  f.call(F.mul, x22, x22, x11)
  sqrN(x44, x22, 22)
  f.call(F.mul, x44, x44, x22)
  sqrN(x88, x44, 44)
  f.call(F.mul, x88, x88, x44)
  sqrN(x176, x88, 88)
  f.call(F.mul, x176, x176, x88)
  sqrN(x220, x176, 44)
  f.call(F.mul, x220, x220, x44)
  sqrN(x223, x220, 3)
  f.call(F.mul, x223, x223, x3)
  sqrN(t1, x223, 23)
  f.call(F.mul, t1, t1, x22)
  sqrN(t1, t1, 5)
  f.call(F.mul, t1, t1, a)
  sqrN(t1, t1, 3)
  f.call(F.mul, t1, t1, x2)
  sqrN(t1, t1, 2)
  f.call(F.mul, d, t1, a)
  return f
}

/** In-place doubling of the Jacobian point at param 0 (dbl-2009-l, a = 0). */
function genDbl(): Fn {
  const f = new Fn(1, false)
  const X: Ptr = { param: 0, off: 0 }
  const Y: Ptr = { param: 0, off: 32 }
  const Z: Ptr = { param: 0, off: 64 }
  const [A, B, C, T, D, E, Fv] = Array.from({ length: 7 }, (_, i) => fe(DBL_T, i)) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  f.call(F.sqr, A, X)
  f.call(F.sqr, B, Y)
  f.call(F.sqr, C, B)
  f.call(F.add, T, X, B)
  f.call(F.sqr, T, T)
  f.call(F.sub, T, T, A)
  f.call(F.sub, T, T, C)
  f.call(F.add, D, T, T)
  f.call(F.add, E, A, A)
  f.call(F.add, E, E, A)
  f.call(F.sqr, Fv, E)
  f.call(F.mul, Z, Y, Z)
  f.call(F.add, Z, Z, Z)
  f.call(F.sub, X, Fv, D)
  f.call(F.sub, X, X, D)
  f.call(F.sub, T, D, X)
  f.call(F.mul, T, E, T)
  f.call(F.add, C, C, C)
  f.call(F.add, C, C, C)
  f.call(F.add, C, C, C)
  f.call(F.sub, Y, T, C)
  return f
}

/**
 * In-place P += ±Q for Jacobian P (param 0) and affine Q (param 1); param 2 ≠ 0 negates Q
 * (madd-2007-bl, with the infinity and doubling cases handled).
 */
function genMadd(): Fn {
  const f = new Fn(3, false)
  const X: Ptr = { param: 0, off: 0 }
  const Y: Ptr = { param: 0, off: 32 }
  const Z: Ptr = { param: 0, off: 64 }
  const qx: Ptr = { param: 1, off: 0 }
  const qy: Ptr = { param: 1, off: 32 }
  const [ZZ, U2, S2, H, R, HH, I, J, V, T] = Array.from({ length: 10 }, (_, i) =>
    fe(ADD_T, i),
  ) as number[] as [number, number, number, number, number, number, number, number, number, number]
  const ifNeg = (then: () => void, otherwise?: () => void) => {
    f.get(2).emit(0x04, 0x40)
    then()
    if (otherwise) {
      f.emit(0x05)
      otherwise()
    }
    f.emit(0x0b)
  }
  // P at infinity: P = ±Q
  f.call(F.isZero, Z).emit(0x04, 0x40)
  f.call(F.copy, X, qx)
  ifNeg(
    () => f.call(F.sub, Y, ZERO, qy),
    () => f.call(F.copy, Y, qy),
  )
  f.call(F.copy, Z, ONE)
  f.emit(0x0f, 0x0b)
  f.call(F.sqr, ZZ, Z)
  f.call(F.mul, U2, qx, ZZ)
  f.call(F.mul, S2, qy, Z)
  f.call(F.mul, S2, S2, ZZ)
  ifNeg(() => f.call(F.sub, S2, ZERO, S2))
  f.call(F.sub, H, U2, X)
  f.call(F.sub, R, S2, Y)
  // same x: P == Q doubles, P == −Q gives infinity
  f.call(F.isZero, H).emit(0x04, 0x40)
  f.call(F.isZero, R).emit(0x04, 0x40)
  f.call(F.dbl, X)
  f.emit(0x05)
  f.call(F.copy, Z, ZERO)
  f.emit(0x0b, 0x0f, 0x0b)
  f.call(F.sqr, HH, H)
  f.call(F.add, I, HH, HH)
  f.call(F.add, I, I, I)
  f.call(F.mul, J, H, I)
  f.call(F.add, R, R, R)
  f.call(F.mul, V, X, I)
  f.call(F.mul, T, Y, J)
  f.call(F.add, T, T, T)
  f.call(F.sqr, X, R)
  f.call(F.sub, X, X, J)
  f.call(F.sub, X, X, V)
  f.call(F.sub, X, X, V)
  f.call(F.sub, V, V, X)
  f.call(F.mul, V, R, V)
  f.call(F.sub, Y, V, T)
  f.call(F.add, Z, Z, H)
  f.call(F.sqr, Z, Z)
  f.call(F.sub, Z, Z, ZZ)
  f.call(F.sub, Z, Z, HH)
  return f
}

/** Affine (x, y) of the Jacobian point at param 0 into param 1; returns 0 at infinity. */
function genToAffine(): Fn {
  const f = new Fn(2, true)
  const X: Ptr = { param: 0, off: 0 }
  const Y: Ptr = { param: 0, off: 32 }
  const Z: Ptr = { param: 0, off: 64 }
  const [zi, z2, z3] = [fe(AFF_T, 0), fe(AFF_T, 1), fe(AFF_T, 2)]
  f.call(F.isZero, Z).emit(0x04, 0x40).i32(0).emit(0x0f, 0x0b)
  f.call(F.inv, zi, Z)
  f.call(F.sqr, z2, zi)
  f.call(F.mul, z3, z2, zi)
  f.call(F.mul, { param: 1, off: 0 }, X, z2)
  f.call(F.mul, { param: 1, off: 32 }, Y, z3)
  f.i32(1)
  return f
}

function buildModule(): Uint8Array<ArrayBuffer> {
  const fns: [string, Fn][] = [
    ['mul', genMul()],
    ['add', genAdd()],
    ['sub', genSub()],
    ['isZero', genIsZero()],
    ['copy', genCopy()],
    ['inv', genInv()],
    ['dbl', genDbl()],
    ['madd', genMadd()],
    ['toAffine', genToAffine()],
    ['sqr', genSqr()],
  ]
  const sigs: string[] = []
  const typeOf = (f: Fn) => {
    const key = `${f.params}:${f.result}`
    let i = sigs.indexOf(key)
    if (i < 0) i = sigs.push(key) - 1
    return i
  }
  const typeIdx = fns.map(([, f]) => typeOf(f))
  const types = sigs.map((key) => {
    const [n, r] = key.split(':')
    return [0x60, ...vec(Array.from({ length: Number(n) }, () => [I32])), ...vec(r === 'true' ? [[I32]] : [])]
  })
  const name = (s: string) => vec([...s].map((c) => [c.charCodeAt(0)]))
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vec(types)),
    ...section(2, vec([[...name('m'), ...name('mem'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(typeIdx.map((i) => uleb(i)))),
    ...section(7, vec(fns.map(([n], i) => [...name(n), 0x00, ...uleb(i)]))),
    ...section(10, vec(fns.map(([, f]) => f.body()))),
  ])
}

interface Exports {
  mul(d: number, a: number, b: number): void
  add(d: number, a: number, b: number): void
  sub(d: number, a: number, b: number): void
  isZero(a: number): number
  copy(d: number, a: number): void
  inv(d: number, a: number): void
  dbl(p: number): void
  madd(p: number, q: number, neg: number): void
  toAffine(p: number, out: number): number
  sqr(d: number, a: number): void
}

let compiled: WebAssembly.Module | undefined

function wasmModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(buildModule())
  return compiled
}

// ---------------------------------------------------------------- scalars and conversions

/**
 * a^-1 mod m for a ≠ 0 mod m and gcd(a, m) = 1: Lehmer's extended Euclid. Each round
 * simulates Euclid on the leading 48 bits in doubles (every intermediate stays below
 * 2^50, so it is exact) and applies the resulting 2×2 matrix to the bigints once;
 * about 2.5× faster than plain bigint Euclid.
 */
export function invMod(a: bigint, m: bigint): bigint {
  let u = m
  let v = ((a % m) + m) % m
  let xu = 0n
  let xv = 1n
  while (v !== 0n) {
    const bits = u.toString(16).length * 4
    const shift = BigInt(bits > 48 ? bits - 48 : 0)
    let uh = Number(u >> shift)
    let vh = Number(v >> shift)
    let A = 1
    let B = 0
    let C = 0
    let D = 1
    for (;;) {
      if (vh + C === 0 || vh + D === 0) break
      const q = Math.floor((uh + A) / (vh + C))
      if (q !== Math.floor((uh + B) / (vh + D))) break
      let t = A - q * C
      A = C
      C = t
      t = B - q * D
      B = D
      D = t
      t = uh - q * vh
      uh = vh
      vh = t
    }
    if (B === 0) {
      const q = u / v
      const t = u - q * v
      u = v
      v = t
      const x = xu - q * xv
      xu = xv
      xv = x
    } else {
      const a1 = BigInt(A)
      const b1 = BigInt(B)
      const c1 = BigInt(C)
      const d1 = BigInt(D)
      const nu = a1 * u + b1 * v
      v = c1 * u + d1 * v
      u = nu
      const nx = a1 * xu + b1 * xv
      xv = c1 * xu + d1 * xv
      xu = nx
    }
  }
  if (u !== 1n) throw new RangeError('not invertible')
  return ((xu % m) + m) % m
}

function powMod(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n
  let x = b % m
  let k = e
  while (k > 0n) {
    if (k & 1n) r = (r * x) % m
    x = (x * x) % m
    k >>= 1n
  }
  return r
}

/** The affine point with x-coordinate `x` and y of the given parity, or undefined. */
export function liftX(x: bigint, odd: boolean): { x: bigint; y: bigint } | undefined {
  if (x <= 0n || x >= P) return undefined
  const y2 = (((x * x) % P) * x + 7n) % P
  let y = powMod(y2, (P + 1n) / 4n, P)
  if ((y * y) % P !== y2) return undefined
  if ((y & 1n) === 1n) y = odd ? y : P - y
  else y = odd ? P - y : y
  return { x, y }
}

const HEX64 = /^[0-9a-fA-F]{64}$/

/** A 64-digit hex (no 0x) as a bigint. */
function hex64(h: string): bigint {
  return BigInt(`0x${h}`)
}

/** A window layout: `w`-bit signed digits, `windows` of them, 2^(w−1) points per window. */
interface Layout {
  readonly w: number
  readonly windows: number
  readonly half: number
  readonly bytes: number
}

function layout(w: number): Layout {
  const windows = Math.ceil(256 / w) + 1
  const half = 1 << (w - 1)
  return { w, windows, half, bytes: windows * half * 64 }
}

const G_LAYOUT = layout(8)
const Q_LAYOUT = layout(6)

// memory layout (bytes)
const ACC = 2048 // Jacobian accumulator (96)
const PT = 2176 // affine operand (64)
const OUT = 2240 // affine result (64)
const FE = 2304 // JS-side field slots, 32 bytes each (8)
const STAGE = 4096 // batch normalisation: up to 129 Jacobian points + prefix products
const G_TABLE = 65536
const SLOTS = G_TABLE + G_LAYOUT.bytes

let gTableBytes: Uint8Array | undefined

/**
 * One WebAssembly instance with its own memory: the G table and up to `slots` key tables.
 *
 * @example
 * ```ts
 * const c = new Curve(4)
 * c.buildTable(0, pub.x, pub.y)
 * c.verify(z, r, s, recovery, 0) // true for a valid signature by pub
 * ```
 */
export class Curve {
  private readonly mem: WebAssembly.Memory
  private u32: Uint32Array
  private readonly x: Exports
  private readonly digits = new Int32Array(64)
  private readonly bytes = new Uint8Array(36)
  private slotCapacity = 0

  constructor(readonly slots: number) {
    this.mem = new WebAssembly.Memory({ initial: Math.ceil(SLOTS / 65536) })
    this.u32 = new Uint32Array(this.mem.buffer)
    const inst = new WebAssembly.Instance(wasmModule(), { m: { mem: this.mem } })
    this.x = inst.exports as unknown as Exports
    this.u32[ONE / 4] = 1
    if (gTableBytes === undefined) {
      this.writePoint(PT, GX, GY)
      this.buildInto(G_TABLE, G_LAYOUT)
      gTableBytes = new Uint8Array(this.mem.buffer, G_TABLE, G_LAYOUT.bytes).slice()
    } else {
      new Uint8Array(this.mem.buffer, G_TABLE, G_LAYOUT.bytes).set(gTableBytes)
    }
  }

  /** Bytes of wasm memory in use (the G table, the key tables built so far, scratch). */
  get memoryBytes(): number {
    return this.mem.buffer.byteLength
  }

  private writeFe(addr: number, v: bigint): void {
    const h = v.toString(16).padStart(64, '0')
    const base = addr >> 2
    for (let k = 0; k < 8; k++) this.u32[base + k] = Number.parseInt(h.slice(56 - 8 * k, 64 - 8 * k), 16)
  }

  private readFe(addr: number): bigint {
    let h = ''
    const base = addr >> 2
    for (let k = 7; k >= 0; k--) h += (this.u32[base + k] as number).toString(16).padStart(8, '0')
    return BigInt(`0x${h}`)
  }

  private writePoint(addr: number, x: bigint, y: bigint): void {
    this.writeFe(addr, x)
    this.writeFe(addr + 32, y)
  }

  private clearAcc(): void {
    this.u32.fill(0, ACC >> 2, (ACC + 96) >> 2)
  }

  /**
   * Fills a window table for the affine point at PT (which it overwrites): entry (i, j)
   * = j·2^(w·i)·P, j = 1…2^(w−1), affine, 64 bytes each.
   */
  private buildInto(base: number, lay: Layout): void {
    const { mul, madd, dbl, copy, inv } = this.x
    const m = lay.half + 1
    const jac = STAGE
    const pre = STAGE + m * 96
    for (let i = 0; i < lay.windows; i++) {
      // j·B for j = 1..half (madd handles the doubling at j = 2), then 2^w·B
      this.clearAcc()
      for (let j = 0; j < lay.half; j++) {
        madd(ACC, PT, 0)
        copy(jac + j * 96, ACC)
        copy(jac + j * 96 + 32, ACC + 32)
        copy(jac + j * 96 + 64, ACC + 64)
      }
      dbl(ACC)
      copy(jac + lay.half * 96, ACC)
      copy(jac + lay.half * 96 + 32, ACC + 32)
      copy(jac + lay.half * 96 + 64, ACC + 64)
      // batch inversion of the m Z coordinates (none is zero: j·2^(w·i) < n·2^k and n is prime)
      copy(pre, jac + 64)
      for (let k = 1; k < m; k++) mul(pre + k * 32, pre + (k - 1) * 32, jac + k * 96 + 64)
      const acc = FE
      const zi = FE + 32
      const z2 = FE + 64
      inv(acc, pre + (m - 1) * 32)
      for (let k = m - 1; k >= 0; k--) {
        if (k > 0) {
          mul(zi, acc, pre + (k - 1) * 32)
          mul(acc, acc, jac + k * 96 + 64)
        } else copy(zi, acc)
        const dst = k < lay.half ? base + (i * lay.half + k) * 64 : PT
        mul(z2, zi, zi)
        mul(dst, jac + k * 96, z2)
        mul(z2, z2, zi)
        mul(dst + 32, jac + k * 96 + 32, z2)
      }
    }
  }

  private slotAddr(slot: number): number {
    return SLOTS + slot * Q_LAYOUT.bytes
  }

  /** Builds the table of a public key (x, y) into `slot` (0 ≤ slot < slots). */
  buildTable(slot: number, x: bigint, y: bigint): void {
    if (!Number.isInteger(slot) || slot < 0 || slot >= this.slots) throw new RangeError('bad slot')
    const need = this.slotAddr(slot + 1)
    if (need > this.mem.buffer.byteLength) {
      this.mem.grow(Math.ceil((need - this.mem.buffer.byteLength) / 65536))
      this.u32 = new Uint32Array(this.mem.buffer)
    }
    this.slotCapacity = Math.max(this.slotCapacity, slot + 1)
    this.writePoint(PT, x, y)
    this.buildInto(this.slotAddr(slot), Q_LAYOUT)
  }

  /** ACC += k·(table point), with signed w-bit digits of k. */
  private addTable(base: number, lay: Layout, k: bigint): void {
    const d = this.digits
    const h = k.toString(16).padStart(64, '0')
    // little-endian bytes, read 16 bits at a time
    const bytes = this.bytes
    for (let i = 0; i < 32; i++) bytes[i] = Number.parseInt(h.slice(62 - 2 * i, 64 - 2 * i), 16)
    const mask = (1 << lay.w) - 1
    let carry = 0
    for (let i = 0; i < lay.windows; i++) {
      const bit = i * lay.w
      const byte = bit >> 3
      const raw =
        ((((bytes[byte] as number) | ((bytes[byte + 1] as number) << 8)) >> (bit & 7)) & mask) + carry
      if (raw > lay.half) {
        d[i] = raw - (1 << lay.w)
        carry = 1
      } else {
        d[i] = raw
        carry = 0
      }
    }
    const madd = this.x.madd
    for (let i = 0; i < lay.windows; i++) {
      const v = d[i] as number
      if (v > 0) madd(ACC, base + (i * lay.half + v - 1) * 64, 0)
      else if (v < 0) madd(ACC, base + (i * lay.half - v - 1) * 64, 1)
    }
  }

  /** ACC += k·(x, y) by double-and-add (for keys without a table). */
  private addVariable(x: bigint, y: bigint, k: bigint): void {
    // a second accumulator would need another slot; double-and-add from the top into ACC
    // works only when ACC starts at infinity, so callers do this part first
    this.writePoint(PT, x, y)
    const { dbl, madd } = this.x
    for (let i = k.toString(2).length - 1; i >= 0; i--) {
      dbl(ACC)
      if ((k >> BigInt(i)) & 1n) madd(ACC, PT, 0)
    }
  }

  /**
   * True when (r, s, recovery) is the Ethereum-style signature of digest z by the key
   * in `slot`, or by (x, y) when `slot` is −1: i.e. exactly when recovering the public
   * key from it gives that key. Expects 1 ≤ r, s < n (checked by the caller).
   */
  verify(z: bigint, r: bigint, s: bigint, recovery: 0 | 1, slot: number, x?: bigint, y?: bigint): boolean {
    const w = invMod(s, N)
    const u1 = ((z % N) * w) % N
    const u2 = (r * w) % N
    this.clearAcc()
    if (slot >= 0) {
      if (slot >= this.slotCapacity) return false
      this.addTable(this.slotAddr(slot), Q_LAYOUT, u2)
    } else {
      if (x === undefined || y === undefined) return false
      this.addVariable(x, y, u2)
    }
    this.addTable(G_TABLE, G_LAYOUT, u1)
    if (this.x.toAffine(ACC, OUT) === 0) return false
    // R = u1·G + u2·Q must be the point (r, y) with y's parity = recovery
    const base = OUT >> 2
    const h = r.toString(16).padStart(64, '0')
    for (let k = 0; k < 8; k++) {
      if (this.u32[base + k] !== Number.parseInt(h.slice(56 - 8 * k, 64 - 8 * k), 16)) return false
    }
    return ((this.u32[base + 8] as number) & 1) === recovery
  }

  /** The public key that (r, s, recovery) recovers to over digest z, or undefined. */
  recover(z: bigint, r: bigint, s: bigint, recovery: 0 | 1): { x: bigint; y: bigint } | undefined {
    if (r <= 0n || r >= N || s <= 0n || s >= N) return undefined
    const R = liftX(r, recovery === 1)
    if (!R) return undefined
    const ri = invMod(r, N)
    const u1 = (N - (((z % N) * ri) % N)) % N
    const u2 = (s * ri) % N
    this.clearAcc()
    this.addVariable(R.x, R.y, u2)
    this.addTable(G_TABLE, G_LAYOUT, u1)
    if (this.x.toAffine(ACC, OUT) === 0) return undefined
    return { x: this.readFe(OUT), y: this.readFe(OUT + 32) }
  }

  /** k·G, affine (k in [1, n−1]). */
  mulG(k: bigint): { x: bigint; y: bigint } {
    this.clearAcc()
    this.addTable(G_TABLE, G_LAYOUT, k)
    if (this.x.toAffine(ACC, OUT) === 0) throw new RangeError('k·G at infinity')
    return { x: this.readFe(OUT), y: this.readFe(OUT + 32) }
  }

  /**
   * Signs a 32-byte digest (hex, no 0x) with private key d and nonce k: 65-byte
   * `r‖s‖v` hex with low s and v ∈ {27, 28}, or undefined for the rare k to skip.
   * For the load benchmark only (not constant time).
   */
  signDigest(d: bigint, digestHex: string, k: bigint): string | undefined {
    if (!HEX64.test(digestHex)) throw new RangeError('digest must be 64 hex digits')
    const R = this.mulG(k)
    if (R.x >= N) return undefined
    const r = R.x
    let s = (invMod(k, N) * ((hex64(digestHex) % N) + r * d)) % N
    if (s === 0n) return undefined
    let odd = (R.y & 1n) === 1n
    if (s > HALF_N) {
      s = N - s
      odd = !odd
    }
    return `${r.toString(16).padStart(64, '0')}${s.toString(16).padStart(64, '0')}${odd ? '1c' : '1b'}`
  }

  /** Raw field multiplication, for tests: a·b mod p. */
  fieldMul(a: bigint, b: bigint): bigint {
    this.writeFe(FE, a)
    this.writeFe(FE + 32, b)
    this.x.mul(FE + 64, FE, FE + 32)
    return this.readFe(FE + 64)
  }

  /** Raw field operations, for tests. */
  fieldOp(opName: 'add' | 'sub' | 'inv' | 'sqr', a: bigint, b = 0n): bigint {
    this.writeFe(FE, a)
    this.writeFe(FE + 32, b)
    if (opName === 'inv') this.x.inv(FE + 64, FE)
    else if (opName === 'sqr') this.x.sqr(FE + 64, FE)
    else this.x[opName](FE + 64, FE, FE + 32)
    return this.readFe(FE + 64)
  }
}
