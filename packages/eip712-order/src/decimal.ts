/**
 * Exact decimal values on bigint: `int × 10^-scale`. Parsing, formatting,
 * comparison, exact multiplication, division and rounding with an explicit mode,
 * and conversion to base units. This is the arithmetic under the order amount
 * math of PROTOCOL.md §3.2–§3.6 (which the official client does in doubles).
 *
 * A JS number is read through `String(x)`, its shortest round-trip decimal
 * form, so `0.1` is exactly one tenth and `0.30000000000000004` is exactly that.
 * @module
 */
import { ClobError, InvalidParameterError } from './errors.js'
import type { DecimalInput } from './types.js'

/** An exact decimal: the value is `int / 10^scale`. `scale` is a non-negative integer. */
export interface Decimal {
  readonly int: bigint
  readonly scale: number
}

/** Rounding modes: `down` = toward −∞ (`Math.floor`), `up` = toward +∞ (`Math.ceil`), `halfUp` = nearest, ties toward +∞ (`Math.round`). */
export type Rounding = 'down' | 'up' | 'halfUp'

/** The most significant digits a parsed value may carry (a uint256 has 78 decimal digits). */
export const MAX_SIGNIFICANT_DIGITS = 78
/** The longest string `parse` reads (bounds the work on hostile input). */
export const MAX_INPUT_LENGTH = 256

const POW10: bigint[] = []

/** `10^n` as a bigint (memoised for small n). */
export function pow10(n: number): bigint {
  const cached = POW10[n]
  if (cached !== undefined) return cached
  const v = 10n ** BigInt(n)
  if (n < 96) POW10[n] = v
  return v
}

/**
 * Builds a decimal from an integer and a scale.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.from(11782400n, 6)) // '11.7824'
 * ```
 */
export function from(int: bigint, scale = 0): Decimal {
  if (!Number.isSafeInteger(scale) || scale < 0) {
    throw new InvalidParameterError('INVALID_AMOUNT', 'scale', `must be a non-negative integer (${scale})`)
  }
  return { int, scale }
}

/** Zero. */
export const ZERO: Decimal = { int: 0n, scale: 0 }
/** One. */
export const ONE: Decimal = { int: 1n, scale: 0 }

/** `-?digits(.digits)?`, and for `String(number)` also `(e[+-]?digits)?`. */
const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/
const NUMBER_FORM = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d{1,4}))?$/

// Undefined when `s` is not that shape; 'too_long' when it has too many significant digits.
function scan(s: string, exponent: boolean): Decimal | 'too_long' | undefined {
  const m = (exponent ? NUMBER_FORM : PLAIN).exec(s)
  if (m === null) return undefined
  const frac = m[3] ?? ''
  const digits = m[2]! + frac
  // significant digits: from the first non-zero digit to the last non-zero digit
  if (
    digits.length > MAX_SIGNIFICANT_DIGITS &&
    digits.replace(/^0+|0+$/g, '').length > MAX_SIGNIFICANT_DIGITS
  ) {
    return 'too_long'
  }
  let int = BigInt(m[1]! + digits)
  let scale = frac.length - Number(m[4] ?? 0)
  if (scale < 0) {
    int *= pow10(-scale)
    scale = 0
  }
  return { int, scale }
}

/**
 * Parses a decimal. A number is read through `String(x)` (its shortest
 * round-trip form; exponent forms such as `1e-7` and `1e+21` are read exactly).
 * A string must be a plain decimal: an optional `-`, digits, and an optional
 * `.` followed by digits — no whitespace, `+`, exponent, hex or empty parts.
 * More than 78 significant digits, NaN and ±Infinity are rejected.
 *
 * @param param the parameter name reported in the error.
 * @param code the error code; `INVALID_PRICE` when `param` is `price`, else `INVALID_AMOUNT`.
 * @throws InvalidParameterError with that `code` and `param`.
 * @example
 * ```ts
 * Decimal.parse(0.1, 'price')      // { int: 1n, scale: 1 }
 * Decimal.parse('21.04', 'size')   // { int: 2104n, scale: 2 }
 * Decimal.parse(1e-7, 'size')      // { int: 1n, scale: 7 }
 * Decimal.parse(' 1', 'size')      // throws INVALID_AMOUNT (param 'size')
 * ```
 */
