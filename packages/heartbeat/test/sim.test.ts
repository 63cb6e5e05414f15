/**
 * The keeper against `@clobkit/clob-sim` over real loopback HTTP, through a real
 * `@clobkit/clob-rest` client.
 *
 * Time scaling: the protocol's windows are divided by 5 so the suite runs in seconds
 * while a request still has 750 ms before the keeper's own timeout: the tests share two
 * cores with the rest of the CI run.
 *
 * | protocol (PROTOCOL.md §5.6)        | here      |
 * |------------------------------------|-----------|
 * | exchange timeout 10 s              | 2000 ms   |
 * | exchange buffer 5 s                | 1000 ms   |
 * | keeper deadline 10 s               | 2000 ms   |
 * | beat every 5 s                     | 500 ms (2× the docs' rate: headroom for a loaded CI box) |
 * | 60 s of heartbeats                 | 12 s      |
 * | 2 s of injected latency            | 400 ms    |
 *
 * The sim checks for expired sessions every 20 ms, so it cancels a key's orders
 * between 3000 and ~3020 ms after its last valid heartbeat. Fault injection is per
 * sim, so the tests that inject faults live in sim-faults.test.ts (own sim, own fork).
 */
import type { SimHandle } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BUFFER_MS,
  INTERVAL_MS,
  keep,
  openIds,
  sleep,
  startScaledSim,
  TIMEOUT_MS,
  trader,
  until,
} from './support/sim.js'

let sim: SimHandle

beforeAll(async () => {
  sim = await startScaledSim()
})

afterAll(async () => {
  await sim?.stop()
})

describe.concurrent('startHeartbeat against clob-sim', () => {
  it('keeps resting orders alive through "60 s" of heartbeats', async (t) => {
    const { client, orderIds } = await trader(sim, 3)
    const { keeper, of } = keep(t, client)
    await sleep(6 * TIMEOUT_MS) // 60 s of protocol time
    expect(await openIds(client)).toEqual(orderIds)
    const state = keeper.state()
    expect(state).toMatchObject({ running: true, lapses: 0, lapsed: false })
    expect(state.beats).toBeGreaterThanOrEqual(12)
    expect(of('lapsed')).toEqual([])
    // every beat chained: the sim answered each with a fresh id, never a 400
    expect(of('recovered')).toEqual([])
    expect(new Set(of('beat').map((e) => e.heartbeatId)).size).toBe(of('beat').length)
  })

  it('recovers a stale id from the 400 without a lapse', async (t) => {
    const { client, orderIds } = await trader(sim, 2)
    // another process already started this key's chain: the keeper's "" is stale
    const first = await client.heartbeats.post('')
    const { keeper, of } = keep(t, client)
    await until('a recovery', () => of('recovered').length > 0, 2 * TIMEOUT_MS)
    expect(of('recovered')[0]).toMatchObject({ from: 'stale_id', failures: 1 })
    expect(of('error')).toEqual([])
    expect(of('beat')[0]?.heartbeatId).not.toBe(first.heartbeat_id)
    // and again mid-run: someone else advances the chain. The keeper may beat between our
    // read of its id and our post (then ours is the stale one): retry until ours lands.
    const recoveredBefore = of('recovered').length
    await until(
      'another process to advance the chain',
      () =>
        client.heartbeats.post(keeper.state().heartbeatId).then(
          () => true,
          () => false,
        ),
      2 * TIMEOUT_MS,
    )
    await sleep(TIMEOUT_MS + BUFFER_MS + INTERVAL_MS)
    expect(of('recovered').length).toBeGreaterThan(recoveredBefore)
    expect(of('recovered').every((e) => e.from === 'stale_id')).toBe(true)
    expect(of('lapsed')).toEqual([])
    expect(await openIds(client)).toEqual(orderIds)
  })

  it('after stop, the sim cancels every open order of the key within the window', async (t) => {
    const { client, orderIds } = await trader(sim, 3)
    const other = await trader(sim, 1)
    const otherKeeper = keep(t, other.client)
    const { keeper, of } = keep(t, client)
    await until('a few beats', () => keeper.state().beats >= 3, 3 * TIMEOUT_MS)
    await keeper.stop()
    expect(of('stopped')).toMatchObject([{ reason: 'stop' }])
    const stoppedAt = performance.now()
    await sleep(TIMEOUT_MS - INTERVAL_MS)
    // the last beat was at most one interval (plus its latency) before stop: still protected
    expect(await openIds(client)).toEqual(orderIds)
    await until('the sim to cancel', async () => (await openIds(client)).length === 0, 2 * TIMEOUT_MS)
    const cancelledAfter = performance.now() - stoppedAt
    expect(cancelledAfter).toBeLessThan(TIMEOUT_MS + BUFFER_MS + INTERVAL_MS)
    for (const id of orderIds) {
      expect((await client.orders.get(id)).status.toUpperCase()).toBe('CANCELED')
    }
    // another key that keeps beating is untouched
    expect(otherKeeper.keeper.state().lapses).toBe(0)
    expect(await openIds(other.client)).toEqual(other.orderIds)
  })
})
