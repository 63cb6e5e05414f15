import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Io } from '@clobkit/clob-cli'

export const BIN = fileURLToPath(new URL('../bin/clob.js', import.meta.url))

/** Hardhat account #0 — a public test key, never used for real funds. */
/** A command line as argv, written as one string (no argument here contains a space). */
export const argv = (line: string): string[] => line.split(' ')

export const TEST_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const TEST_ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

export interface Result {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A running `clob` whose output is collected as it comes. */
export interface Running {
  readonly child: ChildProcessWithoutNullStreams
  stdout(): string
  stderr(): string
  /** Exit code once it closed (-1 when killed by a signal it did not handle). */
  readonly closed: Promise<number>
}

export interface Sandbox {
  readonly home: string
  readonly config: string
  env(extra?: Record<string, string | undefined>): Record<string, string>
  run(
    args: readonly string[],
    opts?: { env?: Record<string, string | undefined>; input?: string },
  ): Promise<Result>
  runSync(
    args: readonly string[],
    opts?: { env?: Record<string, string | undefined>; input?: string },
  ): Result
  /** Spawns the binary in the sandbox and returns at once. */
  spawn(args: readonly string[], opts?: { env?: Record<string, string | undefined> }): Running
  file(name: string, contents: string, mode?: number): string
  cleanup(): void
}

function baseEnv(home: string, extra: Record<string, string | undefined>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    NO_COLOR: '1',
    LANG: 'C.UTF-8',
  }
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k]
    else env[k] = v
  }
  return env
}

/** A temporary HOME with its own config directory; every run spawns the built binary. */
export function sandbox(defaults: Record<string, string | undefined> = {}): Sandbox {
  const home = mkdtempSync(join(tmpdir(), 'clob-cli-test-'))
  const env = (extra: Record<string, string | undefined> = {}): Record<string, string> =>
    baseEnv(home, { ...defaults, ...extra })
  const start = (
    args: readonly string[],
    opts: { env?: Record<string, string | undefined> } = {},
  ): Running => {
    const child = spawn(process.execPath, [BIN, ...args], { env: env(opts.env), cwd: home })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)))
    return { child, stdout: () => stdout, stderr: () => stderr, closed }
  }
  return {
    home,
    config: join(home, '.config', 'clob'),
    env,
    run(args, opts = {}) {
      const r = start(args, opts)
      r.child.stdin.end(opts.input ?? '')
      return new Promise((resolve, reject) => {
        r.child.on('error', reject)
        void r.closed.then((code) => resolve({ code, stdout: r.stdout(), stderr: r.stderr() }))
      })
    },
    spawn: start,
    runSync(args, opts = {}) {
      const r = spawnSync(process.execPath, [BIN, ...args], {
        env: env(opts.env),
        cwd: home,
        input: opts.input ?? '',
        encoding: 'utf8',
      })
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
    },
    file(name, contents, mode = 0o600) {
      const p = join(home, name)
      writeFileSync(p, contents, { mode })
      return p
    },
    cleanup() {
      rmSync(home, { recursive: true, force: true })
    },
  }
}

export interface Exchange {
  /** Text the program must have printed before `send` is typed. */
  readonly expect: string
  readonly send: string
}

/**
 * Runs the binary inside a pseudo-terminal (util-linux `script`), so stdin, stdout
 * and stderr are all TTYs; each answer is typed once its prompt has appeared.
 * Output of both streams arrives merged in `stdout`.
 */
export function runInPty(
  box: Sandbox,
  args: readonly string[],
  dialogue: readonly Exchange[],
  env: Record<string, string | undefined> = {},
): Promise<Result> {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`
  const cmd = [process.execPath, BIN, ...args].map(quote).join(' ')
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { env: box.env(env), cwd: box.home })
    let out = ''
    let step = 0
    let searchFrom = 0
    const advance = (): void => {
      while (step < dialogue.length) {
        const { expect, send } = dialogue[step]!
        const at = out.indexOf(expect, searchFrom)
        if (at < 0) return
        searchFrom = at + expect.length
        step++
        child.stdin.write(send)
      }
    }
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d
      advance()
    })
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout: out, stderr: '' }))
  })
}

/**
 * An in-process `Io` for `run()` that records what the command writes. `stdout: { tty: true }`
 * makes stdout a terminal of `columns` width (redraws); stdin is never a terminal.
 */
export function fakeIo(
  env: Record<string, string>,
  options: { tty?: boolean; columns?: number } = {},
): { io: Io; out: () => string; err: () => string } {
  let out = ''
  let err = ''
  const stdin = {
    isTTY: false,
    on: () => stdin,
    removeListener: () => stdin,
    pause: () => stdin,
    resume: () => stdin,
  }
  const stdout = { write: (s: string) => (out += s), isTTY: options.tty === true }
  return {
    io: {
      stdout: options.columns === undefined ? stdout : { ...stdout, columns: options.columns },
      stderr: { write: (s: string) => (err += s), isTTY: false },
      stdin,
      env,
    },
    out: () => out,
    err: () => err,
  }
}
