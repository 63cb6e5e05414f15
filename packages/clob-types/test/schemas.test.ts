import * as T from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import type { ZodMiniType } from 'zod/mini'
import * as account from './fixtures/account.js'
import * as book from './fixtures/book.js'
import { CONDITION_ID, EXCHANGE_V2, ORDER_ID, ORDER_ID_2, TOKEN_NO, TOKEN_YES } from './fixtures/ids.js'
import * as keys from './fixtures/keys.js'
import * as markets from './fixtures/markets.js'
import * as misc from './fixtures/misc.js'
import * as orders from './fixtures/orders.js'
import * as rewards from './fixtures/rewards.js'
import * as trades from './fixtures/trades.js'
import * as ws from './fixtures/ws.js'
import { catchError, DELETE, getAt, type Path, setAt } from './helpers.js'

type Case = {
  /** Fixture name, for the test title. */
  name: string
  schema: ZodMiniType
  fixture: unknown
  /** The malformed variant: set `at` to `value` (or delete it). */
  bad: { at: Path; value: unknown }
  /** Expected error path when it differs from the formatted `at`. */
  path?: string
  /** Where an unknown field is added to check it survives; `null` for maps and strict bodies. */
  extraAt: Path | null
}

const c = (
  name: string,
  schema: ZodMiniType,
  fixture: unknown,
  at: Path,
  value: unknown,
  extraAt: Path | null = [],
  path?: string,
): Case => ({ name, schema, fixture, bad: { at, value }, extraAt, ...(path === undefined ? {} : { path }) })

