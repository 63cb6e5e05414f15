/**
 * `pnpm bench` entry: `node bench/main.ts [durationMs] [concurrency]` (through tsx) or
 * `node dist/bench-main.js`. Prints one JSON line with the results.
 */
import { runLoad } from './load.js'

const durationMs = Number(process.argv[2] ?? 60_000)
const concurrency = Number(process.argv[3] ?? 8)
const result = await runLoad({ durationMs, concurrency })
process.stdout.write(
  `clob-sim load: ${result.ordersPerSec.toFixed(0)} signed orders/s accepted (${(result.matchedRatio * 100).toFixed(0)}% matched on arrival), ` +
    `p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms, sim heap ${result.heapAfterWarmupMB.toFixed(1)} MB after warm-up, then ${result.heapSamplesMB.join(' / ')} MB, ` +
    `sim event-loop utilization ${(result.simUtilization * 100).toFixed(0)}%, ` +
    `capacity ${result.ordersPerSimCpuSec.toFixed(0)} orders per sim CPU-second\n`,
)
process.stdout.write(`${JSON.stringify(result)}\n`)
