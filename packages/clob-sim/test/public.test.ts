import { createHash } from 'node:crypto'
import type { SimHandle } from '@clobkit/clob-sim'
import {
  bookHash,
  LastTradePriceResponseSchema,
  LastTradesPricesResponseSchema,
  MarketByTokenSchema,
  MarketDetailsSchema,
  MarketSchema,
  MarketsPageSchema,
  MidpointResponseSchema,
  MidpointsResponseSchema,
  OrderBookSummariesSchema,
  OrderBookSummarySchema,
  PriceHistoryResponseSchema,
  PriceResponseSchema,
  PricesResponseSchema,
  parse,
  SimplifiedMarketsPageSchema,
  SpreadResponseSchema,
  SpreadsResponseSchema,
  TickSizeResponseSchema,
} from '@clobkit/clob-types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BTC,
  BTC_YES,
  ELECTION,
  ELECTION_YES,
  postLimit,
  RAIN,
  RAIN_NO,
  RAIN_YES,
  raw,
  start,
  trader,
} from './helpers.js'

let sim: SimHandle
beforeAll(async () => {
  sim = await start()
})
afterAll(() => sim.stop())

const get = async (path: string) => (await raw(sim, 'GET', path)).json

describe('GET /book', () => {
  it('serves the exchange array order (best level last) with exact decimal strings', async () => {
    const book = parse(OrderBookSummarySchema, await get(`/book?token_id=${RAIN_YES}`), 'book')
    expect(book.market).toBe(RAIN.conditionId)
    expect(book.asset_id).toBe(RAIN_YES)
    expect(book.bids?.map((l) => l.price)).toEqual(['0.45', '0.46', '0.47', '0.48'])
    expect(book.asks?.map((l) => l.price)).toEqual(['0.55', '0.54', '0.53', '0.52'])
    expect(book.asks?.at(-1)).toEqual({ price: '0.52', size: '100' })
    expect(book.min_order_size).toBe('5')
    expect(book.tick_size).toBe('0.01')
    expect(book.neg_risk).toBe(false)
    expect(book.last_trade_price).toBe('0.5')
  })

  it('hash = SHA-1 of the compact JSON with hash blanked, in both the received (TS) and the fixed (PY) key order', async () => {
    const book = await get(`/book?token_id=${BTC_YES}`)
    expect(Object.keys(book)).toEqual([
      'market',
      'asset_id',
      'timestamp',
      'hash',
      'bids',
      'asks',
      'min_order_size',
      'tick_size',
      'neg_risk',
      'last_trade_price',
    ])
    const blank = JSON.stringify({ ...book, hash: '' })
    expect(book.hash).toBe(createHash('sha1').update(blank).digest('hex'))
    expect(await bookHash(book)).toBe(book.hash)
    expect(await bookHash(book, { order: 'server' })).toBe(book.hash)
  })

  it('the hash and timestamp change when the book changes, and not otherwise', async () => {
    const before = await get(`/book?token_id=${RAIN_NO}`)
    expect((await get(`/book?token_id=${RAIN_NO}`)).hash).toBe(before.hash)
    const t = await trader(sim, { collateral: '100' })
    expect((await postLimit(sim, t, { tokenId: RAIN_NO, side: 'BUY', price: 0.4, size: 10 })).status).toBe(
      200,
    )
    const after = await get(`/book?token_id=${RAIN_NO}`)
    expect(after.hash).not.toBe(before.hash)
    expect(after.bids[0]).toEqual({ price: '0.4', size: '10' })
  })

  it('404s with the exchange message for an unknown token and 400s for a malformed one', async () => {
    const unknown = await raw(sim, 'GET', '/book?token_id=123')
    expect(unknown.status).toBe(404)
    expect(unknown.json).toEqual({ error: 'No orderbook exists for the requested token id' })
    expect((await raw(sim, 'GET', '/book?token_id=0xabc')).status).toBe(400)
    expect((await raw(sim, 'GET', '/book')).status).toBe(400)
  })

  it('POST /books returns the books in request order', async () => {
    const res = await raw(sim, 'POST', '/books', {
      body: JSON.stringify([{ token_id: BTC_YES }, { token_id: RAIN_YES, side: 'BUY' }]),
    })
    const books = parse(OrderBookSummariesSchema, res.json, 'books')
    expect(books.map((b) => b.asset_id)).toEqual([BTC_YES, RAIN_YES])
  })
})

