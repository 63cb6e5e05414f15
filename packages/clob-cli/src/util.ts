/**
 * Small helpers for reading loosely typed server objects and for exact decimal
 * arithmetic on display values (base units are 6-decimal bigints) on eip712-order's `Decimal`.
 * @module
 */
import { Decimal } from '@clobkit/eip712-order'
import type { Column, Output, Style } from './output.js'

export type Loose = Readonly<Record<string, unknown>>

export function loose(value: unknown): Loose {
  return typeof value === 'object' && value !== null ? (value as Loose) : {}
}

export function text(value: unknown, fallback = ''): string {
  if (value === undefined || value === null) return fallback
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return JSON.stringify(value)
}

export function short(value: string, max = 18): string {
  return value.length <= max ? value : `${value.slice(0, max - 8)}…${value.slice(-6)}`
}

export function truncate(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`
}

export function sideStyle(side: unknown): Style | undefined {
  return side === 'BUY' ? 'green' : side === 'SELL' ? 'red' : undefined
}

/** `123456789n` base units → `"123.456789"` (trailing zeros trimmed). */
export function fromUnits(units: bigint | string, decimals = 6): string {
  return Decimal.toString(Decimal.fromUnits(typeof units === 'bigint' ? units : BigInt(units), decimals))
}

/**
 * A display value as a `Decimal`. Looser than `Decimal.parse` on purpose (server and
 * table strings): surrounding spaces, `5.`, `.5` and an empty string (0) are read too.
 */
function dec(value: string): Decimal.Decimal {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim())
  if (m === null) throw new Error(`not a decimal: ${value}`)
  const frac = m[3] ?? ''
  const n = BigInt(`${m[2] || '0'}${frac}` || '0')
  return Decimal.from(m[1] === '-' ? -n : n, frac.length)
}

/** Exact decimal product of decimal strings, truncated (toward zero) to `decimals` places. */
export function multiply(values: readonly string[], decimals = 6): string {
  let acc = Decimal.ONE
  for (const v of values) acc = Decimal.mul(acc, dec(v))
  return Decimal.toString(Decimal.round(acc, decimals, Decimal.isNegative(acc) ? 'up' : 'down'))
}

/** 1 − p for a decimal string p. */
export function complement(p: string): string {
  return Decimal.toString(Decimal.sub(Decimal.ONE, dec(p)))
}

/** Renders rows as a table, or the value as JSON in `--json` mode. */
export function show<T>(out: Output, json: unknown, rows: readonly T[], columns: readonly Column<T>[]): void {
  if (out.json) out.data(json)
  else out.table(rows, columns)
}
