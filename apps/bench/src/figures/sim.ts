import { runLoad } from '@clobkit/clob-sim/bench'
import { type Figure, figure } from '../results.js'

/** clob-sim under sustained signed order posting with matching (loopback, sim in its own process). */
export async function sim(durationMs = 60_000): Promise<Figure[]> {
  const r = await runLoad({ durationMs, concurrency: 8 })
  const heapGrowth = (r.heapSamplesMB.at(-1) ?? r.heapMB) - r.heapAfterWarmupMB
  return [
    figure({
      name: `sim: signed orders accepted (${durationMs / 1000} s, wall)`,
      unit: 'orders/s',
      ours: r.ordersPerSec,
      target: '≥ 2000',
      ok: r.ordersPerSec >= 2000,
    }),
    figure({
      name: 'sim: orders accepted per sim CPU-second (one core)',
      unit: 'orders/s',
      ours: r.ordersPerSimCpuSec,
      target: '≥ 5000',
      ok: r.ordersPerSimCpuSec >= 5000,
    }),
    figure({ name: 'sim: orders fully filled', unit: 'orders/s', ours: r.filledPerSec }),
    figure({ name: 'sim: POST /order p50', unit: 'ms', ours: r.p50Ms }),
    figure({ name: 'sim: POST /order p99', unit: 'ms', ours: r.p99Ms }),
    figure({
      name: 'sim: heap growth after warm-up',
      unit: 'MB',
      ours: heapGrowth,
      target: 'flat',
      ok: heapGrowth < 5,
    }),
  ]
}
