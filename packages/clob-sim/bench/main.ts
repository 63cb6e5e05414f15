/**
 * `pnpm bench` entry: `node bench/main.ts [durationMs] [concurrency]` (through tsx) or
 * `node dist/bench-main.js`. Prints one JSON line with the results.
 */
import { runLoad } from './load.js'

const durationMs = Number(process.argv[2] ?? 60_000)
const concurrency = Number(process.argv[3] ?? 8)
const result = await runLoad({ durationMs, concurrency })
const f = (n: number) => n.toFixed(0)
process.stdout.write(
  `clob-sim load (${durationMs / 1000} s, ${concurrency} in flight): ` +
    `${f(result.ordersPerSec)} signed orders/s accepted, ${f(result.filledPerSec)}/s fully filled ` +
    `(${f(result.matchedRatio * 100)}% matched on arrival, ${f(result.filledRatio * 100)}% filled); ` +
    `per sim CPU-second ${f(result.ordersPerSimCpuSec)} accepted, ${f(result.filledPerSimCpuSec)} filled; ` +
    `p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms; ` +
    `sim heap ${result.heapAfterWarmupMB.toFixed(1)} MB after warm-up, then ${result.heapSamplesMB.join(' / ')} MB ` +
    `(rss ${result.rssSamplesMB.join(' / ')} MB); sim event-loop utilization ${f(result.simUtilization * 100)}%; ` +
    `CPU used: sim ${f((result.simCpuMs / durationMs) * 100)}%, client ${f((result.clientCpuMs / durationMs) * 100)}% of a core; ` +
    `signatures ${result.cacheHits} cached / ${result.cacheMisses} full, ${result.spotChecks} spot-checked; ` +
    `errors ${result.errors}, invariant problems ${result.invariantProblems}\n`,
)
process.stdout.write(`${JSON.stringify(result)}\n`)
