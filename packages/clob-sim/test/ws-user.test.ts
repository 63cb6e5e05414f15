import type { SimHandle } from '@clobkit/clob-sim'
import { afterEach, describe, expect, it } from 'vitest'
import { ELECTION, l2, postLimit, RAIN, RAIN_YES, raw, simPool, type Trader, trader } from './helpers.js'
import { clientPool } from './ws-helpers.js'

const { sim } = simPool()
const clients = clientPool()
afterEach(() => clients.closeAll())

const auth = (t: Trader) => ({ apiKey: t.creds.key, secret: t.creds.secret, passphrase: t.creds.passphrase })
/** The docs' form. */
const docsSub = (t: Trader, markets?: string[]) => ({
  auth: auth(t),
  type: 'user',
  ...(markets ? { markets } : {}),
})
/** RS's form: the full object, `auth` last. */
const rsSub = (t: Trader, markets: string[]) => ({
  type: 'user',
  operation: 'subscribe',
  markets,
  assets_ids: [],
  initial_dump: true,
  auth: auth(t),
})

/** A maker resting 10 Yes at 0.40 and a taker that sells into it (both funded). */
async function pair(s: SimHandle) {
  const maker = await trader(s, { collateral: '100' })
  const taker = await trader(s, { tokens: { [RAIN_YES]: '100' } })
  return { maker, taker }
}

describe('/ws/user auth', () => {
  it.each([
    ['docs', docsSub],
    ['docs with markets', (t: Trader) => docsSub(t, [RAIN.conditionId])],
    ['RS', (t: Trader) => rsSub(t, [])],
    ['legacy upper-case', (t: Trader) => ({ ...docsSub(t), type: 'USER' })],
  ])('accepts the %s form and streams the key’s orders', async (_name, form) => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const c = await clients.user(s, form(t))
    await c.barrier()
    const placed = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    const e = await c.next('order')
    expect(e).toMatchObject({ id: placed.id, type: 'PLACEMENT', status: 'LIVE', owner: t.creds.key })
  })

  it.each([
    [
      'a wrong secret',
      (t: Trader) => ({ ...docsSub(t), auth: { ...auth(t), secret: `${t.creds.secret.slice(0, -4)}AAA=` } }),
    ],
    ['a wrong passphrase', (t: Trader) => ({ ...docsSub(t), auth: { ...auth(t), passphrase: 'nope' } })],
    [
      'an unknown key',
      (t: Trader) => ({
        ...docsSub(t),
        auth: { ...auth(t), apiKey: '00000000-0000-4000-8000-000000000000' },
      }),
    ],
    ['no auth at all', () => ({ type: 'user', markets: [] })],
    ['an update before any auth', () => ({ operation: 'subscribe', markets: [RAIN.conditionId] })],
  ])('refuses %s by closing the socket (1008), with no event', async (_name, form) => {
    const s = await sim()
    const t = await trader(s)
    const c = await clients.user(s, form(t))
    const closed = await c.closed
    expect(closed.code).toBe(1008)
    expect(closed.reason).not.toContain(t.creds.secret)
    expect(c.events).toEqual([])
  })

  it('deleting the key (or a reset that drops it) closes its stream with 1008', async () => {
    const s = await sim()
    const a = await trader(s)
    const b = await trader(s)
    const ca = await clients.user(s, docsSub(a))
    const cb = await clients.user(s, docsSub(b))
    await ca.barrier()
    await cb.barrier()
    expect((await l2(s, a, 'DELETE', '/auth/api-key')).status).toBe(200)
    expect((await ca.closed).code).toBe(1008)
    await cb.barrier()
    expect((await raw(s, 'POST', '/_sim/reset', { body: '{}' })).status).toBe(200)
    expect((await cb.closed).code).toBe(1008)
  })

  it('a later frame with another key’s credentials is refused too', async () => {
    const s = await sim()
    const a = await trader(s)
    const b = await trader(s)
    const c = await clients.user(s, docsSub(a))
    await c.barrier()
    c.send({ ...docsSub(b), operation: 'subscribe' })
    expect((await c.closed).code).toBe(1008)
  })
})

