import { parse } from '@clobkit/clob-types'
import {
  CUSTOM_MARKET_EVENT_TYPES,
  CustomMarketEventSchema,
  LegacyPriceChangeEventSchema,
  MARKET_EVENT_TYPES,
  MarketChannelMessageSchema,
  MarketEventSchema,
  MarketRequestSchema,
  MarketResolvedEventSchema,
  StandardMarketEventSchema,
  SubscriptionUpdateSchema,
  TradeEventSchema,
  UserChannelMessageSchema,
  UserRequestSchema,
  WS_MARKET_PATH,
  WS_USER_PATH,
  WsDecimalOrEmptySchema,
  WsDecimalSchema,
  WsTradeStatusSchema,
} from '@clobkit/clob-types/ws'
import { describe, expect, it } from 'vitest'
import { API_KEY, CONDITION_ID, TOKEN_NO, TOKEN_YES } from './fixtures/ids.js'
import { PASSPHRASE, SECRET } from './fixtures/keys.js'
import * as ws from './fixtures/ws.js'
import { catchError, DELETE, setAt } from './helpers.js'

const auth = { apiKey: API_KEY, secret: SECRET, passphrase: PASSPHRASE }

// The subscribe and update messages exactly as each official client and the docs write them
// (PROTOCOL-WS.md §1.2, §1.3, §5.3).
const marketForms = {
  'docs first message': { type: 'market', assets_ids: [TOKEN_YES, TOKEN_NO], custom_feature_enabled: true },
  'RS first message': {
    type: 'market',
    operation: 'subscribe',
    markets: [],
    assets_ids: [TOKEN_YES],
    initial_dump: true,
  },
  'RS unsubscribe': { type: 'market', operation: 'unsubscribe', markets: [], assets_ids: [TOKEN_YES] },
  'v2 examples': { type: 'market', markets: [], assets_ids: [TOKEN_YES], initial_dump: true },
  'legacy upper-case type': { type: 'MARKET', assets_ids: [TOKEN_YES] },
  'update without type': { assets_ids: [TOKEN_YES], operation: 'subscribe', custom_feature_enabled: true },
  'unsubscribe without type': { assets_ids: [TOKEN_YES], operation: 'unsubscribe' },
}
const userForms = {
  'docs first message': { auth, type: 'user', markets: [CONDITION_ID] },
  'docs without markets': { auth, type: 'user' },
  'RS first message': {
    type: 'user',
    operation: 'subscribe',
    markets: [CONDITION_ID],
    assets_ids: [],
    initial_dump: true,
    auth,
  },
  'legacy upper-case type': { auth, type: 'USER', markets: [] },
  'docs update': { operation: 'subscribe', markets: [CONDITION_ID] },
  'RS unsubscribe with auth': { type: 'user', operation: 'unsubscribe', markets: [CONDITION_ID], auth },
}

