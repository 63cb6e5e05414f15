import { afterEach, describe, expect, it } from 'vitest'
import {
  book,
  ELECTION_YES,
  l2,
  postLimit,
  RAIN,
  RAIN_NO,
  RAIN_YES,
  raw,
  simPool,
  trader,
} from './helpers.js'
import { Client, clientPool, levels } from './ws-helpers.js'

const { sim } = simPool()
const clients = clientPool()
afterEach(() => clients.closeAll())

const docs = (assets: string[], extra: Record<string, unknown> = {}) => ({
  type: 'market',
  assets_ids: assets,
  ...extra,
})

describe('/ws/market subscriptions', () => {
  it('the initial dump is one book per asset, as an array frame, with the REST hash and first-snapshot fields', async () => {
    const s = await sim()
    const c = await clients.market(s, docs([RAIN_YES, RAIN_NO]))
    const yes = await c.next('book', (e) => e.asset_id === RAIN_YES)
    const no = await c.next('book', (e) => e.asset_id === RAIN_NO)
    expect(JSON.parse(c.frames[0] as string)).toHaveLength(2)
    const rest = await book(s, RAIN_YES)
    expect(yes.hash).toBe(rest.hash)
    expect(yes.market).toBe(RAIN.conditionId)
    expect(levels(yes.bids)).toEqual(levels(rest.bids))
    expect(levels(yes.asks)).toEqual(levels(rest.asks))
    expect(yes).toMatchObject({
      tick_size: '0.01',
      min_order_size: '5',
      neg_risk: false,
      last_trade_price: '0.5',
    })
    expect(yes.timestamp).toMatch(/^\d{13}$/)
    expect(no.hash).toBe((await book(s, RAIN_NO)).hash)
  })

  const forms: [string, unknown][] = [
    ['docs', { type: 'market', assets_ids: [RAIN_YES], custom_feature_enabled: false }],
    [
      'RS',
      { type: 'market', operation: 'subscribe', markets: [], assets_ids: [RAIN_YES], initial_dump: true },
    ],
    ['v2 examples', { type: 'market', markets: [], assets_ids: [RAIN_YES], initial_dump: true }],
    ['legacy upper-case', { type: 'MARKET', assets_ids: [RAIN_YES] }],
    ['update without type', { assets_ids: [RAIN_YES], operation: 'subscribe' }],
  ]
  it.each(forms)('accepts the %s form', async (_name, form) => {
    const s = await sim()
    const c = await clients.market(s, form)
    const b = await c.next('book')
    expect(b.asset_id).toBe(RAIN_YES)
  })

  it('initial_dump: false sends no book; a later subscribe of the same asset sends a fresh one without the first-snapshot fields', async () => {
    const s = await sim()
    const c = await clients.market(s, docs([RAIN_YES], { initial_dump: false }))
    await c.barrier()
    expect(c.drain()).toEqual([])
    c.send({ assets_ids: [RAIN_YES], operation: 'subscribe' })
    const b = await c.next('book')
    expect(b.tick_size).toBeDefined()
    c.send({ assets_ids: [RAIN_YES], operation: 'subscribe' })
    const again = await c.next('book')
    expect(again.tick_size).toBeUndefined()
    expect(again.hash).toBe(b.hash)
  })

  it('unsubscribe stops an asset; other assets keep flowing', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.market(s, docs([RAIN_YES, ELECTION_YES]))
    await c.next('book')
    await c.next('book')
    c.send({ type: 'market', operation: 'unsubscribe', markets: [], assets_ids: [RAIN_YES] })
    await c.barrier()
    expect((await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })).status).toBe(200)
    expect(
      (await postLimit(s, t, { tokenId: ELECTION_YES, side: 'BUY', price: 0.1, size: 10, negRisk: true }))
        .status,
    ).toBe(200)
    const pc = await c.next('price_change')
    expect(pc.price_changes.map((x: { asset_id: string }) => x.asset_id)).toEqual([ELECTION_YES])
    await c.barrier()
    expect(c.untaken()).toEqual([])
  })

  it('answers text PING with text PONG, on both channels', async () => {
    const s = await sim()
    for (const c of [await clients.market(s), await clients.user(s)]) {
      await c.barrier()
      await c.barrier()
      expect(c.pongs).toBe(2)
    }
  })

  it('the bare /ws/ path and unknown stream paths answer 404', async () => {
    const s = await sim()
    for (const path of ['/ws/', '/ws/markets', '/stream']) {
      const err = await Client.open(s, 'market', path).then(
        () => undefined,
        (e: Error) => e,
      )
      expect(err?.message).toContain('404')
    }
  })
})

