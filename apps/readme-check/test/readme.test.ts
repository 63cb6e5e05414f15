/**
 * The READMEs, tried as a newcomer would: every TypeScript example parses on the Node
 * we support, and the documented commands run exactly as written (real pnpm through
 * npx, real turbo, the real sim on its documented port, the built `clob`).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { transformSync } from 'esbuild'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const PNPM = ['--yes', 'pnpm@10.34.8']
const CLOB = join(ROOT, 'packages', 'clob-cli', 'bin', 'clob.js')
const KEY = '0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'

function readmes(dir = ROOT): string[] {
  const found: string[] = []
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist') continue
    const p = join(dir, e.name)
    if (e.isDirectory()) found.push(...readmes(p))
    else if (e.name === 'README.md') found.push(p)
  }
  return found
}

/** Fenced blocks of one language, with the line they start on. */
function blocks(file: string, lang: RegExp): { line: number; code: string }[] {
  const text = readFileSync(file, 'utf8')
  const out: { line: number; code: string }[] = []
  const re = /^```(\w*)\n([\s\S]*?)^```/gm
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (lang.test(m[1] ?? '')) out.push({ line: text.slice(0, m.index).split('\n').length, code: m[2] ?? '' })
  }
  return out
}

/** The shell block that follows a heading. */
function sectionBlock(file: string, heading: string): string {
  const text = readFileSync(file, 'utf8')
  const at = text.indexOf(`\n${heading}\n`)
  expect(at, `${file} has no "${heading}"`).toBeGreaterThan(0)
  const m = /```sh\n([\s\S]*?)```/.exec(text.slice(at))
  expect(m).not.toBeNull()
  return m?.[1] ?? ''
}

