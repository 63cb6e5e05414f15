import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sandbox, sandbox, TEST_KEY } from './helpers.js'

let sim: SimHandle
let box: Sandbox

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  box = sandbox({ CLOB_HOST: sim.url, CLOB_PRIVATE_KEY: TEST_KEY })
  const r = await box.run(['keys', 'create-or-derive'])
  expect(r.code, r.stderr).toBe(0)
})

afterAll(async () => {
  await sim?.stop()
  box?.cleanup()
})

/** Spawns the binary and resolves once `ready` matches its stdout. */
function background(args: string[], ready: RegExp, env: Record<string, string> = {}) {
  const running = box.spawn(args, { env })
  const { child } = running
  const exited = running.closed
  const started = new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (ready.test(running.stdout())) {
        clearInterval(t)
        resolve()
      }
    }, 20)
    void exited.then((code) => {
      clearInterval(t)
      reject(new Error(`exited ${code} before ready: ${running.stdout()}\n${running.stderr()}`))
    })
  })
  return { child, started, exited, out: running.stdout, err: running.stderr }
}

describe('clob heartbeat run', () => {
  it('--json writes one event per line and stops after --duration (exit 0)', async () => {
    const r = await box.run(['heartbeat', 'run', '--interval', '1s', '--duration', '3s', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const events = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; heartbeatId?: string; armed?: boolean })
    const beats = events.filter((e) => e.type === 'beat')
    expect(beats.length).toBeGreaterThanOrEqual(2)
    expect(beats.every((b) => typeof b.heartbeatId === 'string' && b.heartbeatId !== '')).toBe(true)
    // After the keeper stops, the exchange still expects beats: the last event says so.
    expect(events.at(-2)?.type).toBe('stopped')
    expect(events.at(-1)).toMatchObject({ type: 'exchange-expects-heartbeats', armed: true })
  })

  it('without a TTY prints a line per beat and a summary', async () => {
    const r = await box.run(['heartbeat', 'run', '--interval', '1s', '--duration', '2s'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^beat 1 ok \(\d+ ms\)$/m)
    expect(r.stdout).toMatch(/heartbeat stopped: \d+ beat\(s\), 0 lapse\(s\)/)
  })

  it('on a TTY shows a live status line', async () => {
    const { runInPty } = await import('./helpers.js')
    const r = await runInPty(box, ['heartbeat', 'run', '--interval', '1s', '--duration', '2s'], [], {
      NO_COLOR: undefined,
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/♥.*heartbeat .* beats \d+ · last \d+ ms · time left [\d.]+ s/)
    expect(r.stdout).toContain('\x1b[32m♥')
    expect(r.stdout).toMatch(/heartbeat stopped: \d+ beat\(s\), 0 lapse\(s\)/)
  })

  it('an interval of 10 s or more is a usage error', async () => {
    const r = await box.run(['heartbeat', 'run', '--interval', '10s'])
    expect(r.code).toBe(2)
  })

  it('doctor sees a running keeper; SIGTERM stops it cleanly; a killed one is reported', async () => {
    const hb = background(['heartbeat', 'run', '--interval', '1s'], /beat 1 ok/)
    await hb.started
    const d = await box.run(['doctor', '--json'])
    const checks = (JSON.parse(d.stdout) as { checks: { name: string; status: string; detail: string }[] })
      .checks
    expect(checks.find((c) => c.name === 'heartbeat')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining(`pid ${hb.child.pid}`),
    })
    const statusFile = join(box.config, 'run', 'heartbeat-default.json')
    expect(existsSync(statusFile)).toBe(true)
    hb.child.kill('SIGTERM')
    expect(await hb.exited).toBe(0)
    expect(hb.out()).toMatch(/heartbeat stopped/)
    // Stopping does not disarm the exchange: the stop message and doctor say so.
    expect(hb.err()).toContain('the exchange still expects heartbeats for API key')
    expect(hb.err()).toContain('Run `clob heartbeat run` again')
    const stopped = JSON.parse(readFileSync(statusFile, 'utf8')) as { stoppedAt?: number; beats: number }
    expect(stopped.beats).toBeGreaterThan(0)
    expect(typeof stopped.stoppedAt).toBe('number')
    const d1 = await box.run(['doctor', '--json'])
    const c1 = (
      JSON.parse(d1.stdout) as { checks: { name: string; status: string; detail: string; fix?: string }[] }
    ).checks
    expect(c1.find((c) => c.name === 'heartbeat')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('every order placed later, is cancelled 10-15 s after the last beat'),
      fix: expect.stringContaining('clob heartbeat run'),
    })

    const hb2 = background(['heartbeat', 'run', '--interval', '1s'], /beat 1 ok/)
    await hb2.started
    hb2.child.kill('SIGKILL')
    await hb2.exited
    const d2 = await box.run(['doctor', '--json'])
    const c2 = (JSON.parse(d2.stdout) as { checks: { name: string; status: string; detail: string }[] })
      .checks
    expect(c2.find((c) => c.name === 'heartbeat')).toMatchObject({
      status: 'warn',
      detail: expect.stringContaining('stopped without cleaning up'),
    })
  })
})