describe('/ws/market events', () => {
  it('a resting order sends price_change with the new level total, the top of book and the REST hash; cancel sends size "0"', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.market(s, docs([RAIN_YES]))
    await c.next('book')
    const placed = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.47, size: 10 })
    const pc = await c.next('price_change')
    expect(pc.market).toBe(RAIN.conditionId)
    expect(pc.price_changes).toEqual([
      {
        asset_id: RAIN_YES,
        price: '0.47',
        size: '410',
        side: 'BUY',
        hash: (await book(s, RAIN_YES)).hash,
        best_bid: '0.48',
        best_ask: '0.52',
      },
    ])
    const fresh = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    expect((await c.next('price_change')).price_changes[0]).toMatchObject({ price: '0.3', size: '10' })
    const del = await l2(s, t, 'DELETE', '/order', { orderID: fresh.id })
    expect(del.json.canceled).toEqual([fresh.id])
    const gone = await c.next('price_change')
    expect(gone.price_changes[0]).toMatchObject({ price: '0.3', size: '0', side: 'BUY' })
    expect(gone.price_changes[0].hash).toBe((await book(s, RAIN_YES)).hash)
    expect(placed.status).toBe(200)
  })

  it('a trade sends last_trade_price, the level change and a fresh book; a mirror of the stream equals GET /book', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.market(s, docs([RAIN_YES]))
    const first = await c.next('book')
    const bids = levels(first.bids)
    const asks = levels(first.asks)
    // crosses 0.52 (100) and takes 20 of 0.53 (180)
    const r = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.53,
      size: 120,
      orderType: 'FOK',
    })
    expect(r.json.status).toBe('matched')
    const ltp = await c.next('last_trade_price', (e) => e.price === '0.52')
    expect(ltp).toMatchObject({ asset_id: RAIN_YES, market: RAIN.conditionId, side: 'BUY', size: '100' })
    expect(ltp.timestamp).toMatch(/^\d{13}$/)
    await c.next('last_trade_price', (e) => e.price === '0.53' && e.size === '20')
    const pc = await c.next('price_change')
    for (const x of pc.price_changes) {
      const side = x.side === 'BUY' ? bids : asks
      if (x.size === '0') delete side[x.price]
      else side[x.price] = x.size
    }
    const after = await c.next('book')
    const rest = await book(s, RAIN_YES)
    expect(after.hash).toBe(rest.hash)
    expect(asks).toEqual(levels(rest.asks))
    expect(bids).toEqual(levels(rest.bids))
    expect(levels(after.asks)).toEqual(levels(rest.asks))
    expect(asks['0.52']).toBeUndefined()
    expect(asks['0.53']).toBe('160')
  })

  it('tick_size_change when the admin changes the tick, to subscribers of either token of the market', async () => {
    const s = await sim()
    const c = await clients.market(s, docs([RAIN_NO]))
    await c.next('book')
    const res = await raw(s, 'POST', '/_sim/tick-size', {
      body: JSON.stringify({ condition_id: RAIN.conditionId, tick_size: '0.001' }),
    })
    expect(res.status).toBe(200)
    const e = await c.next('tick_size_change')
    expect(e).toMatchObject({
      asset_id: RAIN_NO,
      market: RAIN.conditionId,
      old_tick_size: '0.01',
      new_tick_size: '0.001',
    })
  })

  it('best_bid_ask only with custom_feature_enabled, when the top moves', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const plain = await clients.market(s, docs([RAIN_YES]))
    const custom = await clients.market(s, docs([RAIN_YES], { custom_feature_enabled: true }))
    await plain.next('book')
    await custom.next('book')
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.5, size: 10 })
    const bba = await custom.next('best_bid_ask')
    expect(bba).toMatchObject({ asset_id: RAIN_YES, best_bid: '0.5', best_ask: '0.52', spread: '0.02' })
    // a change below the top does not move it
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.2, size: 10 })
    await custom.next('price_change', (e) => e.price_changes[0].price === '0.2')
    await custom.barrier()
    await plain.barrier()
    expect(custom.untaken().filter((e) => e.event_type === 'best_bid_ask')).toEqual([])
    expect(plain.events.filter((e) => e.event_type === 'best_bid_ask')).toEqual([])
  })

  it('new_market and market_resolved go to every custom-feature connection (global), not to others', async () => {
    const s = await sim()
    const custom = await clients.market(s, { type: 'market', assets_ids: [], custom_feature_enabled: true })
    const plain = await clients.market(s, docs([RAIN_YES]))
    await plain.next('book')
    await custom.barrier()
    const announced = await raw(s, 'POST', '/_sim/ws/new-market', {
      body: JSON.stringify({ condition_id: RAIN.conditionId }),
    })
    expect(announced.json.notified).toBe(1)
    const nm = await custom.next('new_market')
    expect(nm).toMatchObject({
      market: RAIN.conditionId,
      assets_ids: [RAIN_YES, RAIN_NO],
      outcomes: ['Yes', 'No'],
    })
    const resolved = await raw(s, 'POST', '/_sim/resolve', {
      body: JSON.stringify({ condition_id: RAIN.conditionId, winning_asset_id: RAIN_NO }),
    })
    expect(resolved.status).toBe(200)
    expect(resolved.json.canceled).toBe(16)
    const mr = await custom.next('market_resolved')
    expect(mr).toMatchObject({ market: RAIN.conditionId, winning_asset_id: RAIN_NO, winning_outcome: 'No' })
    expect(mr.id).toBe(nm.id)
    // the resolution emptied the book level by level
    const last = plain.events.filter((e) => e.event_type === 'price_change').length
    expect(last).toBeGreaterThan(0)
    expect((await book(s, RAIN_YES)).bids).toEqual([])
    await plain.barrier()
    expect(
      plain.events.some((e) => e.event_type === 'new_market' || e.event_type === 'market_resolved'),
    ).toBe(false)
    const refused = await raw(s, 'POST', '/_sim/resolve', {
      body: JSON.stringify({ condition_id: RAIN.conditionId, winning_asset_id: ELECTION_YES }),
    })
    expect(refused.status).toBe(400)
  })

  it('POST /_sim/markets lists a new market: new_market to custom connections, then it streams and trades like any other', async () => {
    const s = await sim()
    const custom = await clients.market(s, { type: 'market', assets_ids: [], custom_feature_enabled: true })
    await custom.barrier()
    const yes = '1'.repeat(70)
    const no = '2'.repeat(70)
    const market = {
      conditionId: `0x${'ab'.repeat(32)}`,
      question: 'Will the sim list markets at run time?',
      tickSize: '0.01',
      minOrderSize: '5',
      negRisk: false,
      tags: ['meta'],
      tokens: [
        { tokenId: yes, outcome: 'Yes', book: { asks: [{ price: '0.6', size: '50' }] } },
        { tokenId: no, outcome: 'No' },
      ],
    }
    const res = await raw(s, 'POST', '/_sim/markets', { body: JSON.stringify(market) })
    expect(res.json).toEqual({ condition_id: market.conditionId, tokens: [yes, no], notified: 1 })
    const nm = await custom.next('new_market')
    expect(nm).toMatchObject({
      market: market.conditionId,
      question: market.question,
      slug: 'will-the-sim-list-markets-at-run-time',
      assets_ids: [yes, no],
      outcomes: ['Yes', 'No'],
      tags: ['meta'],
      active: true,
    })
    const c = await clients.market(s, docs([yes]))
    const b = await c.next('book')
    expect(b.asks).toEqual([{ price: '0.6', size: '50' }])
    const t = await trader(s, { collateral: '100' })
    expect((await postLimit(s, t, { tokenId: yes, side: 'BUY', price: 0.6, size: 10 })).json.status).toBe(
      'matched',
    )
    await c.next('last_trade_price')
    const again = await raw(s, 'POST', '/_sim/markets', { body: JSON.stringify(market) })
    expect(again.status).toBe(409)
    const bad = await raw(s, 'POST', '/_sim/markets', {
      body: JSON.stringify({ ...market, tickSize: '0.02' }),
    })
    expect(bad.status).toBe(400)
    expect(bad.json.error).toContain('tickSize')
  })

  it('after an admin reset every subscriber gets the new books', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.market(s, docs([RAIN_YES]))
    const seeded = await c.next('book')
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    await c.next('price_change')
    expect((await raw(s, 'POST', '/_sim/reset', { body: '{}' })).status).toBe(200)
    const fresh = await c.next('book')
    expect(levels(fresh.bids)).toEqual(levels(seeded.bids))
    expect(fresh.hash).toBe((await book(s, RAIN_YES)).hash)
  })
})

