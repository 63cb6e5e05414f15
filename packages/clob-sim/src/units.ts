/**
 * Exact 6-decimal fixed-point helpers. Amounts are bigint base units (1e-6) and
 * prices are integer micros (0..1_000_000), both exact; nothing here touches floats.
 * The arithmetic is eip712-order's `Decimal` (the repo's one decimal); this module is the
 * sim's input grammar and its 6-decimal conventions over it.
 * @module
 */
import { Decimal } from '@clobkit/eip712-order'

export const ONE = 1_000_000n
export const PRICE_ONE = 1_000_000

const DECIMAL = /^(\d{1,40})(?:\.(\d{1,6}))?$/

/** Parses a non-negative decimal string with at most 6 decimals into base units; `undefined` if malformed. */
export function parseUnits(value: string): bigint | undefined {
  if (!DECIMAL.test(value)) return undefined
  return Decimal.toUnits(Decimal.parse(value, 'value'), 6)
}

/** Formats base units as the shortest decimal string: 148560000n → "148.56". */
export function formatUnits(units: bigint): string {
  return Decimal.toString(Decimal.fromUnits(units, 6))
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
  return Decimal.div(Decimal.from(a * b), Decimal.from(d), 0, 'down').int
}

/** ceil(a * b / d) for non-negative bigints. */
export function mulDivCeil(a: bigint, b: bigint, d: bigint): bigint {
  return Decimal.div(Decimal.from(a * b), Decimal.from(d), 0, 'up').int
}

/** Collateral for `shares` units at `priceMicros`, rounded down (the buyer never pays over its limit). */
export function notional(shares: bigint, priceMicros: number): bigint {
  return mulDivFloor(shares, BigInt(priceMicros), ONE)
}

/** Decimal places of a tick string ("0.0025" → 4); ticks are validated before they get here. */
export function tickDecimals(tick: string): number {
  return Decimal.parse(tick, 'tick').scale
}