describe('clob doctor', () => {
  it('healthy setup: every check reported, exit 0', async () => {
    const r = await box.run(['doctor', '--json'], { env: { CLOB_PRIVATE_KEY: TEST_KEY } })
    const out = JSON.parse(r.stdout) as { ok: boolean; checks: { name: string; status: string }[] }
    expect(out.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'profile',
        'key',
        'signature type',
        'server',
        'clock',
        'exchange version',
        'credentials',
        'heartbeat',
      ]),
    )
    expect(out.checks.find((c) => c.name === 'credentials')?.status).toBe('ok')
    expect(out.checks.find((c) => c.name === 'server')?.status).toBe('ok')
    // CLOB_PRIVATE_KEY is allowed but flagged.
    expect(out.checks.find((c) => c.name === 'key')?.status).toBe('warn')
    expect(out.ok).toBe(true)
    expect(r.code).toBe(0)
  })

  it('finds an unreachable server, a bad funder and says what to fix (exit 1)', async () => {
    const r = await box.run([
      'doctor',
      '--host',
      'http://127.0.0.1:9',
      '--funder',
      '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    ])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/FAIL\s+server/)
    expect(r.stdout).toMatch(/FAIL\s+signature type/)
    expect(r.stdout).toContain('To fix:')
    expect(r.stdout).toContain('signature type: for a Polymarket proxy or safe wallet')
  })

  it('finds credentials of another address and a world-readable profile', async () => {
    const path = join(box.config, 'profiles', 'default.json')
    const original = readFileSync(path, 'utf8')
    const p = JSON.parse(original) as { credentials: { address: string } }
    p.credentials.address = '0x0000000000000000000000000000000000000001'
    writeFileSync(path, JSON.stringify(p))
    chmodSync(path, 0o644)
    try {
      const r = await box.run(['doctor', '--json'])
      expect(r.code).toBe(1)
      const checks = (JSON.parse(r.stdout) as { checks: { name: string; status: string; fix?: string }[] })
        .checks
      expect(checks.find((c) => c.name === 'credentials')).toMatchObject({
        status: 'fail',
        fix: 'clob keys create-or-derive',
      })
      expect(checks.find((c) => c.name === 'profile')).toMatchObject({
        status: 'fail',
        fix: `chmod 600 ${path}`,
      })
    } finally {
      writeFileSync(path, original)
      chmodSync(path, 0o600)
    }
  })
})

describe('clob sim', () => {
  it('runs clob-sim in the foreground on an ephemeral port until SIGTERM', async () => {
    const s = background(['sim', '--port', '0', '--admin', '--json'], /"url"/)
    await s.started
    const { url } = JSON.parse(s.out().split('\n')[0]!) as { url: string }
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const list = await box.run(['--host', url, 'markets', 'list', '--json'])
    expect((JSON.parse(list.stdout) as { data: unknown[] }).data.length).toBeGreaterThan(0)
    const fund = await box.run(['--host', url, 'sim', 'fund', '--collateral', '100', '--json'])
    expect(JSON.parse(fund.stdout)).toMatchObject({ collateral: '100' })
    s.child.kill('SIGTERM')
    expect(await s.exited).toBe(0)
  })

  it('sim fund against a server without admin endpoints explains why', async () => {
    const plain = await startSim({ port: 0 })
    try {
      const r = await box.run(['--host', plain.url, 'sim', 'fund', '--collateral', '1'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('--admin')
    } finally {
      await plain.stop()
    }
  })
})
