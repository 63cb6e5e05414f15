/**
 * Exact 6-decimal fixed-point helpers. Amounts are bigint base units (1e-6) and
 * prices are integer micros (0..1_000_000), both exact; nothing here touches floats.
 * @module
 */

export const ONE = 1_000_000n
export const PRICE_ONE = 1_000_000

const DECIMAL = /^(\d{1,40})(?:\.(\d{1,6}))?$/

/** Parses a non-negative decimal string with at most 6 decimals into base units; `undefined` if malformed. */
export function parseUnits(value: string): bigint | undefined {
  const m = DECIMAL.exec(value)
  if (!m) return undefined
  const whole = m[1] ?? '0'
  const frac = (m[2] ?? '').padEnd(6, '0')
  return BigInt(whole) * ONE + BigInt(frac)
}

/** Formats base units as the shortest decimal string: 148560000n → "148.56". */
export function formatUnits(units: bigint): string {
  const neg = units < 0n
  const abs = neg ? -units : units
  const whole = abs / ONE
  const frac = abs % ONE
  let out = whole.toString()
  if (frac !== 0n) out += `.${frac.toString().padStart(6, '0').replace(/0+$/, '')}`
  return neg ? `-${out}` : out
}

/** Formats a price in micros: 550000 → "0.55". */
export function formatPrice(micros: number): string {
  return formatUnits(BigInt(micros))
}

/** Parses a price string ("0.55") into micros, or `undefined`. */
export function parsePrice(value: string): number | undefined {
  const u = parseUnits(value)
  if (u === undefined || u > ONE) return undefined
  return Number(u)
}

/** floor(a * b / d) for non-negative bigints. */
export function mulDivFloor(a: bigint, b: bigint, d: bigint): bigint {
  return (a * b) / d
}

/** ceil(a * b / d) for non-negative bigints. */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  const n = a * b
  return (n + d - 1n) / d
}

/** Collateral for `shares` units at `priceMicros`, rounded down (the buyer never pays over its limit). */
export function notional(shares: bigint, priceMicros: number): bigint {
  return (shares * BigInt(priceMicros)) / ONE
}

/** Decimal places of a tick string ("0.0025" → 4). */
export function tickDecimals(tick: string): number {
  const dot = tick.indexOf('.')
  return dot < 0 ? 0 : tick.length - dot - 1
}
