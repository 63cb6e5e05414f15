import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { type Figure, figure } from '../results.js'
import { median } from '../stats.js'
import { withChildStub } from '../stub-server.js'

const dist = (f: string) => fileURLToPath(new URL(`./${f}`, import.meta.url))

/**
 * A minimal environment for timing process starts: the ambient one may carry settings
 * that slow every Node boot (NODE_EXTRA_CA_CERTS alone adds ~40 ms here) and hide the
 * difference being measured.
 */
export const cleanEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  ...extra,
})

/** Median wall time (ms) of `node <args>` over `runs` fresh processes. */
export function timeProcess(
  args: readonly string[],
  runs: number,
  env: NodeJS.ProcessEnv = cleanEnv(),
): number {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 })
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    if (r.status !== 0)
      throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr?.toString().slice(0, 500)}`)
    times.push(ms)
  }
  return median(times)
}

/** Fresh process to first signed order, over bare `node -e 0`. */
export async function startup(runs = 15): Promise<Figure[]> {
  const bare = timeProcess(['-e', '0'], runs)
  const ours = timeProcess([dist('startup-ours.js')], runs) - bare
  const portable =
    timeProcess([dist('startup-ours.js')], runs, cleanEnv({ CLOBKIT_SECP256K1: 'noble' })) - bare
  const official = await withChildStub(
    async (url) => timeProcess([dist('startup-official.js')], runs, cleanEnv({ BENCH_HOST: url })) - bare,
  )
  return [
    figure({ name: 'bare node -e 0', unit: 'ms', ours: bare }),
    figure({
      name: 'fresh process to first signed order (over bare node)',
      unit: 'ms',
      ours,
      official,
      target: '≤ +40 ms',
      ok: ours <= 40,
    }),
    figure({
      name: 'fresh process to first signed order, noble forced (over bare node)',
      unit: 'ms',
      ours: portable,
      official,
    }),
  ]
}
