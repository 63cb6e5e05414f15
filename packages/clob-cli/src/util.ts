/**
 * Small helpers for reading loosely typed server objects and for exact decimal
 * arithmetic on display values (base units are 6-decimal bigints).
 * @module
 */
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
  const v = typeof units === 'bigint' ? units : BigInt(units)
  const neg = v < 0n
  const abs = neg ? -v : v
  const s = abs.toString().padStart(decimals + 1, '0')
  const int = s.slice(0, s.length - decimals)
  const frac = s.slice(s.length - decimals).replace(/0+$/, '')
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`
}

interface Dec {
  readonly n: bigint
  readonly scale: number
}

function dec(value: string): Dec {
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(value.trim())
  if (m === null) throw new Error(`not a decimal: ${value}`)
  const frac = m[3] ?? ''
  const n = BigInt(`${m[2] || '0'}${frac}` || '0')
  return { n: m[1] === '-' ? -n : n, scale: frac.length }
}

function mulDec(a: Dec, b: Dec): Dec {
  return { n: a.n * b.n, scale: a.scale + b.scale }
}

/** Exact decimal product of decimal strings, truncated to `decimals` places. */
export function multiply(values: readonly string[], decimals = 6): string {
  let acc: Dec = { n: 1n, scale: 0 }
  for (const v of values) acc = mulDec(acc, dec(v))
  const shift = acc.scale - decimals
  const units = shift >= 0 ? acc.n / 10n ** BigInt(shift) : acc.n * 10n ** BigInt(-shift)
  return fromUnits(units, decimals)
}

/** 1 − p for a decimal string p. */
export function complement(p: string): string {
  const d = dec(p)
  const one = 10n ** BigInt(d.scale)
  return fromUnits(one - d.n, d.scale)
}

/** Renders rows as a table, or the value as JSON in `--json` mode. */
export function show<T>(out: Output, json: unknown, rows: readonly T[], columns: readonly Column<T>[]): void {
  if (out.json) out.data(json)
  else out.table(rows, columns)
}
