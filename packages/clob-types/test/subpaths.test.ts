import * as root from '@clobkit/clob-types'
import * as account from '@clobkit/clob-types/account'
import * as book from '@clobkit/clob-types/book'
import * as common from '@clobkit/clob-types/common'
import * as constants from '@clobkit/clob-types/constants'
import * as errors from '@clobkit/clob-types/errors'
import * as keys from '@clobkit/clob-types/keys'
import * as markets from '@clobkit/clob-types/markets'
import * as orders from '@clobkit/clob-types/orders'
import * as parseModule from '@clobkit/clob-types/parse'
import * as rewards from '@clobkit/clob-types/rewards'
import * as rfq from '@clobkit/clob-types/rfq'
import * as server from '@clobkit/clob-types/server'
import * as trades from '@clobkit/clob-types/trades'
import * as ws from '@clobkit/clob-types/ws'
import { describe, expect, it } from 'vitest'
import type { ZodMiniType } from 'zod/mini'
import * as accountFx from './fixtures/account.js'
import * as bookFx from './fixtures/book.js'
import * as keysFx from './fixtures/keys.js'
import * as marketsFx from './fixtures/markets.js'
import * as miscFx from './fixtures/misc.js'
import * as ordersFx from './fixtures/orders.js'
import * as rewardsFx from './fixtures/rewards.js'
import * as tradesFx from './fixtures/trades.js'
import * as wsFx from './fixtures/ws.js'
import { catchError, DELETE, type Path, setAt } from './helpers.js'

const groups = {
  account,
  book,
  common,
  constants,
  errors,
  keys,
  markets,
  orders,
  parse: parseModule,
  rewards,
  rfq,
  server,
  trades,
  ws,
}

describe('subpath exports', () => {
  it.each(Object.entries(groups))('%s re-exports through the root as the same objects', (_name, mod) => {
    const names = Object.keys(mod)
    expect(names.length).toBeGreaterThan(0)
    for (const name of names)
      expect((root as Record<string, unknown>)[name]).toBe((mod as Record<string, unknown>)[name])
  })

  it('the root exports nothing that is not in a group', () => {
    const grouped = new Set(Object.values(groups).flatMap((m) => Object.keys(m)))
    expect(Object.keys(root).filter((k) => !grouped.has(k))).toEqual([])
  })

  // Each group's schemas, reached through its own subpath, parse a valid wire body
  // and refuse a malformed one at the right path (the same checks schemas.test.ts
  // runs through the root, so a subpath wired to the wrong module fails here).
  const schemaCases: [string, ZodMiniType, unknown, Path, unknown][] = [
    ['book', book.OrderBookSummarySchema, bookFx.orderBook, ['bids', 2, 'size'], 58],
    ['orders', orders.NewOrderSchema, ordersFx.newOrderV2, ['order', 'salt'], '123456789'],
    ['trades', trades.TradeSchema, tradesFx.trade, ['status'], 'SETTLED'],
    ['ws', ws.MarketChannelMessageSchema, wsFx.bookEvent, ['bids', 0, 'price'], 0.54],
    ['markets', markets.MarketDetailsSchema, marketsFx.marketDetails, ['t', 0, 't'], 'YES'],
    ['keys', keys.ApiKeyCredsSchema, keysFx.apiKeyCreds, ['secret'], ''],
    ['account', account.HeartbeatResponseSchema, accountFx.heartbeatResponse, ['heartbeat_id'], null],
    ['rewards', rewards.MarketRewardSchema, rewardsFx.currentReward, ['rewards_max_spread'], DELETE],
    ['server', server.VersionResponseSchema, miscFx.version, ['version'], '3'],
    ['rfq', rfq.RfqAcceptBodySchema, miscFx.rfqAccept, ['expiration'], '1718003600'],
  ]
  it.each(schemaCases)(
    'the %s subpath parses its fixture and refuses a malformed one',
    (_g, schema, fx, at, v) => {
      const good = structuredClone(fx)
      expect(parseModule.parse(schema, good, 'GET /x')).toEqual(fx)
      const bad = structuredClone(fx)
      setAt(bad, at, v)
      const error = catchError(() => parseModule.parse(schema, bad, 'GET /x'))
      expect(error).toBeInstanceOf(parseModule.ClobTypesError)
      expect(error.path).toBe(parseModule.formatPath(at))
    },
  )

  it('the book subpath hashes a book as the exchange does (ANCHORS §C py2)', async () => {
    const json =
      '{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","hash":"","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[{"price":"0.6","size":"100"},{"price":"0.7","size":"100"}],"min_order_size":"100","tick_size":"0.01","neg_risk":false,"last_trade_price":"0.5"}'
    expect(await book.bookHash(JSON.parse(json))).toBe('0458ea5755c9f73d64a14636fa5c36ed460ec394')
  })

  it('the errors subpath maps insert codes to the exchange messages', () => {
    expect(errors.InsertErrorCode.ORDER_DELAYED).toBe('placement delayed')
  })
})

describe('constants', () => {
  it('cursor and protocol constants', () => {
    expect(common.INITIAL_CURSOR).toBe('MA==')
    expect(common.END_CURSOR).toBe('LTE=')
    expect(atob(common.INITIAL_CURSOR)).toBe('0')
    expect(atob(common.END_CURSOR)).toBe('-1')
    expect(constants.MAX_BATCH_ORDERS).toBe(15)
    expect(constants.ZERO_BYTES32).toMatch(/^0x0{64}$/)
    expect(constants.Chain).toEqual({ POLYGON: 137, AMOY: 80002 })
    expect(constants.SignatureType).toEqual({ EOA: 0, POLY_PROXY: 1, POLY_GNOSIS_SAFE: 2, POLY_1271: 3 })
    expect(constants.TickSizes).toEqual(['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'])
    expect(Object.values(constants.InsertStatus)).toEqual(['live', 'matched', 'delayed', 'unmatched'])
    expect(Object.values(constants.TradeStatus)).toEqual([
      'MATCHED',
      'MINED',
      'CONFIRMED',
      'RETRYING',
      'FAILED',
    ])
    expect(Object.values(constants.NotificationType)).toEqual([1, 2, 4])
    expect(Object.values(constants.PriceHistoryInterval)).toEqual(['max', '1w', '1d', '6h', '1h', '1m'])
  })
})

describe('pageSchema', () => {
  it('wraps any item schema in the cursor envelope', () => {
    const page = common.pageSchema(common.DecimalStringSchema)
    expect(root.parse(page, { data: ['1.5'], next_cursor: 'LTE=', limit: 1, count: 1 }, 'p').data).toEqual([
      '1.5',
    ])
    expect(root.parse(page, { data: [], next_cursor: 'MA==' }, 'p').next_cursor).toBe('MA==')
    expect(() => root.parse(page, { data: ['x'], next_cursor: 'LTE=' }, 'p')).toThrow(/data\[0\]/)
  })
})