describe('/ws/user events', () => {
  it('placement, a fill (trade MATCHED + UPDATE to maker and taker), and cancellation', async () => {
    const s = await sim()
    const { maker, taker } = await pair(s)
    const m = await clients.user(s, docsSub(maker))
    const t = await clients.user(s, rsSub(taker, [RAIN.conditionId]))
    await m.barrier()
    await t.barrier()
    const rest = await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.49, size: 10 })
    expect(await m.next('order')).toMatchObject({
      id: rest.id,
      type: 'PLACEMENT',
      size_matched: '0',
      original_size: '10',
      associate_trades: null,
      order_type: 'GTC',
      expiration: '0',
      market: RAIN.conditionId,
      asset_id: RAIN_YES,
      side: 'BUY',
      price: '0.49',
    })
    const sell = await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.49, size: 5 })
    expect(sell.json.status).toBe('matched')
    const tradeId = sell.json.tradeIDs[0]
    const makerTrade = await m.next('trade')
    expect(makerTrade).toMatchObject({
      id: tradeId,
      type: 'TRADE',
      status: 'MATCHED',
      trader_side: 'MAKER',
      owner: maker.creds.key,
      trade_owner: maker.creds.key,
      taker_order_id: sell.id,
      price: '0.49',
      size: '5',
      side: 'SELL',
    })
    expect(makerTrade.maker_orders).toEqual([
      expect.objectContaining({
        order_id: rest.id,
        owner: maker.creds.key,
        matched_amount: '5',
        side: 'BUY',
      }),
    ])
    expect(makerTrade.match_time).toMatch(/^\d{10}$/)
    expect(await m.next('order')).toMatchObject({
      id: rest.id,
      type: 'UPDATE',
      size_matched: '5',
      status: 'LIVE',
    })
    expect(await t.next('order')).toMatchObject({ id: sell.id, type: 'PLACEMENT' })
    const takerTrade = await t.next('trade')
    expect(takerTrade).toMatchObject({ id: tradeId, trader_side: 'TAKER', owner: taker.creds.key, size: '5' })
    expect(takerTrade.maker_orders[0]).toMatchObject({ order_id: rest.id, owner: '' })
    expect(await t.next('order')).toMatchObject({
      id: sell.id,
      type: 'UPDATE',
      size_matched: '5',
      status: 'MATCHED',
      associate_trades: [tradeId],
    })
    const del = await l2(s, maker, 'DELETE', '/order', { orderID: rest.id })
    expect(del.json.canceled).toEqual([rest.id])
    expect(await m.next('order')).toMatchObject({ id: rest.id, type: 'CANCELLATION', status: 'CANCELED' })
    // nothing of one key reaches the other
    await m.barrier()
    await t.barrier()
    expect(m.events.every((e) => e.owner === maker.creds.key)).toBe(true)
    expect(t.events.every((e) => e.owner === taker.creds.key)).toBe(true)
    expect(m.untaken()).toEqual([])
  })

  it('markets filters by condition id; subscribe and unsubscribe change it live', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.user(s, docsSub(t, [ELECTION.conditionId]))
    await c.barrier()
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    await c.barrier()
    expect(c.events).toEqual([])
    c.send({ operation: 'subscribe', markets: [RAIN.conditionId] })
    await c.barrier()
    const second = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.41, size: 10 })
    expect((await c.next('order')).id).toBe(second.id)
    c.send({ type: 'user', operation: 'unsubscribe', markets: [RAIN.conditionId], auth: auth(t) })
    await c.barrier()
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.42, size: 10 })
    await c.barrier()
    expect(c.untaken()).toEqual([])
  })

  it('a GTD order expiring on the sim clock sends CANCELLATION', async () => {
    let base = 1_800_000_000_000
    const s = await sim({ now: () => base })
    const t = await trader(s, { collateral: '1000' })
    const c = await clients.user(s, docsSub(t))
    await c.barrier()
    const gtd = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      orderType: 'GTD',
      expiration: Math.floor(base / 1000) + 120,
    })
    expect(gtd.status).toBe(200)
    await c.next('order', (e) => e.type === 'PLACEMENT')
    base += 61_000
    s.clock.advance(0)
    expect(await c.next('order')).toMatchObject({ id: gtd.id, type: 'CANCELLATION' })
  })
})

