/**
 * The keeper against `@clobkit/clob-sim` with faults injected into `/v1/heartbeats`
 * (latency, 503s). Same 5× time scaling as sim.test.ts; faults hit every key of the
 * sim, so these tests run one after another on their own sim.
 */
import type { SimHandle } from '@clobkit/clob-sim'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  admin,
  BUFFER_MS,
  keep,
  openIds,
  SCALE,
  sleep,
  startScaledSim,
  TIMEOUT_MS,
  TOKEN,
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

describe('startHeartbeat against clob-sim with faults injected', () => {
  afterEach(async () => {
    await admin(sim, '/_sim/faults', undefined, 'DELETE')
  })

  it('rides out "2 s" of latency and a few failed beats without a cancellation', async (t) => {
    const { client, orderIds } = await trader(sim, 2)
    const { keeper, of } = keep(t, client)
    await until('the first beat', () => keeper.state().beats > 0, 2 * TIMEOUT_MS)
    await admin(sim, '/_sim/faults', { path: '/v1/heartbeats', latencyMs: 2000 / SCALE, count: 4 })
    await admin(sim, '/_sim/faults', { path: '/v1/heartbeats', status: 503, count: 3 })
    await until('the failures to pass', () => of('recovered').length > 0, 3 * TIMEOUT_MS)
    await sleep(TIMEOUT_MS + BUFFER_MS)
    expect(of('beat').some((e) => e.latencyMs >= 2000 / SCALE)).toBe(true)
    expect(of('error').filter((e) => e.error.status === 503)).toHaveLength(3)
    expect(of('recovered')[0]).toMatchObject({ from: 'error', failures: 3 })
    expect(of('lapsed')).toEqual([])
    expect(keeper.state().lapses).toBe(0)
    expect(await openIds(client)).toEqual(orderIds)
  })

  it('a keeper whose beats stop getting through reports the lapse before the sim cancels', async (t) => {
    const { client, orderIds } = await trader(sim, 2)
    const { keeper, of } = keep(t, client)
    await until('a few beats', () => keeper.state().beats >= 2, 3 * TIMEOUT_MS)
    await admin(sim, '/_sim/faults', { path: '/v1/heartbeats', status: 503, count: -1 })
    await until('the lapse', () => of('lapsed').length > 0, 3 * TIMEOUT_MS)
    expect(of('at-risk')).toHaveLength(1)
    expect(of('at-risk')[0]!.at).toBeLessThan(of('lapsed')[0]!.at)
    // the keeper is pessimistic (10 s of the 10 s + 5 s): the orders are still there when it warns
    expect(await openIds(client)).toEqual(orderIds)
    await until('the sim to cancel', async () => (await openIds(client)).length === 0, 2 * TIMEOUT_MS)
    expect(keeper.state()).toMatchObject({ lapsed: true, lapses: 1, running: true })
    // the exchange comes back: the keeper re-joins the chain (the sim issued a fresh id on expiry)
    await admin(sim, '/_sim/faults', undefined, 'DELETE')
    await until('the recovery', () => of('recovered').length > 0, 2 * TIMEOUT_MS)
    expect(of('recovered')[0]).toMatchObject({ from: 'error' })
    expect(keeper.state()).toMatchObject({ lapsed: false, lapses: 1 })
  })

  it('never blocks order posting on the same client', async (t) => {
    const { client } = await trader(sim, 0)
    const { keeper, of } = keep(t, client, { timeoutMs: 1500 })
    await until('the first beat', () => keeper.state().beats > 0, 2 * TIMEOUT_MS)
    await admin(sim, '/_sim/faults', { path: '/v1/heartbeats', latencyMs: 1000, count: 1 })
    // a beat that has been in flight for 100 ms is the one the sim holds for 1000 ms
    await until(
      'the held beat',
      async () => {
        if (!keeper.state().inFlight) return false
        await sleep(100)
        return keeper.state().inFlight
      },
      2 * TIMEOUT_MS,
    )
    const posted = await client.orders.createAndPost({
      tokenId: TOKEN,
      side: 'BUY',
      price: '0.02',
      size: '10',
    })
    expect(posted.success).toBe(true)
    // the order went through while the heartbeat was still held by the sim
    expect(keeper.state().inFlight).toBe(true)
    await until('the held beat to land', () => of('beat').some((e) => e.latencyMs >= 1000), 2 * TIMEOUT_MS)
    expect(of('lapsed')).toEqual([])
  })
})