export function parse(
  input: DecimalInput,
  param: string,
  code: string = param === 'price' ? 'INVALID_PRICE' : 'INVALID_AMOUNT',
): Decimal {
  let result: Decimal | 'too_long' | undefined
  if (typeof input === 'number') {
    if (!Number.isFinite(input))
      throw new InvalidParameterError(code, param, `not a finite number (${input})`)
    result = scan(String(input), true)
  } else if (typeof input === 'string') {
    if (input.length > MAX_INPUT_LENGTH) {
      throw new InvalidParameterError(code, param, `longer than ${MAX_INPUT_LENGTH} characters`)
    }
    result = scan(input, false)
  } else {
    throw new InvalidParameterError(code, param, `expected a number or a decimal string, got ${typeof input}`)
  }
  if (result === 'too_long') {
    throw new InvalidParameterError(code, param, `more than ${MAX_SIGNIFICANT_DIGITS} significant digits`)
  }
  if (result === undefined) {
    throw new InvalidParameterError(code, param, `not a plain decimal: ${JSON.stringify(preview(input))}`)
  }
  return result
}

function preview(input: DecimalInput): DecimalInput {
  return typeof input === 'string' && input.length > 40 ? `${input.slice(0, 40)}…` : input
}

/**
 * True when `input` is a decimal `parse` accepts.
 *
 * @example
 * ```ts
 * Decimal.isDecimal('1.5') // true
 * Decimal.isDecimal('1e5') // false (strings must be plain)
 * ```
 */
export function isDecimal(input: unknown): input is DecimalInput {
  if (typeof input === 'number') return Number.isFinite(input)
  if (typeof input === 'string') {
    if (input.length > MAX_INPUT_LENGTH) return false
    const r = scan(input, false)
    return r !== undefined && r !== 'too_long'
  }
  return false
}

/**
 * The shortest plain decimal string: no exponent, no trailing fractional zeros, no `-0`.
 *
 * @example
 * ```ts
 * Decimal.toString({ int: 150n, scale: 2 }) // '1.5'
 * Decimal.toString({ int: 5n, scale: 7 })   // '0.0000005'
 * ```
 */
