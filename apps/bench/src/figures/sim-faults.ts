import { startSim } from '@clobkit/clob-sim'
import { type Figure, figure } from '../results.js'
import { median, nowNs } from '../stats.js'

const LATENCY_MS = 200

async function timedGet(url: string): Promise<number> {
  const t0 = nowNs()
  const res = await fetch(url)
  await res.arrayBuffer()
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`)
  return Number(nowNs() - t0) / 1e6
}

/**
 * The sim's latency fault (admin `POST /_sim/faults {latencyMs}`): how long the matching
 * request is really held, and that a request on another path is not. Timing figures live
 * here rather than in clob-sim's unit tests, which only check which request a fault hits.
 */
export async function simFaults(rounds = 5): Promise<Figure[]> {
  const sim = await startSim({ admin: true })
  try {
    const held: number[] = []
    const other: number[] = []
    for (let i = 0; i < 3; i++) await timedGet(`${sim.url}/ok`)
    for (let i = 0; i < rounds; i++) {
      const res = await fetch(`${sim.url}/_sim/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ path: '/time', latencyMs: LATENCY_MS, count: 1 }),
      })
      if (!res.ok) throw new Error(`POST /_sim/faults: ${res.status}`)
      other.push(await timedGet(`${sim.url}/ok`))
      held.push(await timedGet(`${sim.url}/time`))
    }
    const heldMs = median(held)
    const otherMs = median(other)
    return [
      figure({
        name: `sim: request held by a ${LATENCY_MS} ms latency fault`,
        unit: 'ms',
        ours: heldMs,
        target: `${LATENCY_MS}–${LATENCY_MS + 50} ms`,
        ok: heldMs >= LATENCY_MS && heldMs <= LATENCY_MS + 50,
      }),
      figure({
        name: 'sim: request on another path while a latency fault is armed',
        unit: 'ms',
        ours: otherMs,
        target: '< 20 ms',
        ok: otherMs < 20,
      }),
    ]
  } finally {
    await sim.stop()
  }
}