describe('trade status on the sim clock', () => {
  it('MATCHED → MINED → CONFIRMED as the injected clock advances (no real waiting), on the stream and in REST', async () => {
    const s = await sim({
      now: () => 1_800_000_000_000,
      trades: { minedAfterMs: 1_000, confirmedAfterMs: 3_000 },
    })
    const { maker, taker } = await pair(s)
    const m = await clients.user(s, docsSub(maker))
    const t = await clients.user(s, docsSub(taker))
    await m.barrier()
    await t.barrier()
    await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.49, size: 10 })
    const sell = await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.49, size: 10 })
    const id = sell.json.tradeIDs[0]
    expect((await t.next('trade')).status).toBe('MATCHED')
    expect((await m.next('trade')).status).toBe('MATCHED')
    s.clock.advance(999)
    await t.barrier()
    expect(t.untaken().filter((e) => e.event_type === 'trade')).toEqual([])
    s.clock.advance(1)
    const mined = await t.next('trade')
    expect(mined).toMatchObject({ id, status: 'MINED' })
    expect((await m.next('trade')).status).toBe('MINED')
    const restMined = await l2(s, taker, 'GET', '/data/trades')
    expect(restMined.json.data[0].status).toBe('MINED')
    // through the admin clock as a test in another process would
    expect((await raw(s, 'POST', '/_sim/time', { body: JSON.stringify({ advanceMs: 2_000 }) })).status).toBe(
      200,
    )
    const confirmed = await t.next('trade')
    expect(confirmed).toMatchObject({ id, status: 'CONFIRMED' })
    expect(Number(confirmed.last_update)).toBe(Math.floor((1_800_000_000_000 + 3_000) / 1000))
    expect((await m.next('trade')).status).toBe('CONFIRMED')
    expect((await l2(s, taker, 'GET', '/data/trades')).json.data[0].status).toBe('CONFIRMED')
    s.clock.advance(60_000)
    await t.barrier()
    expect(t.untaken().filter((e) => e.event_type === 'trade')).toEqual([])
  })

  it('POST /_sim/trades/fail: the next trade settles RETRYING → FAILED, the one after normally', async () => {
    const s = await sim({
      now: () => 1_800_000_000_000,
      trades: { minedAfterMs: 100, confirmedAfterMs: 200 },
    })
    const { maker, taker } = await pair(s)
    const t = await clients.user(s, docsSub(taker))
    await t.barrier()
    expect((await raw(s, 'POST', '/_sim/trades/fail', { body: '{}' })).json).toEqual({ failNext: 1 })
    expect((await raw(s, 'POST', '/_sim/trades/fail', { body: '{"count":0}' })).status).toBe(400)
    await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.49, size: 20 })
    const first = (await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.49, size: 10 })).json
      .tradeIDs[0]
    const second = (await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.49, size: 10 }))
      .json.tradeIDs[0]
    s.clock.advance(100)
    expect(await t.next('trade', (e) => e.id === first && e.status !== 'MATCHED')).toMatchObject({
      status: 'RETRYING',
    })
    expect((await t.next('trade', (e) => e.id === second && e.status !== 'MATCHED')).status).toBe('MINED')
    s.clock.advance(100)
    expect((await t.next('trade', (e) => e.id === first && e.status === 'FAILED')).id).toBe(first)
    expect((await t.next('trade', (e) => e.id === second && e.status === 'CONFIRMED')).id).toBe(second)
    const rest = (await l2(s, taker, 'GET', '/data/trades')).json.data as { id: string; status: string }[]
    expect(Object.fromEntries(rest.map((x) => [x.id, x.status]))).toEqual({
      [first]: 'FAILED',
      [second]: 'CONFIRMED',
    })
  })

  it('refuses a settlement timeline that confirms before it mines', async () => {
    await expect(sim({ trades: { minedAfterMs: 5_000, confirmedAfterMs: 1_000 } })).rejects.toThrow(
      /confirmedAfterMs/,
    )
  })
})