// biome-ignore lint/suspicious/noShadowRestrictedNames: `Decimal.toString` is the contracted name (docs/architecture.md); it is only ever used namespaced.
export function toString(d: Decimal): string {
  const { int, scale } = normalize(d)
  const digits = (int < 0n ? -int : int).toString().padStart(scale + 1, '0')
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`
  return int < 0n ? `-${text}` : text
}

/**
 * The same value with trailing fractional zeros removed (scale as small as possible).
 *
 * @example
 * ```ts
 * Decimal.normalize({ int: 1500n, scale: 3 }) // { int: 15n, scale: 1 }
 * ```
 */
export function normalize(d: Decimal): Decimal {
  let { int, scale } = d
  if (int === 0n) return scale === 0 ? d : ZERO
  if (scale === 0 || int % 10n !== 0n) return d
  while (scale > 0 && int % 10n === 0n) {
    int /= 10n
    scale--
  }
  return { int, scale }
}

/**
 * Number of fractional digits after removing trailing zeros.
 *
 * @example
 * ```ts
 * Decimal.decimalPlaces(Decimal.parse('949.9970999999999', 'x')) // 13
 * Decimal.decimalPlaces(Decimal.parse('2.50', 'x'))              // 1
 * ```
 */
export function decimalPlaces(d: Decimal): number {
  return normalize(d).scale
}

/** `d` expressed at `scale` (≥ d.scale) without changing its value. */
function rescale(d: Decimal, scale: number): bigint {
  return scale === d.scale ? d.int : d.int * pow10(scale - d.scale)
}

/**
 * Compares two decimals: -1, 0 or 1.
 *
 * @example
 * ```ts
 * Decimal.compare(Decimal.parse('0.10', 'a'), Decimal.parse(0.1, 'b')) // 0
 * ```
 */
export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale)
  const x = rescale(a, scale)
  const y = rescale(b, scale)
  return x < y ? -1 : x > y ? 1 : 0
}

/** `a == b` by value. @example `Decimal.eq(Decimal.parse('1.0', 'a'), Decimal.ONE) // true` */
export function eq(a: Decimal, b: Decimal): boolean {
  return compare(a, b) === 0
}
/** `a < b`. @example `Decimal.lt(Decimal.ZERO, Decimal.ONE) // true` */
export function lt(a: Decimal, b: Decimal): boolean {
  return compare(a, b) < 0
}
/** `a <= b`. @example `Decimal.lte(Decimal.ONE, Decimal.ONE) // true` */
export function lte(a: Decimal, b: Decimal): boolean {
  return compare(a, b) <= 0
}
/** `a > b`. @example `Decimal.gt(Decimal.ONE, Decimal.ZERO) // true` */
export function gt(a: Decimal, b: Decimal): boolean {
  return compare(a, b) > 0
}
/** `a >= b`. @example `Decimal.gte(Decimal.ONE, Decimal.ONE) // true` */
export function gte(a: Decimal, b: Decimal): boolean {
  return compare(a, b) >= 0
}
/** The smaller of two decimals. @example `Decimal.min(Decimal.ZERO, Decimal.ONE) // ZERO` */
export function min(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) <= 0 ? a : b
}
/** The larger of two decimals. @example `Decimal.max(Decimal.ZERO, Decimal.ONE) // ONE` */
export function max(a: Decimal, b: Decimal): Decimal {
  return compare(a, b) >= 0 ? a : b
}
/** True for zero. @example `Decimal.isZero(Decimal.parse('0.00', 'x')) // true` */
export function isZero(d: Decimal): boolean {
  return d.int === 0n
}
/** True for values below zero. @example `Decimal.isNegative(Decimal.parse(-1, 'x')) // true` */
export function isNegative(d: Decimal): boolean {
  return d.int < 0n
}

/**
 * Exact sum.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.add(Decimal.parse(0.1, 'a'), Decimal.parse(0.2, 'b'))) // '0.3'
 * ```
 */
export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return { int: rescale(a, scale) + rescale(b, scale), scale }
}

/**
 * Exact difference `a − b`.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.sub(Decimal.ONE, Decimal.parse('0.0025', 'tick'))) // '0.9975'
 * ```
 */
export function sub(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale)
  return { int: rescale(a, scale) - rescale(b, scale), scale }
}

/**
 * Exact product.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.mul(Decimal.parse(21.04, 'size'), Decimal.parse(0.56, 'price'))) // '11.7824'
 * ```
 */
export function mul(a: Decimal, b: Decimal): Decimal {
  return { int: a.int * b.int, scale: a.scale + b.scale }
}

// floor(n / d) for d > 0, then adjusted by the remainder per mode.
function divInt(n: bigint, d: bigint, mode: Rounding): bigint {
  if (d < 0n) {
    n = -n
    d = -d
  }
  let q = n / d
  let r = n - q * d
  if (r < 0n) {
    q -= 1n
    r += d
  }
  if (r === 0n) return q
  if (mode === 'up') return q + 1n
  if (mode === 'halfUp') return 2n * r >= d ? q + 1n : q
  return q
}

