import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One benchmark figure, as written to bench-results.json. */
export interface Figure {
  readonly name: string
  readonly unit: string
  readonly ours: number
  readonly official?: number
  /** ours / official for higher-is-better units, official / ours for lower-is-better ones: > 1 means we are better. */
  readonly ratio?: number
  readonly target?: string
  readonly ok?: boolean
}

export const resultsPath = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../bench-results.json',
)

const lowerIsBetter = (unit: string) => /^(ms|µs|us|ns|KB|MB|bytes)/.test(unit)

export function figure(f: Omit<Figure, 'ratio'>): Figure {
  if (f.official === undefined || f.official === 0 || f.ours === 0) return f
  const ratio = lowerIsBetter(f.unit) ? f.official / f.ours : f.ours / f.official
  return { ...f, ratio: Math.round(ratio * 100) / 100 }
}

/** Merges figures into bench-results.json by name, so separate runs add to one file. */
export function save(figures: readonly Figure[]): void {
  let existing: Figure[] = []
  try {
    existing = JSON.parse(readFileSync(resultsPath, 'utf8')) as Figure[]
  } catch {}
  const byName = new Map(existing.map((f) => [f.name, f]))
  for (const f of figures) byName.set(f.name, f)
  writeFileSync(resultsPath, `${JSON.stringify([...byName.values()], null, 2)}\n`)
}

export function printTable(figures: readonly Figure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.ours)} ${f.unit}`,
    f.official === undefined ? '' : `${fmt(f.official)} ${f.unit}`,
    f.ratio === undefined ? '' : `${f.ratio}×`,
    f.target ?? '',
    f.ok === undefined ? '' : f.ok ? 'ok' : 'MISSED',
  ])
  const head = ['figure', 'clobkit', 'official', 'ratio', 'target', '']
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
  console.log(line(head))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n)
  if (Math.abs(n) >= 100) return n.toFixed(0)
  if (Math.abs(n) >= 10) return n.toFixed(1)
  return n.toFixed(2)
}
