import {
  BalanceAllowanceResponseSchema,
  NotificationsResponseSchema,
  OpenOrdersPageSchema,
  parse,
  TradesPageSchema,
} from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import {
  BTC,
  BTC_YES,
  balance,
  book,
  l2,
  postLimit,
  RAIN,
  RAIN_NO,
  RAIN_YES,
  simPool,
  trader,
} from './helpers.js'

const { sim } = simPool()

/** A sim with an empty book for RAIN_YES. */
function emptyBookSim() {
  return sim({
    seed: {
      markets: [
        {
          ...RAIN,
          tokens: [
            { tokenId: RAIN_YES, outcome: 'Yes' },
            { tokenId: RAIN_NO, outcome: 'No' },
          ],
        },
      ],
    },
  })
}

describe('matching', () => {
  it('price-time priority: better price first, then earlier order at the same price; fills at the maker’s price', async () => {
    const s = await emptyBookSim()
    const m1 = await trader(s, { tokens: { [RAIN_YES]: '100' } })
    const m2 = await trader(s, { tokens: { [RAIN_YES]: '100' } })
    const m3 = await trader(s, { tokens: { [RAIN_YES]: '100' } })
    const taker = await trader(s, { collateral: '100' })
    const a = await postLimit(s, m1, { tokenId: RAIN_YES, side: 'SELL', price: 0.6, size: 10 })
    const b = await postLimit(s, m2, { tokenId: RAIN_YES, side: 'SELL', price: 0.6, size: 10 })
    const c = await postLimit(s, m3, { tokenId: RAIN_YES, side: 'SELL', price: 0.55, size: 10 })
    expect((await book(s, RAIN_YES)).asks).toEqual([
      { price: '0.6', size: '20' },
      { price: '0.55', size: '10' },
    ])
    const t = await postLimit(s, taker, { tokenId: RAIN_YES, side: 'BUY', price: 0.65, size: 15 })
    expect(t.json.status).toBe('matched')
    expect(t.json.tradeIDs).toHaveLength(2)
    expect(t.json.transactionsHashes).toHaveLength(1)
    expect(t.json.transactionsHashes[0]).toMatch(/^0x[0-9a-f]{64}$/)
    expect(t.json.takingAmount).toBe('15000000')
    expect(t.json.makingAmount).toBe('8500000') // 10 × 0.55 + 5 × 0.6
    expect((await l2(s, m3, 'GET', `/data/order/${c.id}`)).json.status).toBe('MATCHED')
    expect((await l2(s, m1, 'GET', `/data/order/${a.id}`)).json).toMatchObject({
      status: 'LIVE',
      size_matched: '5',
    })
    expect((await l2(s, m2, 'GET', `/data/order/${b.id}`)).json).toMatchObject({
      status: 'LIVE',
      size_matched: '0',
    })
    expect((await book(s, RAIN_YES)).asks).toEqual([{ price: '0.6', size: '15' }])
    expect(await balance(s, taker)).toBe(91_500_000n)
    expect(await balance(s, taker, RAIN_YES)).toBe(15_000_000n)
    expect(await balance(s, m3)).toBe(5_500_000n)
    expect(await balance(s, m3, RAIN_YES)).toBe(90_000_000n)
    expect(await balance(s, m1)).toBe(3_000_000n)
    const bal = parse(
      BalanceAllowanceResponseSchema,
      (await l2(s, taker, 'GET', '/balance-allowance?asset_type=COLLATERAL')).json,
      'b',
    )
    expect(bal.balance).toBe('91500000')
    expect(Object.keys(bal.allowances ?? {})).toContain('0xE111180000d2663C0091e4f400237545B87B996B')
  })

  it('a partially filled taker rests its remainder at its own price; status live vs matched', async () => {
    const s = await emptyBookSim()
    const maker = await trader(s, { collateral: '100' })
    const taker = await trader(s, { tokens: { [RAIN_YES]: '50' } })
    const bid = await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    expect(bid.json.status).toBe('live')
    expect(bid.json.makingAmount).toBe('')
    const ask = await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.35, size: 25 })
    expect(ask.json.status).toBe('matched')
    expect(ask.json.makingAmount).toBe('10000000')
    expect(ask.json.takingAmount).toBe('4000000')
    const b = await book(s, RAIN_YES)
    expect(b.bids).toEqual([])
    expect(b.asks).toEqual([{ price: '0.35', size: '15' }])
    expect(b.last_trade_price).toBe('0.4')
    expect((await l2(s, taker, 'GET', `/data/order/${ask.id}`)).json).toMatchObject({
      status: 'LIVE',
      original_size: '25',
      size_matched: '10',
      associate_trades: ask.json.tradeIDs,
    })
  })

  it('trades: the taker sees TAKER with every maker order; a maker sees MAKER with its own', async () => {
    const s = await emptyBookSim()
    const m1 = await trader(s, { collateral: '100' })
    const m2 = await trader(s, { collateral: '100' })
    const taker = await trader(s, { tokens: { [RAIN_YES]: '100' } })
    const o1 = await postLimit(s, m1, { tokenId: RAIN_YES, side: 'BUY', price: 0.5, size: 10 })
    const o2 = await postLimit(s, m2, { tokenId: RAIN_YES, side: 'BUY', price: 0.5, size: 10 })
    const t = await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.5, size: 15 })
    const tradeId = t.json.tradeIDs[0]
    const takerTrades = parse(TradesPageSchema, (await l2(s, taker, 'GET', '/data/trades')).json, 'trades')
    expect(takerTrades.data).toHaveLength(1)
    const tt = takerTrades.data[0]!
    expect(tt).toMatchObject({
      id: tradeId,
      taker_order_id: t.id,
      market: RAIN.conditionId,
      asset_id: RAIN_YES,
      side: 'SELL',
      size: '15',
      price: '0.5',
      status: 'MATCHED',
      trader_side: 'TAKER',
      owner: taker.creds.key,
      transaction_hash: t.json.transactionsHashes[0],
    })
    expect(tt.maker_orders?.map((m) => [m.order_id, m.matched_amount, m.side])).toEqual([
      [o1.id, '10', 'BUY'],
      [o2.id, '5', 'BUY'],
    ])
    // other keys' API keys are not disclosed
    expect(tt.maker_orders?.every((m) => m.owner === '')).toBe(true)
    const makerTrades = parse(TradesPageSchema, (await l2(s, m2, 'GET', '/data/trades')).json, 'trades')
    expect(makerTrades.data[0]).toMatchObject({
      id: tradeId,
      trader_side: 'MAKER',
      size: '5',
      owner: m2.creds.key,
    })
    expect(makerTrades.data[0]?.maker_orders).toEqual([
      expect.objectContaining({ order_id: o2.id, owner: m2.creds.key }),
    ])
    // filters
    expect((await l2(s, taker, 'GET', `/data/trades?id=${tradeId}`)).json.data).toHaveLength(1)
    expect((await l2(s, taker, 'GET', `/data/trades?market=${BTC.conditionId}`)).json.data).toHaveLength(0)
    expect((await l2(s, taker, 'GET', `/data/trades?asset_id=${RAIN_YES}`)).json.data).toHaveLength(1)
    const outsider = await trader(s)
    expect((await l2(s, outsider, 'GET', '/data/trades')).json.data).toEqual([])
  })

  it('notifications: fills for taker and maker, cancellations; DELETE drops them', async () => {
    const s = await emptyBookSim()
    const maker = await trader(s, { collateral: '100' })
    const taker = await trader(s, { tokens: { [RAIN_YES]: '100' } })
    const bid = await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.5, size: 10 })
    const other = await postLimit(s, maker, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    await postLimit(s, taker, { tokenId: RAIN_YES, side: 'SELL', price: 0.5, size: 5 })
    await l2(s, maker, 'DELETE', '/order', { orderID: other.id })
    const notes = parse(
      NotificationsResponseSchema,
      (await l2(s, maker, 'GET', '/notifications?signature_type=0')).json,
      'n',
    )
    expect(notes.map((n) => n.type)).toEqual([2, 1])
    expect(notes[0]?.payload).toMatchObject({ order_id: bid.id, matched_size: '5', type: 'MAKER' })
    expect(notes[1]?.payload).toMatchObject({ order_id: other.id, type: 'CANCELLATION' })
    const takerNotes = (await l2(s, taker, 'GET', '/notifications')).json
    expect(takerNotes).toHaveLength(1)
    expect(takerNotes[0].payload.type).toBe('TAKER')
    await l2(s, maker, 'DELETE', `/notifications?ids=${notes[0]?.id}`)
    expect((await l2(s, maker, 'GET', '/notifications')).json.map((n: { id: number }) => n.id)).toEqual([
      notes[1]?.id,
    ])
  })

  it('open orders: filtered by market, asset and id; scoring within the rewards band', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const near = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.48, size: 60 })
    const far = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 60 })
    const small = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.47, size: 10 })
    const btc = await postLimit(s, t, {
      tokenId: BTC_YES,
      side: 'BUY',
      price: 0.1,
      size: 10,
      tickSize: '0.001',
    })
    const all = parse(OpenOrdersPageSchema, (await l2(s, t, 'GET', '/data/orders')).json, 'orders')
    expect(all.data.map((o) => o.id)).toEqual([near.id, far.id, small.id, btc.id])
    expect(all.next_cursor).toBe('LTE=')
    expect(
      (await l2(s, t, 'GET', `/data/orders?market=${BTC.conditionId}`)).json.data.map(
        (o: { id: string }) => o.id,
      ),
    ).toEqual([btc.id])
    expect((await l2(s, t, 'GET', `/data/orders?asset_id=${RAIN_YES}`)).json.data).toHaveLength(3)
    expect((await l2(s, t, 'GET', `/data/orders?id=${far.id}`)).json.data).toHaveLength(1)
    expect((await l2(s, t, 'GET', `/order-scoring?order_id=${near.id}`)).json).toEqual({ scoring: true })
    const batch = await l2(s, t, 'POST', '/orders-scoring', [near.id, far.id, small.id, btc.id])
    expect(batch.json).toEqual({ [near.id]: true, [far.id]: false, [small.id]: false, [btc.id]: false })
    const other = await trader(s)
    expect((await l2(s, other, 'GET', `/order-scoring?order_id=${near.id}`)).json).toEqual({ scoring: false })
  })
})