describe('prices', () => {
  it('midpoint, price (BUY = best bid, SELL = best ask), spread, tick size, neg risk, fee rate', async () => {
    expect(parse(MidpointResponseSchema, await get(`/midpoint?token_id=${RAIN_YES}`), 'mid')).toEqual({
      mid: '0.5',
    })
    expect(parse(MidpointResponseSchema, await get(`/midpoint?token_id=${BTC_YES}`), 'mid')).toEqual({
      mid: '0.124',
    })
    expect(parse(PriceResponseSchema, await get(`/price?token_id=${RAIN_YES}&side=BUY`), 'p')).toEqual({
      price: '0.48',
    })
    expect(await get(`/price?token_id=${RAIN_YES}&side=SELL`)).toEqual({ price: '0.52' })
    expect((await raw(sim, 'GET', `/price?token_id=${RAIN_YES}&side=UP`)).status).toBe(400)
    expect(parse(SpreadResponseSchema, await get(`/spread?token_id=${RAIN_YES}`), 's')).toEqual({
      spread: '0.04',
    })
    expect(parse(TickSizeResponseSchema, await get(`/tick-size?token_id=${BTC_YES}`), 't')).toEqual({
      minimum_tick_size: 0.001,
    })
    expect(await get(`/neg-risk?token_id=${ELECTION_YES}`)).toEqual({ neg_risk: true })
    expect(await get(`/neg-risk?token_id=${RAIN_YES}`)).toEqual({ neg_risk: false })
    expect(await get(`/fee-rate?token_id=${RAIN_YES}`)).toEqual({ base_fee: 0 })
  })

  it('batch forms: /midpoints, /prices, /spreads, /last-trades-prices', async () => {
    const body = JSON.stringify([{ token_id: RAIN_YES }, { token_id: BTC_YES }])
    const mids = parse(MidpointsResponseSchema, (await raw(sim, 'POST', '/midpoints', { body })).json, 'm')
    expect(mids).toEqual({ [RAIN_YES]: '0.5', [BTC_YES]: '0.124' })
    const prices = parse(
      PricesResponseSchema,
      (await raw(sim, 'POST', '/prices', { body: JSON.stringify([{ token_id: RAIN_YES, side: 'SELL' }]) }))
        .json,
      'p',
    )
    expect(prices).toEqual({ [RAIN_YES]: { SELL: '0.52' } })
    const all = parse(PricesResponseSchema, await get('/prices'), 'all')
    expect(all[BTC_YES]).toEqual({ BUY: '0.123', SELL: '0.125' })
    const spreads = parse(SpreadsResponseSchema, (await raw(sim, 'POST', '/spreads', { body })).json, 's')
    expect(spreads).toEqual({ [RAIN_YES]: '0.04', [BTC_YES]: '0.002' })
    const last = parse(
      LastTradesPricesResponseSchema,
      (await raw(sim, 'POST', '/last-trades-prices', { body })).json,
      'l',
    )
    expect(last.map((l) => l.token_id)).toEqual([RAIN_YES, BTC_YES])
    expect((await raw(sim, 'POST', '/midpoints', { body: '{"token_id":1}' })).status).toBe(400)
  })

  it('last trade price and price history follow fills', async () => {
    const s = await start()
    try {
      expect(
        parse(
          LastTradePriceResponseSchema,
          (await raw(s, 'GET', `/last-trade-price?token_id=${ELECTION_YES}`)).json,
          'l',
        ),
      ).toEqual({
        price: '0.34',
        side: '',
      })
      const t = await trader(s, { collateral: '100' })
      expect(
        (await postLimit(s, t, { tokenId: ELECTION_YES, side: 'BUY', price: 0.35, size: 10, negRisk: true }))
          .json.status,
      ).toBe('matched')
      expect((await raw(s, 'GET', `/last-trade-price?token_id=${ELECTION_YES}`)).json).toEqual({
        price: '0.35',
        side: 'BUY',
      })
      const history = parse(
        PriceHistoryResponseSchema,
        (await raw(s, 'GET', `/prices-history?market=${ELECTION_YES}&interval=1d`)).json,
        'h',
      )
      expect(Array.isArray(history) ? history : history.history).toEqual([
        { t: Math.floor(s.clock.now() / 1000), p: 0.35 },
      ])
      expect((await raw(s, 'GET', `/prices-history?market=${ELECTION_YES}`)).status).toBe(400)
    } finally {
      await s.stop()
    }
  })
})