describe('MarketRequestSchema / UserRequestSchema', () => {
  it.each(Object.entries(marketForms))('market: %s', (_name, form) => {
    expect(parse(MarketRequestSchema, structuredClone(form), 'ws market')).toEqual(form)
  })
  it.each(Object.entries(userForms))('user: %s', (_name, form) => {
    expect(parse(UserRequestSchema, structuredClone(form), 'ws user')).toEqual(form)
  })
  it('refuses a message that is neither a subscription nor an update, at the failing field', () => {
    expect(catchError(() => parse(MarketRequestSchema, { type: 'market' }, 'ws')).path).toBe('assets_ids')
    expect(catchError(() => parse(SubscriptionUpdateSchema, { operation: 'add' }, 'ws')).path).toBe(
      'operation',
    )
    expect(
      catchError(() => parse(UserRequestSchema, { type: 'user', auth: { ...auth, secret: '' } }, 'ws')).path,
    ).toBe('auth.secret')
  })
  it('never puts the secret or passphrase of a refused user message into the error', () => {
    const bad = { type: 'user', markets: ['nope'], auth }
    const error = catchError(() => parse(UserRequestSchema, bad, 'ws user'))
    const dump = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`
    expect(dump).not.toContain(SECRET)
    expect(dump).not.toContain(PASSPHRASE)
  })
  it('paths are the official ones', () => {
    expect([WS_MARKET_PATH, WS_USER_PATH]).toEqual(['/ws/market', '/ws/user'])
  })
})

describe('WsDecimalSchema', () => {
  it.each(['0.48', '.48', '30', '-0.5'])('accepts %s', (v) => {
    expect(WsDecimalSchema.safeParse(v).success).toBe(true)
  })
  it.each(['', '.', '1.', '1e3', ' 1', '0x10'])('refuses %j', (v) => {
    expect(WsDecimalSchema.safeParse(v).success).toBe(false)
  })
  it('the -or-empty variant also takes ""', () => {
    expect(WsDecimalOrEmptySchema.safeParse('').success).toBe(true)
    expect(WsDecimalOrEmptySchema.safeParse('x').success).toBe(false)
  })
})

describe('market events in the shapes PROTOCOL-WS.md §3.2 shows', () => {
  it('a book with levels without the leading zero and the first-snapshot fields', () => {
    const book = {
      ...ws.bookEvent,
      bids: [
        { price: '.48', size: '30' },
        { price: '.49', size: '20' },
      ],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '',
    }
    expect(parse(MarketEventSchema, structuredClone(book), 'ws')).toEqual(book)
    setAt(book, ['neg_risk'], 'false')
    expect(catchError(() => parse(MarketEventSchema, book, 'ws')).path).toBe('neg_risk')
  })
  it('a price change whose side is empty carries best_ask ""', () => {
    const pc = structuredClone(ws.priceChangeEvent)
    setAt(pc, ['price_changes', 0, 'best_ask'], '')
    expect(parse(MarketEventSchema, structuredClone(pc), 'ws')).toEqual(pc)
    setAt(pc, ['price_changes', 0, 'best_ask'], 0.5)
    expect(catchError(() => parse(MarketEventSchema, pc, 'ws')).path).toBe('price_changes[0].best_ask')
  })
  it('tick_size_change without old_tick_size, last_trade_price with an empty fee', () => {
    const tick = structuredClone(ws.tickSizeChangeEvent)
    setAt(tick, ['old_tick_size'], DELETE)
    const last = { ...ws.lastTradePriceEvent, fee_rate_bps: '' }
    const frame = [tick, last]
    expect(parse(MarketChannelMessageSchema, structuredClone(frame), 'ws')).toEqual(frame)
  })
  it('best_bid_ask with an empty side', () => {
    const e = { ...ws.bestBidAskEvent, best_ask: '', spread: '' }
    expect(parse(CustomMarketEventSchema, structuredClone(e), 'ws')).toEqual(e)
  })
  it('market_resolved with only id, market and the winner (TSSDK)', () => {
    const e = {
      event_type: 'market_resolved',
      id: '1031769',
      market: CONDITION_ID,
      winning_asset_id: TOKEN_YES,
      winning_outcome: 'Yes',
    }
    expect(parse(MarketResolvedEventSchema, structuredClone(e), 'ws')).toEqual(e)
  })
  it('splits standard from custom events, and the type lists agree with the schemas', () => {
    expect(StandardMarketEventSchema.safeParse(ws.bookEvent).success).toBe(true)
    expect(StandardMarketEventSchema.safeParse(ws.bestBidAskEvent).success).toBe(false)
    expect(CustomMarketEventSchema.safeParse(ws.newMarketEvent).success).toBe(true)
    expect(
      CUSTOM_MARKET_EVENT_TYPES.every((t: string) => (MARKET_EVENT_TYPES as readonly string[]).includes(t)),
    ).toBe(true)
  })
  it('the legacy price_change parses with its own schema and not as a current event', () => {
    const legacy = {
      event_type: 'price_change',
      asset_id: TOKEN_YES,
      market: CONDITION_ID,
      timestamp: '1729084877448',
      hash: '3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd',
      changes: [{ price: '0.4', side: 'SELL', size: '3300' }],
    }
    expect(parse(LegacyPriceChangeEventSchema, structuredClone(legacy), 'ws')).toEqual(legacy)
    expect(MarketEventSchema.safeParse(legacy).success).toBe(false)
  })
})

describe('user events', () => {
  it('a trade with match_time (asyncapi) or matchtime (docs page)', () => {
    const withUnderscore: Record<string, unknown> = { ...ws.tradeEvent, match_time: '1672290701' }
    delete withUnderscore.matchtime
    expect(parse(TradeEventSchema, structuredClone(withUnderscore), 'ws')).toEqual(withUnderscore)
    expect(parse(TradeEventSchema, structuredClone(ws.tradeEvent), 'ws')).toEqual(ws.tradeEvent)
  })
  it.each([
    'MATCHED',
    'mined',
    'CONFIRMED',
    'RETRYING',
    'FAILED',
    'MATCHED_NOT_BROADCASTED',
    'TRADE_STATUS_CONFIRMED',
  ])('trade status %s', (status) => {
    expect(WsTradeStatusSchema.safeParse(status).success).toBe(true)
  })
  it.each(['DONE', 'TRADE_STATUS_', '', 3])('refuses trade status %j', (status) => {
    expect(WsTradeStatusSchema.safeParse(status).success).toBe(false)
  })
  it('an order event with the asyncapi fields (created_at, expiration, order_type, status, maker_address)', () => {
    const e = {
      ...ws.orderEvent,
      type: 'PLACEMENT',
      associate_trades: null,
      created_at: '1672290687',
      expiration: '0',
      order_type: 'GTD',
      status: 'LIVE',
      maker_address: '0x1234',
    }
    expect(parse(UserChannelMessageSchema, structuredClone([e]), 'ws')).toEqual([e])
    expect(catchError(() => parse(UserChannelMessageSchema, { ...e, order_type: 'IOC' }, 'ws')).path).toBe(
      'order_type',
    )
  })
})