const cases: Case[] = [
  // markets
  c('market', T.MarketSchema, markets.market, ['tokens', 1, 'token_id'], '0xabc', ['rewards']),
  c('markets page', T.MarketsPageSchema, markets.marketsPage, ['data', 0, 'neg_risk'], 'false', ['data', 0]),
  c('simplified market', T.SimplifiedMarketSchema, markets.simplifiedMarket, ['accepting_orders'], DELETE),
  c(
    'simplified markets page',
    T.SimplifiedMarketsPageSchema,
    markets.simplifiedMarketsPage,
    ['data', 0, 'rewards', 'min_size'],
    'lots',
    ['data', 0, 'tokens', 0],
  ),
  c('market by token', T.MarketByTokenSchema, markets.marketByToken, ['condition_id'], 'abc'),
  c('market details', T.MarketDetailsSchema, markets.marketDetails, ['t', 0, 't'], 'YES', ['fd']),
  c('market details (stub)', T.MarketDetailsSchema, markets.marketDetailsStub, ['mts'], null),
  c('market details (py)', T.MarketDetailsSchema, markets.marketDetailsPy, ['fd', 'r'], '0.02', ['t', 0]),
  // book
  c('order book', T.OrderBookSummarySchema, book.orderBook, ['bids', 2, 'size'], 58, ['asks', 0]),
  c('order book (stub)', T.OrderBookSummarySchema, book.orderBookStub, ['asks'], DELETE),
  c('order books', T.OrderBookSummariesSchema, book.orderBooks, [1, 'market'], 'x', [1]),
  c('book params', T.BookParamsListSchema, book.bookParams, [0, 'side'], 'buy', [1]),
  c('midpoint', T.MidpointResponseSchema, book.midpoint, ['mid'], 0.55),
  c('midpoints', T.MidpointsResponseSchema, book.midpoints, [TOKEN_NO], 'half', null),
  c('price', T.PriceResponseSchema, book.price, ['price'], ''),
  c('prices', T.PricesResponseSchema, book.prices, [TOKEN_YES, 'SELL'], '0,56', [TOKEN_NO]),
  c('spread', T.SpreadResponseSchema, book.spread, ['spread'], DELETE),
  c('spreads (wrapped)', T.SpreadsResponseSchema, book.spreadsWrapped, ['spreads', TOKEN_YES], 'wide'),
  c('spreads (plain)', T.SpreadsResponseSchema, book.spreadsPlain, [TOKEN_NO], null, null),
  c('last trade price', T.LastTradePriceResponseSchema, book.lastTradePrice, ['side'], 'buy'),
  c(
    'last trades prices',
    T.LastTradesPricesResponseSchema,
    book.lastTradesPrices,
    [1, 'token_id'],
    'NO',
    [0],
  ),
  c('tick size', T.TickSizeResponseSchema, book.tickSize, ['minimum_tick_size'], '0.01'),
  c('neg risk', T.NegRiskResponseSchema, book.negRisk, ['neg_risk'], 'true'),
  c('fee rate', T.FeeRateResponseSchema, book.feeRate, ['base_fee'], 1.5),
  c(
    'price history (wrapped)',
    T.PriceHistoryResponseSchema,
    book.priceHistoryWrapped,
    ['history', 1, 't'],
    '1',
  ),
  c('price history (bare)', T.PriceHistoryResponseSchema, book.priceHistoryBare, [0, 'p'], 'x', [1]),
  // keys
  c('api key creds', T.ApiKeyCredsSchema, keys.apiKeyCreds, ['secret'], ''),
  c('api keys', T.ApiKeysResponseSchema, keys.apiKeys, ['apiKeys', 1], 42),
  c('api keys (objects)', T.ApiKeysResponseSchema, keys.apiKeysObjects, ['apiKeys', 0, 'apiKey'], 7, [
    'apiKeys',
    1,
  ]),
  c('readonly api key', T.ReadonlyApiKeySchema, keys.readonlyApiKey, ['apiKey'], DELETE),
  c('readonly api keys', T.ReadonlyApiKeysResponseSchema, keys.readonlyApiKeys, [0], 1, null),
  c(
    'delete readonly key body',
    T.DeleteReadonlyApiKeyRequestSchema,
    keys.deleteReadonlyApiKeyRequest,
    ['key'],
    '',
    null,
  ),
  c('builder api key', T.BuilderApiKeySchema, keys.builderApiKey, ['passphrase'], null),
  c('builder api keys', T.BuilderApiKeysResponseSchema, keys.builderApiKeys, [0, 'createdAt'], 5, [1]),
  // orders
  c('new order V2', T.NewOrderV2Schema, orders.newOrderV2, ['order', 'makerAmount'], '50.5', null),
  c('new order V1', T.NewOrderV1Schema, orders.newOrderV1, ['order', 'signatureType'], 3, null),
  c('new order (V2 via union)', T.NewOrderSchema, orders.newOrderV2, ['order', 'salt'], '123456789', null),
  c('new order (V1 via union)', T.NewOrderSchema, orders.newOrderV1, ['order', 'nonce'], 1, null),
  c('new order (RS keys)', T.NewOrderSchema, orders.newOrderRs, ['orderType'], 'IOC', null),
  c('new orders', T.NewOrdersSchema, orders.newOrders, [1, 'owner'], '', null),
  c('order response', T.OrderResponseSchema, orders.orderResponse, ['transactionsHashes', 0], '0x123'),
  c('order response (stub)', T.OrderResponseSchema, orders.orderResponseStub, ['status'], 'open'),
  c('order response (RS)', T.OrderResponseSchema, orders.orderResponseRs, ['orderID'], 'abc'),
  c('order response (failed)', T.OrderResponseSchema, orders.orderResponseFailed, ['success'], 'false'),
  c('order responses', T.OrderResponsesSchema, orders.orderResponses, [1, 'makingAmount'], 12, [1]),
  c('open order', T.OpenOrderSchema, orders.openOrder, ['created_at'], '1718000000'),
  c('open orders page', T.OpenOrdersPageSchema, orders.openOrdersPage, ['data', 0, 'side'], 'buy', [
    'data',
    0,
  ]),
  c('cancel order body', T.CancelOrderRequestSchema, orders.cancelOrderRequest, ['orderID'], 'x', null),
  c('cancel orders body', T.CancelOrdersRequestSchema, orders.cancelOrdersRequest, [1], '0x1', null),
  c(
    'cancel market orders body',
    T.CancelMarketOrdersRequestSchema,
    orders.cancelMarketOrdersRequest,
    ['asset_id'],
    '0xabc',
    null,
  ),
  c('cancel response', T.CancelResponseSchema, orders.cancelResponse, ['not_canceled', ORDER_ID_2], 5),
  c('order scoring', T.OrderScoringResponseSchema, orders.orderScoring, ['scoring'], 'yes'),
  c('orders scoring body', T.OrdersScoringRequestSchema, orders.ordersScoringRequest, [0], '', null),
  c('orders scoring', T.OrdersScoringResponseSchema, orders.ordersScoring, [ORDER_ID], 'true', null),
  // trades
  c('maker order', T.MakerOrderSchema, trades.makerOrder, ['matched_amount'], 20.5),
  c('trade', T.TradeSchema, trades.trade, ['status'], 'SETTLED', ['maker_orders', 0]),
  c('trade (matched)', T.TradeSchema, trades.tradeMatched, ['trader_side'], 'taker'),
  c('trades page', T.TradesPageSchema, trades.tradesPage, ['data', 1, 'maker_orders', 0, 'price'], 0.56, [
    'data',
    1,
    'maker_orders',
    0,
  ]),
  c('trades page (stub)', T.TradesPageSchema, trades.tradesPageStub, ['next_cursor'], null),
  c('builder trade', T.BuilderTradeSchema, trades.builderTrade, ['outcomeIndex'], '0'),
  c(
    'builder trades page',
    T.BuilderTradesPageSchema,
    trades.builderTradesPage,
    ['data', 0, 'takerOrderHash'],
    '0x1',
  ),
  c('builder fees', T.BuilderFeesResponseSchema, trades.builderFees, ['builder_taker_fee_rate_bps'], '10'),
  c('live activity', T.MarketTradeEventsSchema, trades.marketTradeEvents, [0, 'user', 'address'], '0xabc', [
    0,
    'market',
  ]),
  // account
  c(
    'balance allowance',
    T.BalanceAllowanceResponseSchema,
    account.balanceAllowance,
    ['allowances', EXCHANGE_V2],
    1,
  ),
  c('balance allowance (v1)', T.BalanceAllowanceResponseSchema, account.balanceAllowanceV1, ['balance'], 125),
  c('balance params', T.BalanceAllowanceParamsSchema, account.balanceAllowanceParams, ['asset_type'], 'USDC'),
  c('closed only', T.ClosedOnlyResponseSchema, account.closedOnly, ['closed_only'], 0),
  c('notification', T.NotificationSchema, account.notification, ['type'], 2.5, ['payload']),
  c('notifications', T.NotificationsResponseSchema, account.notifications, [1, 'id'], '1043', [1]),
  c(
    'notification payload',
    T.NotificationPayloadSchema,
    account.notification.payload,
    ['matched_size'],
    'lots',
  ),
  c('heartbeat body', T.HeartbeatRequestSchema, account.heartbeatRequest, ['heartbeat_id'], 5, null),
  c(
    'heartbeat body (v1)',
    T.HeartbeatRequestSchema,
    account.heartbeatRequestV1,
    ['heartbeat_id'],
    DELETE,
    null,
  ),
  c('heartbeat', T.HeartbeatResponseSchema, account.heartbeatResponse, ['heartbeat_id'], null),
  c('heartbeat (400 body)', T.HeartbeatResponseSchema, account.heartbeatError, ['error'], 5),
  // rewards
  c(
    'user earnings page',
    T.UserEarningsPageSchema,
    rewards.userEarningsPage,
    ['data', 0, 'maker_address'],
    '0x0',
  ),
  c(
    'total earnings',
    T.TotalUserEarningsResponseSchema,
    rewards.totalUserEarnings,
    [0, 'earnings'],
    '3,5',
    [0],
  ),
  c(
    'rewards percentages',
    T.RewardsPercentagesResponseSchema,
    rewards.rewardsPercentages,
    [CONDITION_ID],
    'x',
    null,
  ),
  c(
    'market rewards page',
    T.MarketRewardsPageSchema,
    rewards.marketRewardsPage,
    ['data', 0, 'rewards_config', 0, 'asset_address'],
    'usdc',
    ['data', 0, 'rewards_config', 0],
  ),
  c('current reward', T.MarketRewardSchema, rewards.currentReward, ['rewards_max_spread'], DELETE),
  c(
    'user rewards earnings page',
    T.UserRewardsEarningsPageSchema,
    rewards.userRewardsEarningsPage,
    ['data', 0, 'earnings', 0, 'asset_rate'],
    null,
    ['data', 0, 'earnings', 0],
  ),
  // ws
  c('market subscribe', T.MarketSubscribeSchema, ws.marketSubscribe, ['assets_ids', 0], 123),
  c('market unsubscribe', T.SubscribeMessageSchema, ws.marketUnsubscribe, ['operation'], 'remove'),
  c('user subscribe', T.UserSubscribeSchema, ws.userSubscribe, ['auth', 'secret'], ''),
  c('user subscribe (union)', T.SubscribeMessageSchema, ws.userSubscribe, ['markets', 0], 'x'),
  c('book event', T.MarketChannelMessageSchema, ws.bookEvent, ['bids', 0, 'price'], 0.54),
  c('price change event', T.MarketEventSchema, ws.priceChangeEvent, ['price_changes', 1, 'side'], 'buy', [
    'price_changes',
    0,
  ]),
  c('tick size change event', T.MarketEventSchema, ws.tickSizeChangeEvent, ['new_tick_size'], ''),
  c('last trade price event', T.MarketEventSchema, ws.lastTradePriceEvent, ['side'], 'Buy'),
  c('best bid ask event', T.MarketEventSchema, ws.bestBidAskEvent, ['spread'], 0.01),
  c('new market event', T.MarketEventSchema, ws.newMarketEvent, ['assets_ids', 1], 'No', ['event_message']),
  c('market resolved event', T.MarketEventSchema, ws.marketResolvedEvent, ['winning_asset_id'], DELETE),
  c('unknown market event', T.MarketEventSchema, ws.bookEvent, ['event_type'], 'book_v2'),
  c(
    'market frame',
    T.MarketChannelMessageSchema,
    ws.marketFrame,
    [1, 'price_changes', 0, 'side'],
    'buy',
    [1],
  ),
  c('trade event', T.UserChannelMessageSchema, ws.tradeEvent, ['maker_orders', 0, 'order_id'], 'x', [
    'maker_orders',
    0,
  ]),
  c('order event', T.UserEventSchema, ws.orderEvent, ['type'], 'FILL'),
  c('user frame', T.UserChannelMessageSchema, ws.userFrame, [1, 'status'], 'DONE', [0]),
  // errors, server, rfq
  c('error body', T.ErrorBodySchema, misc.errorBody, ['error'], DELETE),
  c('error body (object)', T.ErrorBodySchema, misc.errorBodyObject, ['status'], '400', ['error']),
  c('server time', T.ServerTimeResponseSchema, misc.serverTime, [], '1718000000', null, ''),
  c('server time (object)', T.ServerTimeResponseSchema, misc.serverTimeObject, ['time'], 'x'),
  c('version', T.VersionResponseSchema, misc.version, ['version'], '3'),
  c('geoblock', T.GeoblockResponseSchema, misc.geoblock, ['blocked'], 'no'),
  c('rfq request', T.RfqRequestBodySchema, misc.rfqRequest, ['userType'], 4),
  c('rfq quote', T.RfqQuoteBodySchema, misc.rfqQuote, ['requestId'], ''),
  c('rfq accept', T.RfqAcceptBodySchema, misc.rfqAccept, ['expiration'], '1718003600'),
]

