/**
 * The sim side of the load benchmark: a child process (one core) running
 * `startSim`, reporting heap and event-loop utilization over IPC on request.
 * @module
 */
import { performance } from 'node:perf_hooks'
import { getHeapStatistics } from 'node:v8'
import { type SimSeed, startSim } from '../src/index.js'
import { sigCacheOf } from '../src/sigcache.js'

interface Port {
  on(event: 'message', listener: (msg: { type: string }) => void): void
  postMessage(msg: unknown): void
  close(): void
}

async function serve(): Promise<void> {
  const send = process.send?.bind(process)
  if (!send) return
  const port: Port = {
    on: (_e, listener) => process.on('message', listener),
    postMessage: (msg) => send(msg),
    close: () => process.disconnect(),
  }
  const data = JSON.parse(process.argv[2] ?? '{}') as { seed: SimSeed }
  const sim = await startSim({
    admin: true,
    seed: data.seed,
    retention: { orders: 2_000, trades: 2_000, notifications: 100 },
  })
  let elu = performance.eventLoopUtilization()
  let cpu = process.cpuUsage()
  port.on('message', async (msg: { type: string }) => {
    if (msg.type === 'stats') {
      const now = performance.eventLoopUtilization()
      const delta = performance.eventLoopUtilization(now, elu)
      elu = now
      const cpuDelta = process.cpuUsage(cpu)
      cpu = process.cpuUsage()
      const gc = (globalThis as { gc?: () => void }).gc
      if (gc) gc()
      const cache = sigCacheOf(sim.state).stats
      port.postMessage({
        type: 'stats',
        heapMB: getHeapStatistics().used_heap_size / 1024 / 1024,
        rssMB: process.memoryUsage.rss() / 1024 / 1024,
        utilization: delta.utilization,
        cpuMs: (cpuDelta.user + cpuDelta.system) / 1000,
        filled: sim.state.counters.filled,
        cacheHits: cache.hits,
        cacheMisses: cache.misses + cache.fallbacks,
        problems: sim.check().length,
      })
    } else if (msg.type === 'stop') {
      await sim.stop()
      port.postMessage({ type: 'stopped' })
      port.close()
      // exit (rather than be killed) so --cpu-prof can write its profile
      setImmediate(() => process.exit(0))
    }
  })
  port.postMessage({ type: 'ready', url: sim.url })
}

void serve()
