import { HeartbeatResponseSchema, parse } from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import { book, l2, postLimit, RAIN_YES, simPool, trader } from './helpers.js'

const { sim } = simPool()

describe('POST /v1/heartbeats', () => {
  it('chains ids; a stale id gets 400 carrying the correct id', async () => {
    const s = await sim()
    const t = await trader(s)
    const first = await l2(s, t, 'POST', '/v1/heartbeats', '{"heartbeat_id":""}')
    expect(first.status).toBe(200)
    const id1 = parse(HeartbeatResponseSchema, first.json, 'hb').heartbeat_id
    expect(id1).not.toBe('')
    const second = await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: id1 })
    const id2 = second.json.heartbeat_id
    expect(second.status).toBe(200)
    expect(id2).not.toBe(id1)
    const stale = await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: id1 })
    expect(stale.status).toBe(400)
    expect(stale.json.heartbeat_id).toBe(id2)
    expect(typeof stale.json.error).toBe('string')
    const restart = await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: '' })
    expect(restart.status).toBe(400)
    expect(restart.json.heartbeat_id).toBe(id2)
    expect((await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: id2 })).status).toBe(200)
  })

  it('accepts TSv1’s null first id; rejects a non-string id', async () => {
    const s = await sim()
    const t = await trader(s)
    expect((await l2(s, t, 'POST', '/v1/heartbeats', '{"heartbeat_id":null}')).status).toBe(200)
    expect((await l2(s, t, 'POST', '/v1/heartbeats', '{"heartbeat_id":5}')).status).toBe(400)
  })

  it('keys heartbeat independently', async () => {
    const s = await sim()
    const a = await trader(s)
    const b = await trader(s)
    const ida = (await l2(s, a, 'POST', '/v1/heartbeats', { heartbeat_id: '' })).json.heartbeat_id
    expect((await l2(s, b, 'POST', '/v1/heartbeats', { heartbeat_id: ida })).status).toBe(400)
    expect((await l2(s, a, 'POST', '/v1/heartbeats', { heartbeat_id: ida })).status).toBe(200)
  })
})

describe('heartbeat dead-man switch', () => {
  it('cancels all of a key’s open orders once no valid heartbeat arrived within 10 s + 5 s', async () => {
    let now = 1_800_000_000_000
    const s = await sim({ now: () => now })
    const t = await trader(s, { collateral: '100' })
    const quiet = await trader(s, { collateral: '100' })
    const o1 = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    const o2 = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.31, size: 10 })
    const q = await postLimit(s, quiet, { tokenId: RAIN_YES, side: 'BUY', price: 0.32, size: 10 })
    let id = (await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: '' })).json.heartbeat_id
    now += 9_000
    id = (await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: id })).json.heartbeat_id
    now += 15_000
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toHaveLength(2)
    now += 1
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toEqual([])
    expect((await l2(s, t, 'GET', `/data/order/${o1.id}`)).json.status).toBe('CANCELED')
    expect((await l2(s, t, 'GET', `/data/order/${o2.id}`)).json.status).toBe('CANCELED')
    expect((await l2(s, quiet, 'GET', `/data/order/${q.id}`)).json.status).toBe('LIVE')
    const notes = (await l2(s, t, 'GET', '/notifications')).json
    expect(notes.filter((n: { type: number }) => n.type === 1)).toHaveLength(2)
    expect(notes[0].payload.reason).toBe('heartbeat expired')
    // the old id is stale; the 400 carries the id to continue from, and chaining resumes
    const stale = await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: id })
    expect(stale.status).toBe(400)
    const resumed = await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: stale.json.heartbeat_id })
    expect(resumed.status).toBe(200)
    const o3 = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 5 })
    now += 14_000
    expect((await l2(s, t, 'GET', `/data/order/${o3.id}`)).json.status).toBe('LIVE')
  })

  it('a key that never heartbeats keeps its orders', async () => {
    let now = 1_800_000_000_000
    const s = await sim({ now: () => now })
    const t = await trader(s, { collateral: '100' })
    const o = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    now += 3_600_000
    expect((await l2(s, t, 'GET', `/data/order/${o.id}`)).json.status).toBe('LIVE')
  })

  it('timeout and buffer are configurable, and the check also runs on a timer without requests', async () => {
    // sim time is injected; only the sim's own check timer (every 10 ms) runs in real time
    let now = 1_800_000_000_000
    const s = await sim({ now: () => now, heartbeat: { timeoutMs: 800, bufferMs: 200, checkIntervalMs: 10 } })
    const t = await trader(s, { collateral: '100' })
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    await l2(s, t, 'POST', '/v1/heartbeats', { heartbeat_id: '' })
    const live = () =>
      [...s.state.orders.values()].filter((o) => o.owner === t.creds.key && o.status === 'LIVE').length
    const ticks = (n: number) => new Promise((r) => setTimeout(r, n * 10 + 5))
    now += 1000 // exactly timeout + buffer: still within the window
    await ticks(3)
    expect(live()).toBe(1)
    now += 1
    // no request from here on: the timer alone must cancel
    for (let i = 0; i < 300 && live() > 0; i++) await ticks(1)
    expect(live()).toBe(0)
    expect((await book(s, RAIN_YES)).bids.some((l: { price: string }) => l.price === '0.3')).toBe(false)
  })
})