describe('markets', () => {
  it('GET /markets is a cursor page of full markets ending in LTE=', async () => {
    const page = parse(MarketsPageSchema, await get('/markets'), 'markets')
    expect(page.data.map((m) => m.condition_id)).toEqual([
      RAIN.conditionId,
      ELECTION.conditionId,
      BTC.conditionId,
    ])
    expect(page.next_cursor).toBe('LTE=')
    expect(page.count).toBe(3)
    const again = await get('/markets?next_cursor=MA==')
    expect(again.data.length).toBe(3)
    expect((await get('/markets?next_cursor=LTE=')).data).toEqual([])
    expect((await raw(sim, 'GET', '/markets?next_cursor=!!')).status).toBe(400)
  })

  it('GET /markets/{conditionId}, /markets-by-token/{tokenId}, /clob-markets/{conditionId}', async () => {
    const m = parse(MarketSchema, await get(`/markets/${ELECTION.conditionId}`), 'market')
    expect(m.neg_risk).toBe(true)
    expect(m.minimum_tick_size).toBe(0.01)
    expect(m.tokens?.map((t) => t.token_id)).toEqual(ELECTION.tokens.map((t) => t.tokenId))
    expect(
      parse(MarketByTokenSchema, await get(`/markets-by-token/${BTC_YES}`), 'byToken').condition_id,
    ).toBe(BTC.conditionId)
    const details = parse(MarketDetailsSchema, await get(`/clob-markets/${ELECTION.conditionId}`), 'details')
    expect(details.mts).toBe(0.01)
    expect(details.nr).toBe(true)
    expect(details.t).toEqual(ELECTION.tokens.map((t) => ({ t: t.tokenId, o: t.outcome })))
    expect(details.fd).toEqual({ r: 0.04, e: 1, to: true })
    const rain = await get(`/clob-markets/${RAIN.conditionId}`)
    expect('nr' in rain).toBe(false)
    expect((await raw(sim, 'GET', `/markets/0x${'0'.repeat(64)}`)).status).toBe(404)
    expect((await raw(sim, 'GET', '/markets-by-token/999')).status).toBe(404)
  })

  it('simplified and sampling markets', async () => {
    const simplified = parse(SimplifiedMarketsPageSchema, await get('/simplified-markets'), 'simplified')
    expect(simplified.data.length).toBe(3)
    const sampling = parse(MarketsPageSchema, await get('/sampling-markets'), 'sampling')
    expect(sampling.data.every((m) => Number(m.rewards.max_spread) > 0)).toBe(true)
  })

  it('pages with a small page size', async () => {
    const s = await start({ pageSize: 1 })
    try {
      const t = await trader(s, { collateral: '1000' })
      for (const price of [0.1, 0.11, 0.12]) {
        expect((await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price, size: 5 })).status).toBe(200)
      }
      const { l2 } = await import('./helpers.js')
      const ids: string[] = []
      let cursor = 'MA=='
      while (cursor !== 'LTE=') {
        const page = (await l2(s, t, 'GET', `/data/orders?next_cursor=${encodeURIComponent(cursor)}`)).json
        expect(page.limit).toBe(1)
        ids.push(...page.data.map((o: { price: string }) => o.price))
        cursor = page.next_cursor
      }
      expect(ids).toEqual(['0.1', '0.11', '0.12'])
    } finally {
      await s.stop()
    }
  })
})