describe('isolation between keys', () => {
  it('one key never sees or cancels another key’s orders', async () => {
    const s = await sim()
    const a = await trader(s, { collateral: '100' })
    const b = await trader(s, { collateral: '100' })
    const ao = await postLimit(s, a, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    const bo = await postLimit(s, b, { tokenId: RAIN_YES, side: 'BUY', price: 0.31, size: 10 })
    expect((await l2(s, b, 'GET', '/data/orders')).json.data.map((o: { id: string }) => o.id)).toEqual([
      bo.id,
    ])
    expect((await l2(s, b, 'GET', `/data/order/${ao.id}`)).status).toBe(404)
    const cancel = await l2(s, b, 'DELETE', '/order', { orderID: ao.id })
    expect(cancel.status).toBe(200)
    expect(cancel.json.canceled).toEqual([])
    expect(typeof cancel.json.not_canceled[ao.id]).toBe('string')
    expect((await l2(s, b, 'DELETE', '/orders', [ao.id, bo.id])).json).toEqual({
      canceled: [bo.id],
      not_canceled: { [ao.id]: expect.any(String) },
    })
    expect((await l2(s, b, 'DELETE', '/cancel-all')).json.canceled).toEqual([])
    expect((await l2(s, a, 'GET', `/data/order/${ao.id}`)).json.status).toBe('LIVE')
  })

  it('cancel reasons, cancel-all and cancel-market-orders', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const r1 = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    const r2 = await postLimit(s, t, { tokenId: RAIN_NO, side: 'BUY', price: 0.3, size: 10 })
    const b1 = await postLimit(s, t, {
      tokenId: BTC_YES,
      side: 'BUY',
      price: 0.1,
      size: 10,
      tickSize: '0.001',
    })
    const filled = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.52, size: 10 })
    expect((await l2(s, t, 'DELETE', '/order', { orderID: filled.id })).json.not_canceled[filled.id]).toBe(
      'order already matched',
    )
    expect((await l2(s, t, 'DELETE', '/cancel-market-orders', { asset_id: RAIN_NO })).json.canceled).toEqual([
      r2.id,
    ])
    expect((await l2(s, t, 'DELETE', '/order', { orderID: r2.id })).json.not_canceled[r2.id]).toBe(
      'order already canceled',
    )
    expect(
      (await l2(s, t, 'DELETE', '/cancel-market-orders', { market: RAIN.conditionId })).json.canceled,
    ).toEqual([r1.id])
    expect((await l2(s, t, 'DELETE', '/cancel-market-orders', {})).status).toBe(400)
    expect((await l2(s, t, 'DELETE', '/cancel-all')).json).toEqual({ canceled: [b1.id], not_canceled: {} })
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toEqual([])
    expect(await balance(s, t)).toBe(1000_000_000n - 5_200_000n)
  })
})