describe('schemas accept their fixtures', () => {
  it.each(cases.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const parsed = T.parse(k.schema, structuredClone(k.fixture), k.name)
    expect(parsed).toEqual(k.fixture)
  })
})

describe('malformed responses name the failing field', () => {
  it.each(cases.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const value = structuredClone(k.fixture)
    if (k.bad.at.length === 0) {
      const error = catchError(() => T.parse(k.schema, k.bad.value, k.name))
      expect(error.path).toBe(k.path ?? '')
      return
    }
    setAt(value, k.bad.at, k.bad.value)
    const error = catchError(() => T.parse(k.schema, value, `GET /${k.name}`))
    expect(error.code).toBe('RESPONSE_VALIDATION')
    expect(error.path).toBe(k.path ?? T.formatPath(k.bad.at))
    expect(error.label).toBe(`GET /${k.name}`)
    expect(error.message).toContain(`GET /${k.name}`)
  })
})

describe('unknown fields survive parsing', () => {
  const loose = cases.filter((k): k is Case & { extraAt: Path } => k.extraAt !== null)
  it.each(loose.map((k) => [k.name, k] as const))('%s', (_name, k) => {
    const value = structuredClone(k.fixture)
    const extra = { added_by_server: ['later', 1], nested: { deep: true } }
    setAt(value, [...k.extraAt, 'future_field'], extra)
    const parsed = T.parse(k.schema, value, k.name)
    expect(getAt(parsed, [...k.extraAt, 'future_field'])).toEqual(extra)
    expect(parsed).toEqual(value)
  })
})

