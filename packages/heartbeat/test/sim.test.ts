/**
 * The keeper against `@clobkit/clob-sim` over real loopback HTTP, through a real
 * `@clobkit/clob-rest` client, at the protocol's real windows (beat every 5 s, exchange
 * window 10 s + 5 s): the sim, the clients and the keeper share one injected clock
 * (support/sim.ts), so a minute of heartbeats runs in milliseconds and every time below
 * is exact.
 */
import { describe, expect, it } from 'vitest'
import { keep, openIds, trader, WINDOW_MS, world } from './support/sim.js'

describe('startHeartbeat against clob-sim', () => {
  it('keeps resting orders alive through 60 s of heartbeats', async (t) => {
    const w = await world(t)
    const { client, orderIds } = await trader(w, 3)
    const { keeper, of } = keep(t, w, client)
    await w.clock.advance(60_000)
    expect(await openIds(client)).toEqual(orderIds)
    expect(keeper.state()).toMatchObject({ running: true, lapses: 0, lapsed: false, beats: 13 })
    expect(of('beat').map((e) => e.at)).toEqual([...Array(13)].map((_, i) => i * 5000))
    expect(of('lapsed')).toEqual([])
    // every beat chained: the sim answered each with a fresh id, never a 400
    expect(of('recovered')).toEqual([])
    expect(of('error')).toEqual([])
    expect(new Set(of('beat').map((e) => e.heartbeatId)).size).toBe(13)
  })

  it('recovers a stale id from the 400 without a lapse', async (t) => {
    const w = await world(t)
    const { client, orderIds } = await trader(w, 2)
    // another process already started this key's chain: the keeper's "" is stale
    const first = await client.heartbeats.post('')
    const { keeper, of } = keep(t, w, client)
    await w.clock.advance(0)
    expect(of('recovered')).toMatchObject([{ at: 0, from: 'stale_id', failures: 1 }])
    expect(of('error')).toEqual([])
    expect(of('beat')[0]?.heartbeatId).not.toBe(first.heartbeat_id)
    // and again mid-run: someone else advances the chain between two beats
    await w.clock.advance(2000)
    await client.heartbeats.post(keeper.state().heartbeatId)
    await w.clock.advance(3000)
    expect(of('recovered')).toMatchObject([
      { at: 0, from: 'stale_id' },
      { at: 5000, from: 'stale_id', failures: 1 },
    ])
    await w.clock.advance(2 * WINDOW_MS)
    expect(of('lapsed')).toEqual([])
    expect(of('error')).toEqual([])
    expect(await openIds(client)).toEqual(orderIds)
  })

  it('after stop, the sim cancels every open order of the key once its window has passed', async (t) => {
    const w = await world(t)
    const { client, orderIds } = await trader(w, 3)
    const other = await trader(w, 1)
    const otherKeeper = keep(t, w, other.client)
    const { keeper, of } = keep(t, w, client)
    await w.clock.advance(10_000)
    expect(keeper.state().beats).toBe(3) // 0, 5000, 10 000
    await keeper.stop()
    expect(of('stopped')).toMatchObject([{ reason: 'stop', at: 10_000 }])
    await w.clock.advance(WINDOW_MS)
    // exactly 15 s after the last beat: still inside the window
    expect(await openIds(client)).toEqual(orderIds)
    await w.clock.advance(1)
    expect(await openIds(client)).toEqual([])
    for (const id of orderIds) {
      expect((await client.orders.get(id)).status.toUpperCase()).toBe('CANCELED')
    }
    // another key that keeps beating is untouched
    expect(otherKeeper.keeper.state()).toMatchObject({ lapses: 0, beats: 6 })
    expect(await openIds(other.client)).toEqual(other.orderIds)
  })
})