describe('/ws/market limits', () => {
  it('past maxAssetsPerConnection the extra assets silently get nothing (default), or the socket closes', async () => {
    const s = await sim({ streams: { maxAssetsPerConnection: 1 } })
    const c = await clients.market(s, docs([RAIN_YES, RAIN_NO]))
    await c.next('book', (e) => e.asset_id === RAIN_YES)
    await c.barrier()
    expect(c.untaken()).toEqual([])
    const strict = await sim({ streams: { maxAssetsPerConnection: 1, overCap: 'close' } })
    const d = await clients.market(strict, docs([RAIN_YES, RAIN_NO]))
    expect((await d.closed).code).toBe(1008)
  })

  it('closes a connection idle past idleTimeoutMs', async () => {
    const s = await sim({ streams: { idleTimeoutMs: 200 }, heartbeat: { checkIntervalMs: 20 } })
    const idle = await clients.market(s)
    expect((await idle.closed).code).toBe(1000)
  })

  it('refuses invalid stream options', async () => {
    await expect(sim({ streams: { maxAssetsPerConnection: 0 } })).rejects.toThrow(/maxAssetsPerConnection/)
    await expect(sim({ streams: { overCap: 'explode' as 'close' } })).rejects.toThrow(/overCap/)
    await expect(sim({ streams: { idleTimeoutMs: -1 } })).rejects.toThrow(/idleTimeoutMs/)
  })
})
