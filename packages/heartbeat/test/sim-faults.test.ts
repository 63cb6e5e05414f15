/**
 * The keeper against `@clobkit/clob-sim` with faults: 503s injected by the sim into
 * `/v1/heartbeats`, latency on the wire (injected clock), a beat held by the sim.
 * Same injected clock as sim.test.ts; every test has its own sim.
 */
import { describe, expect, it } from 'vitest'
import { admin, keep, openIds, TOKEN, trader, WINDOW_MS, world } from './support/sim.js'

describe('startHeartbeat against clob-sim with faults injected', () => {
  it('rides out 2 s of latency and three 503s without a cancellation', async (t) => {
    const w = await world(t)
    const { client, orderIds } = await trader(w, 2)
    const { keeper, of, delay } = keep(t, w, client)
    await w.clock.advance(0)
    delay(2000, 4)
    await w.clock.advance(22_000)
    expect(of('beat').map((e) => [e.at, e.latencyMs])).toEqual([
      [0, 0],
      [7000, 2000],
      [12_000, 2000],
      [17_000, 2000],
      [22_000, 2000],
    ])
    await admin(w, '/_sim/faults', { path: '/v1/heartbeats', status: 503, count: 3 })
    await w.clock.advance(8000)
    expect(of('error').map((e) => [e.at, e.error.status, e.retryInMs])).toEqual([
      [25_000, 503, 500],
      [25_500, 503, 1000],
      [26_500, 503, 2000],
    ])
    expect(of('recovered')).toMatchObject([{ at: 28_500, from: 'error', failures: 3 }])
    await w.clock.advance(WINDOW_MS)
    expect(of('lapsed')).toEqual([])
    expect(keeper.state().lapses).toBe(0)
    expect(await openIds(client)).toEqual(orderIds)
  })

  it('warns at-risk while the orders still rest, and reports lapsed only once the sim cancels them', async (t) => {
    const w = await world(t)
    const { client, orderIds } = await trader(w, 2)
    const { keeper, of } = keep(t, w, client)
    await w.clock.advance(5000) // beats at 0 and 5000
    await admin(w, '/_sim/faults', { path: '/v1/heartbeats', status: 503, count: -1 })
    await w.clock.advance(5000)
    // the keeper's own deadline is 10 s after the beat sent at 5000: half of it left
    expect(of('at-risk')).toMatchObject([{ at: 10_000, timeLeftMs: 5000, error: { status: 503 } }])
    expect(await openIds(client)).toEqual(orderIds)
    await w.clock.advance(9999)
    expect(of('lapsed')).toEqual([])
    expect(keeper.state()).toMatchObject({ lapsed: false, windowLeftMs: 1 })
    expect(await openIds(client)).toEqual(orderIds)
    await w.clock.advance(1)
    // 15 s after the beat answered at 5000: the window has passed; the sim cancels on its next look
    expect(of('lapsed')).toEqual([
      { type: 'lapsed', at: 20_000, sinceLastSuccessMs: 15_000, lastSuccessAt: 5000 },
    ])
    await w.clock.advance(1)
    expect(await openIds(client)).toEqual([])
    expect(keeper.state()).toMatchObject({ lapsed: true, lapses: 1, running: true })
    // the exchange comes back: the keeper re-joins the chain (the sim issued a fresh id on expiry)
    await admin(w, '/_sim/faults', undefined, 'DELETE')
    await w.clock.advance(5000)
    expect(of('recovered')).toMatchObject([{ from: 'error' }])
    expect(keeper.state()).toMatchObject({ lapsed: false, lapses: 1 })
  })

  it('never blocks order posting on the same client', async (t) => {
    const w = await world(t)
    const { client } = await trader(w, 0)
    const { keeper, of } = keep(t, w, client)
    await w.clock.advance(0)
    // The hold must be inside the real HTTP exchange (the sim sleeps in real time) to show that
    // the client's transport does not queue an order behind it; the keeper's clock stands still
    // meanwhile, so nothing can time out — the hold only has to outlast one order post.
    await admin(w, '/_sim/faults', { path: '/v1/heartbeats', latencyMs: 2000, count: 1 })
    const advancing = w.clock.advance(5000) // the beat at 5000 goes out and is held
    while (!keeper.state().inFlight) await new Promise((resolve) => setImmediate(resolve))
    const posted = await client.orders.createAndPost({
      tokenId: TOKEN,
      side: 'BUY',
      price: '0.02',
      size: '10',
    })
    expect(posted.success).toBe(true)
    // the order went through while the heartbeat was still held by the sim
    expect(keeper.state().inFlight).toBe(true)
    await advancing
    expect(of('beat').map((e) => e.at)).toEqual([0, 5000])
    expect(of('lapsed')).toEqual([])
  })
})
