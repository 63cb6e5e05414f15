#!/usr/bin/env node
// `pnpm sim|demo|bench|conformance [args…]`: builds what the app needs (quietly, one
// line per package), then runs the app with the arguments as given, and makes sure a
// stop reaches every process it started.
//
// Why a launcher and not `turbo run … && node …` in package.json: there, `pnpm` runs
// `sh -c`, and a SIGTERM to pnpm (or to the `npx pnpm` in front of it) kills the shell
// and leaves turbo or the app running. Here every child is signalled on SIGINT/SIGTERM/
// SIGHUP, and also when a process that started us dies (npm exec and pnpm do not pass a
// SIGTERM on): the ancestors are polled, and their death is treated as a SIGTERM.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** What each root task builds and runs. */
const APPS = {
  sim: { filter: '@clobkit/sim-app...', main: 'apps/sim/dist/main.js', node: [] },
  demo: { filter: '@clobkit/demo...', main: 'apps/demo/dist/main.js', node: [] },
  bench: { filter: '@clobkit/bench...', main: 'apps/bench/dist/main.js', node: ['--expose-gc'] },
  conformance: { filter: '@clobkit/conformance...', main: 'apps/conformance/dist/main.js', node: [] },
}

const [name, ...args] = process.argv.slice(2)
const app = APPS[name]
if (app === undefined) {
  process.stderr.write(`usage: node tooling/run-app.mjs ${Object.keys(APPS).join('|')} [args…]\n`)
  process.exit(2)
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']
const CODES = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }
let child
let stopping

function stop(signal) {
  if (stopping !== undefined) {
    // A second signal: do not wait for a clean stop.
    child?.kill('SIGKILL')
    process.exit(128 + CODES[signal])
  }
  stopping = signal
  if (child === undefined || child.exitCode !== null) process.exit(128 + CODES[signal])
  child.kill(signal)
  // An app that ignores the signal is killed after 5 s.
  setTimeout(() => child.kill('SIGKILL'), 5000).unref()
}
for (const s of SIGNALS) process.on(s, () => stop(s))

/** Pids of the processes above us (Linux /proc; elsewhere only the parent). */
function ancestors() {
  const pids = []
  let pid = process.ppid
  for (let i = 0; i < 8 && pid > 1; i++) {
    pids.push(pid)
    try {
      // /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
    } catch {
      break
    }
  }
  return pids
}
const watched = ancestors()
const alive = (pid) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === 'EPERM'
  }
}
setInterval(() => {
  if (stopping === undefined && (process.ppid !== watched[0] || !watched.every(alive))) stop('SIGTERM')
}, 500).unref()

/** Runs one process with our stdio; resolves with its exit code (128+n for a signal). */
function run(command, argv, env = {}) {
  return new Promise((resolve) => {
    child = spawn(command, argv, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', (e) => {
      process.stderr.write(`${command}: ${e.message}\n`)
      resolve(1)
    })
    child.on('exit', (code, signal) => resolve(code ?? 128 + (CODES[signal] ?? 9)))
  })
}

const turbo = join(root, 'node_modules', 'turbo', 'bin', 'turbo')
const built = await run(
  process.execPath,
  [turbo, 'run', 'build', `--filter=${app.filter}`, '--output-logs=errors-only', '--log-order=grouped'],
  { TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
)
if (stopping !== undefined) process.exit(128 + CODES[stopping])
if (built !== 0) process.exit(built)
const code = await run(process.execPath, [...app.node, app.main, ...args])
process.exit(stopping !== undefined && code === 0 ? 0 : code)
