import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadCorpus } from '../src/corpus.js'

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))

function conformance(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(tsx, ['--conditions=@clobkit/source', main, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('conformance command', () => {
  it('prints a line per selected kind and the total, and exits 0 when nothing fails', () => {
    const r = conformance(['--kinds', 'l2,market_price'])
    expect(r.code).toBe(0)
    const lines = r.out.trim().split('\n')
    expect(lines).toContain('conformance l2: 46 passed, 0 failed, 0 rejected-by-rule')
    expect(lines).toContain('conformance market_price: 40 passed, 0 failed, 0 rejected-by-rule')
    expect(lines.at(-1)).toBe('conformance: 86 passed, 0 failed')
  })

  it('exits 2 on an unknown kind', () => {
    const r = conformance(['--kinds', 'nope'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/unknown kind "nope"/)
  })

  it('exits 1 and reports the failing case when a case is wrong, and writes the JSON report', () => {
    const dir = mkdtempSync(join(tmpdir(), 'conformance-'))
    const corpus = loadCorpus()
    const tampered = corpus.cases
      .filter((c) => c.kind === 'market_price')
      .slice(0, 3)
      .map((c, i) => (i === 1 ? { ...c, expected: { price: 0.123456 } } : c))
    const file = join(dir, 'corpus.json')
    writeFileSync(file, JSON.stringify({ meta: corpus.meta, cases: tampered }))
    const report = join(dir, 'report.json')
    const r = conformance(['--kinds', 'market_price'], {
      CLOB_VECTORS: file,
      CLOB_CONFORMANCE_REPORT: report,
    })
    expect(r.code).toBe(1)
    expect(r.out).toContain('conformance market_price: 2 passed, 1 failed, 0 rejected-by-rule')
    expect(r.out).toContain(`fail ${tampered[1]!.id}`)
    expect(r.out.trim().split('\n').at(-1)).toBe('conformance: 2 passed, 1 failed')
    const entries = JSON.parse(readFileSync(report, 'utf8')) as {
      id: string
      kind: string
      outcome: string
    }[]
    expect(entries.map((e) => e.outcome)).toEqual(['pass', 'fail', 'pass'])
    expect(entries[1]).toMatchObject({ id: tampered[1]!.id, kind: 'market_price' })
  })
})