describe('request bodies are exact', () => {
  it('rejects V1-only keys in a V2 order and names them', () => {
    for (const key of ['taker', 'nonce', 'feeRateBps'] as const) {
      const body = structuredClone(orders.newOrderV2)
      setAt(body, ['order', key], '0')
      expect(catchError(() => T.parse(T.NewOrderSchema, body, 'POST /order')).path).toBe(`order.${key}`)
    }
  })

  it('rejects a V1 order missing a V1 field', () => {
    const body = structuredClone(orders.newOrderV1)
    setAt(body, ['order', 'feeRateBps'], DELETE)
    expect(catchError(() => T.parse(T.NewOrderSchema, body, 'POST /order')).path).toBe('order.feeRateBps')
  })

  it('rejects unknown top-level keys', () => {
    const body = { ...structuredClone(orders.newOrderV2), owner_address: '0x0' }
    expect(catchError(() => T.parse(T.NewOrderSchema, body, 'POST /order')).path).toBe('owner_address')
  })

  it('rejects postOnly with FOK/FAK at postOnly, accepts it with GTC/GTD', () => {
    for (const orderType of ['FOK', 'FAK'] as const) {
      const body = { ...structuredClone(orders.newOrderV2), orderType, postOnly: true }
      const error = catchError(() => T.parse(T.NewOrderSchema, body, 'POST /order'))
      expect(error.path).toBe('postOnly')
      expect(error.message).toContain('postOnly is not supported for FOK/FAK orders')
    }
    for (const orderType of ['GTC', 'GTD'] as const) {
      const body = { ...structuredClone(orders.newOrderV2), orderType, postOnly: true }
      expect(T.parse(T.NewOrderSchema, body, 'POST /order').postOnly).toBe(true)
    }
  })

  it('limits a batch to 1..15 orders', () => {
    const sixteen = Array.from({ length: 16 }, () => structuredClone(orders.newOrderV2))
    expect(T.parse(T.NewOrdersSchema, sixteen.slice(0, 15), 'POST /orders')).toHaveLength(15)
    expect(catchError(() => T.parse(T.NewOrdersSchema, sixteen, 'POST /orders')).message).toContain('1 to 15')
    expect(() => T.parse(T.NewOrdersSchema, [], 'POST /orders')).toThrow(T.ClobTypesError)
  })

  it('rejects a salt above 2^53-1 and a negative salt', () => {
    for (const salt of [2 ** 53, -1, 1.5]) {
      const body = structuredClone(orders.newOrderV2)
      setAt(body, ['order', 'salt'], salt)
      expect(catchError(() => T.parse(T.NewOrderSchema, body, 'POST /order')).path).toBe('order.salt')
    }
  })

  it('V1 accepts signature types 0..2 only, V2 0..3', () => {
    const v1 = structuredClone(orders.newOrderV1)
    const v2 = structuredClone(orders.newOrderV2)
    setAt(v2, ['order', 'signatureType'], 3)
    expect(T.parse(T.NewOrderSchema, v2, 'POST /order').order.signatureType).toBe(3)
    setAt(v1, ['order', 'signatureType'], 3)
    expect(catchError(() => T.parse(T.NewOrderV1Schema, v1, 'POST /order')).path).toBe('order.signatureType')
  })
})