/**
 * `a / b` at exactly `scale` fractional digits, rounded with `mode`.
 *
 * @throws ClobError `DIVISION_BY_ZERO` when `b` is zero.
 * @example
 * ```ts
 * Decimal.toString(Decimal.div(Decimal.parse(100, 'a'), Decimal.parse(0.56, 'p'), 8, 'up')) // '178.57142858'
 * ```
 */
export function div(a: Decimal, b: Decimal, scale: number, mode: Rounding): Decimal {
  if (b.int === 0n) throw new ClobError('DIVISION_BY_ZERO', 'division by zero')
  // a/b = (a.int / b.int) · 10^(b.scale − a.scale); result int = that · 10^scale.
  const shift = b.scale - a.scale + scale
  const n = shift >= 0 ? a.int * pow10(shift) : a.int
  const d = shift >= 0 ? b.int : b.int * pow10(-shift)
  return { int: divInt(n, d, mode), scale }
}

/**
 * Rounds to `places` fractional digits with `mode`; values already that short are returned as they are.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.round(Decimal.parse('0.505', 'p'), 2, 'halfUp')) // '0.51'
 * ```
 */
export function round(d: Decimal, places: number, mode: Rounding): Decimal {
  if (d.scale <= places) return d
  return { int: divInt(d.int, pow10(d.scale - places), mode), scale: places }
}

/** Rounds toward −∞ at `places` decimals (`Math.floor` semantics). @example `Decimal.toString(Decimal.roundDown(Decimal.parse('12.8205', 's'), 2)) // '12.82'` */
export function roundDown(d: Decimal, places: number): Decimal {
  return round(d, places, 'down')
}
/** Rounds toward +∞ at `places` decimals (`Math.ceil` semantics). @example `Decimal.toString(Decimal.roundUp(Decimal.parse('1.001', 's'), 2)) // '1.01'` */
export function roundUp(d: Decimal, places: number): Decimal {
  return round(d, places, 'up')
}
/** Rounds to nearest at `places` decimals, ties toward +∞ (`Math.round` semantics). @example `Decimal.toString(Decimal.roundHalfUp(Decimal.parse('0.125', 'p'), 2)) // '0.13'` */
export function roundHalfUp(d: Decimal, places: number): Decimal {
  return round(d, places, 'halfUp')
}

/**
 * True when `a` is an integer multiple of `b` (b ≠ 0).
 *
 * @example
 * ```ts
 * Decimal.isMultipleOf(Decimal.parse('0.4475', 'p'), Decimal.parse('0.0025', 't')) // true
 * ```
 */
export function isMultipleOf(a: Decimal, b: Decimal): boolean {
  if (b.int === 0n) return false
  const scale = Math.max(a.scale, b.scale)
  return rescale(a, scale) % rescale(b, scale) === 0n
}

/**
 * Converts to integer base units with `decimals` fractional digits (6 for
 * collateral and outcome tokens). Like viem `parseUnits`, digits beyond
 * `decimals` are rounded half up; the amount math never produces them.
 *
 * @example
 * ```ts
 * Decimal.toUnits(Decimal.parse('11.7824', 'x'), 6) // 11782400n
 * ```
 */
export function toUnits(d: Decimal, decimals: number): bigint {
  if (d.scale <= decimals) return rescale(d, decimals)
  return round(d, decimals, 'halfUp').int
}

/**
 * The decimal value of integer base units.
 *
 * @example
 * ```ts
 * Decimal.toString(Decimal.fromUnits(11782400n, 6)) // '11.7824'
 * ```
 */
export function fromUnits(units: bigint, decimals: number): Decimal {
  return normalize({ int: units, scale: decimals })
}

/**
 * The nearest JS number (through the decimal string, so exactly what `Number('…')` gives).
 *
 * @example
 * ```ts
 * Decimal.toNumber(Decimal.parse('0.56', 'p')) // 0.56
 * ```
 */
export function toNumber(d: Decimal): number {
  return Number(toString(d))
}