const work = mkdtempSync(join(tmpdir(), 'readme-check-'))
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
})

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(true)
    })
    s.once('error', () => resolve(false))
  })
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Pids whose command line contains `needle` (Linux /proc). */
function processesMatching(needle: string): number[] {
  const pids: number[] = []
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replaceAll('\0', ' ')
      if (cmd.includes(needle)) pids.push(Number(d))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

describe('every TypeScript example in a README parses on Node 20', () => {
  const files = readmes()
  it('finds the READMEs', () => {
    expect(files.map((f) => relative(ROOT, f))).toEqual(
      expect.arrayContaining(['README.md', 'packages/heartbeat/README.md', 'packages/clob-cli/README.md']),
    )
  })
  for (const file of files) {
    const examples = blocks(file, /^(ts|typescript|js|javascript)$/)
    if (examples.length === 0) continue
    it(relative(ROOT, file), () => {
      const dir = mkdtempSync(join(work, 'ex-'))
      for (const ex of examples) {
        const where = `${relative(ROOT, file)}:${ex.line}`
        // Types stripped, nothing lowered: what is left must be syntax this Node runs.
        const js = transformSync(ex.code, { loader: 'ts', format: 'esm', target: 'esnext' }).code
        const path = join(dir, `line-${ex.line}.mjs`)
        writeFileSync(path, js)
        const r = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' })
        expect(r.status, `${where} does not parse on Node ${process.version}:\n${r.stderr}`).toBe(0)
      }
    })
  }
})

describe('the documented commands run as written', () => {
  const env = {
    ...process.env,
    NO_UPDATE_NOTIFIER: '1',
    TURBO_TELEMETRY_DISABLED: '1',
    // This test runs inside turbo's own test task.
    TURBO_RUN_SUMMARY: 'false',
  }

  it('the first of the two commands: pnpm demo runs every step and every check passes', () => {
    const r = spawnSync('npx', [...PNPM, 'demo'], { cwd: ROOT, env, encoding: 'utf8', timeout: 110_000 })
    // On failure, show each failed check with the step that led to it.
    const lines = r.stdout.split('\n')
    const failed = lines.flatMap((l, i) =>
      l.includes('✗') ? [lines.slice(Math.max(0, i - 12), i + 1).join('\n')] : [],
    )
    expect(r.status, `${failed.slice(0, 2).join('\n---\n')}\n${r.stdout.slice(-1500)}\n${r.stderr}`).toBe(0)
    expect(r.stdout).toMatch(/demo complete: \d+ steps, every check passed/)
    expect(r.stdout).toContain('the fill arrived on the user channel')
  })

  it('pnpm conformance --kinds l1 runs only that kind', () => {
    const r = spawnSync('npx', [...PNPM, 'conformance', '--kinds', 'l1'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    })
    expect(r.status, r.stderr + r.stdout).toBe(0)
    expect(r.stdout).toMatch(/conformance l1: [1-9]\d* passed, 0 failed/)
    expect(r.stdout).not.toMatch(/conformance order_limit/)
    const bad = spawnSync('npx', [...PNPM, 'conformance', '--kinds', 'nosuch'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    })
    expect(bad.status).toBe(2)
  })

  it('pnpm sim listens on 127.0.0.1:8080 with admin on, and a SIGTERM to `npx pnpm` stops every process', async () => {
    expect(await portOpen(8080), 'something already listens on 8080').toBe(false)
    const sim = spawn('npx', [...PNPM, 'sim'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.push(sim)
    let out = ''
    sim.stdout?.setEncoding('utf8').on('data', (d: string) => {
      out += d
    })
    sim.stderr?.setEncoding('utf8').on('data', (d: string) => {
      out += d
    })
    await until('the sim to listen', () => out.includes('clob-sim listening on http://127.0.0.1:8080'))
    expect(out).toContain('admin on')
    // The CLI README's next step funds through the admin routes.
    const fund = spawnSync(process.execPath, [CLOB, 'sim', 'fund', '--collateral', '5', '--json'], {
      env: {
        ...env,
        CLOB_HOST: 'http://127.0.0.1:8080',
        CLOB_PRIVATE_KEY: KEY,
        CLOB_CONFIG_DIR: join(work, 'fund'),
      },
      encoding: 'utf8',
    })
    expect(fund.status, fund.stderr).toBe(0)
    expect(processesMatching('apps/sim/dist/main.js').length).toBeGreaterThan(0)
    const exited = new Promise((resolve) => sim.once('exit', resolve))
    sim.kill('SIGTERM')
    await exited
    await until('port 8080 to close', async () => !(await portOpen(8080)), 15_000)
    await until(
      'every process of the sim to exit',
      () =>
        processesMatching('apps/sim/dist/main.js').length + processesMatching('run-app.mjs sim').length === 0,
      15_000,
    )
  })

  it('the CLI README "Try it against a local exchange" sequence', async () => {
    const bin = join(work, 'bin')
    mkdirSync(bin, { recursive: true })
    writeFileSync(join(bin, 'clob'), `#!/bin/sh\nexec "${process.execPath}" "${CLOB}" "$@"\n`)
    chmodSync(join(bin, 'clob'), 0o755)
    const lines = sectionBlock(
      join(ROOT, 'packages', 'clob-cli', 'README.md'),
      '## Try it against a local exchange',
    )
      .split('\n')
      .filter((l) => l.trim() !== '')
    expect(lines[0]).toMatch(/^clob sim --admin &/)
    // As a user would: wait for the backgrounded sim to listen before the next line.
    const script = [
      'set -euo pipefail',
      "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT",
      ...lines.flatMap((l) =>
        /&\s*(#.*)?$/.test(l)
          ? [l, 'until (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; do sleep 0.1; done']
          : [l],
      ),
    ].join('\n')
    const r = spawnSync('bash', ['-c', script], {
      env: {
        ...env,
        PATH: `${bin}:${process.env.PATH ?? ''}`,
        HOME: work,
        CLOB_CONFIG_DIR: join(work, 'quickstart'),
        CLOB_KEYSTORE_PASSWORD: 'correct horse battery staple',
      },
      encoding: 'utf8',
      timeout: 90_000,
    })
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0)
    expect(r.stdout).toMatch(/BUY/)
    await until('the backgrounded sim to stop', async () => !(await portOpen(8080)), 15_000)
  })
})