describe('statuses', () => {
  it('accepts upper and lower case, keeps the value as received', () => {
    expect(T.parse(T.OpenOrderStatusSchema, 'live', 's')).toBe('live')
    expect(T.parse(T.OpenOrderStatusSchema, 'CANCELED', 's')).toBe('CANCELED')
    expect(T.parse(T.TradeStatusSchema, 'retrying', 's')).toBe('retrying')
    expect(T.parse(T.InsertStatusSchema, 'UNMATCHED', 's')).toBe('UNMATCHED')
  })

  it('rejects unknown statuses', () => {
    for (const [schema, value] of [
      [T.OpenOrderStatusSchema, 'OPEN'],
      [T.TradeStatusSchema, 'SETTLED'],
      [T.InsertStatusSchema, ''],
      [T.InsertStatusSchema, 'placed'],
    ] as const) {
      expect(() => T.parse(schema, value, 's')).toThrow(/expected one of/)
    }
  })
})

describe('enum schemas', () => {
  it('match the constants exactly', () => {
    for (const side of Object.values(T.Side)) expect(T.parse(T.SideSchema, side, 'side')).toBe(side)
    for (const tick of T.TickSizes) expect(T.parse(T.TickSizeSchema, tick, 'tick')).toBe(tick)
    for (const sig of [0, 1, 2, 3]) expect(T.parse(T.SignatureTypeSchema, sig, 'sig')).toBe(sig)
    expect(T.parse(T.ChainIdSchema, 80002, 'chain')).toBe(80002)
    expect(T.parse(T.PriceHistoryIntervalSchema, '1w', 'interval')).toBe('1w')
    for (const [schema, bad] of [
      [T.SideSchema, 'buy'],
      [T.TickSizeSchema, '0.02'],
      [T.SignatureTypeSchema, 4],
      [T.SignatureTypeSchema, '0'],
      [T.ChainIdSchema, 1],
      [T.AssetTypeSchema, 'collateral'],
      [T.OrderTypeSchema, 'gtc'],
      [T.TraderSideSchema, 'BOTH'],
    ] as const) {
      expect(() => T.parse(schema, bad, 'enum')).toThrow(T.ClobTypesError)
    }
  })

  it('signature type names line up with their numbers', () => {
    expect(T.SignatureTypeName[T.SignatureType.POLY_1271]).toBe('POLY_1271')
    expect(T.SignatureTypeName[T.SignatureType.EOA]).toBe('EOA')
  })
})

