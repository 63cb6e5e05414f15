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

  it('each group holds its schemas', () => {
    expect(book.OrderBookSummarySchema).toBeDefined()
    expect(typeof book.bookHash).toBe('function')
    expect(orders.NewOrderSchema).toBeDefined()
    expect(trades.TradeSchema).toBeDefined()
    expect(ws.MarketChannelMessageSchema).toBeDefined()
    expect(markets.MarketDetailsSchema).toBeDefined()
    expect(keys.ApiKeyCredsSchema).toBeDefined()
    expect(account.HeartbeatResponseSchema).toBeDefined()
    expect(rewards.MarketRewardSchema).toBeDefined()
    expect(errors.InsertErrorCode.ORDER_DELAYED).toBe('placement delayed')
    expect(typeof parseModule.parse).toBe('function')
    expect(server.VersionResponseSchema).toBeDefined()
    expect(rfq.RfqAcceptBodySchema).toBeDefined()
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
