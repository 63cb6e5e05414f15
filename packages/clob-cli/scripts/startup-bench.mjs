#!/usr/bin/env node
// Startup benchmark: runs each command N times, interleaved with bare `node -e 0`
// so machine noise hits all of them alike, and reports min / median wall time.
// Usage: node scripts/startup-bench.mjs [runs]   (build first: tsup)
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const runs = Number(process.argv[2] ?? 30)
const bin = fileURLToPath(new URL('../bin/clob.js', import.meta.url))
const home = mkdtempSync(join(tmpdir(), 'clob-bench-'))
const env = {
  PATH: process.env.PATH,
  HOME: home,
  NO_COLOR: '1',
  CLOB_PRIVATE_KEY: '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
}
const cases = {
  'node -e 0': ['-e', '0'],
  'clob --version': [bin, '--version'],
  'clob order sign --offline': [
    bin,
    'order',
    'sign',
    '--offline',
    '--token',
    '1234',
    '--side',
    'BUY',
    '--price',
    '0.5',
    '--size',
    '10',
    '--tick-size',
    '0.01',
    '--json',
  ],
}
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]))
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}: ${r.stderr}`)
    times[name].push(ms)
  }
}
rmSync(home, { recursive: true, force: true })
const stat = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  return { min: s[0], median: s[Math.floor(s.length / 2)] }
}
const bare = stat(times['node -e 0'])
const rows = Object.entries(times).map(([name, xs]) => {
  const st = stat(xs)
  return {
    name,
    min: st.min.toFixed(1),
    median: st.median.toFixed(1),
    'Δ median vs bare': (st.median - bare.median).toFixed(1),
    ratio: (st.median / bare.median).toFixed(2),
  }
})
if (process.argv.includes('--json')) console.log(JSON.stringify(rows))
else console.table(rows)