describe('primitive formats', () => {
  it.each([
    [
      T.DecimalStringSchema,
      ['0', '0.5', '100', '-0.01', '148.56'],
      ['', '.5', '1.', '1e-7', ' 1', '0x1', '1,5'],
    ],
    [T.DecimalStringOrEmptySchema, ['', '0.5'], ['-', 'abc']],
    [T.Uint256StringSchema, ['0', TOKEN_YES], ['-1', '1.0', '', '1'.repeat(79)]],
    [
      T.AddressSchema,
      [EXCHANGE_V2, EXCHANGE_V2.toLowerCase()],
      ['0x123', `${EXCHANGE_V2}00`, EXCHANGE_V2.slice(2)],
    ],
    [T.Bytes32Schema, [ORDER_ID], ['0x', ORDER_ID.slice(0, -1), `${ORDER_ID}ab`]],
    [T.Bytes32OrEmptySchema, ['', ORDER_ID], ['0x']],
    [T.HexSchema, ['0x', '0xabCD'], ['0xabc', 'abcd', '0xzz']],
    [T.NumericSchema, [0.5, 0, '0.5', '12'], ['abc', Number.NaN, Number.POSITIVE_INFINITY, null]],
    [T.NonEmptyStringSchema, ['a', ' '], ['']],
  ] as const)('%#', (schema, good, bad) => {
    for (const value of good) expect(T.parse(schema, value, 'v')).toBe(value)
    for (const value of bad) expect(() => T.parse(schema, value, 'v')).toThrow(T.ClobTypesError)
  })

  it('keeps amounts as exact strings (no number conversion)', () => {
    const huge = '115792089237316195423570985008687907853269984665640564039457584007913129639935'
    const parsed = T.parse(T.BalanceAllowanceResponseSchema, { balance: '0.1', allowance: huge }, 'b')
    expect(parsed.allowance).toBe(huge)
    expect(parsed.balance).toBe('0.1')
  })
})
