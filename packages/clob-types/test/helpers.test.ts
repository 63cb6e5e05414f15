import {
  allowanceFor,
  BalanceAllowanceResponseSchema,
  HeartbeatResponseSchema,
  heartbeatIdFrom,
  InsertErrorCode,
  InsertErrorMessage,
  isInsertFailure,
  isVersionMismatch,
  OrderResponseSchema,
  orderErrorMessage,
  orderTransactionHashes,
  PriceHistoryResponseSchema,
  parse,
  priceHistoryPoints,
  ServerTimeResponseSchema,
  SpreadsResponseSchema,
  serverTimeSeconds,
  spreadsMap,
} from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import * as account from './fixtures/account.js'
import * as book from './fixtures/book.js'
import { EXCHANGE_V2, TOKEN_NO, TX_HASH } from './fixtures/ids.js'
import * as orders from './fixtures/orders.js'

describe('spreadsMap', () => {
  it('reads both /spreads shapes', () => {
    for (const raw of [book.spreadsWrapped, book.spreadsPlain]) {
      expect(spreadsMap(parse(SpreadsResponseSchema, raw, 'POST /spreads'))[TOKEN_NO]).toBe('0.03')
    }
  })
})

describe('priceHistoryPoints', () => {
  it('reads both /prices-history shapes', () => {
    for (const raw of [book.priceHistoryWrapped, book.priceHistoryBare]) {
      const points = priceHistoryPoints(parse(PriceHistoryResponseSchema, raw, 'GET /prices-history'))
      expect(points.map((p) => p.t)).toEqual([1718000000, 1718003600])
    }
  })
})

describe('orderErrorMessage / orderTransactionHashes', () => {
  it('reads errorMsg or error_msg, transactionsHashes or transaction_hashes', () => {
    const failed = parse(OrderResponseSchema, orders.orderResponseFailed, 'r')
    expect(orderErrorMessage(failed)).toMatch(/^Rate limit exceeded/)
    const rs = parse(
      OrderResponseSchema,
      { ...orders.orderResponseRs, error_msg: 'not enough balance / allowance' },
      'r',
    )
    expect(orderErrorMessage(rs)).toBe('not enough balance / allowance')
    expect(orderTransactionHashes(rs)).toEqual([])
    expect(orderTransactionHashes(parse(OrderResponseSchema, orders.orderResponse, 'r'))).toEqual([TX_HASH])
    const snake = parse(
      OrderResponseSchema,
      { ...orders.orderResponseStub, transaction_hashes: [TX_HASH] },
      'r',
    )
    expect(orderTransactionHashes({ ...snake, transactionsHashes: undefined })).toEqual([TX_HASH])
    expect(orderErrorMessage(parse(OrderResponseSchema, orders.orderResponse, 'r'))).toBe('')
  })
})

describe('allowanceFor', () => {
  it('finds a spender case-insensitively, or the single allowance', () => {
    const v2 = parse(BalanceAllowanceResponseSchema, account.balanceAllowance, 'b')
    expect(allowanceFor(v2, EXCHANGE_V2.toLowerCase())).toMatch(/^1157920892/)
    expect(allowanceFor(v2, '0xE2222D279D744050D28E00520010520000310F59')).toBe('0')
    expect(allowanceFor(v2, '0x0000000000000000000000000000000000000001')).toBeUndefined()
    expect(allowanceFor(v2)).toBeUndefined()
    const v1 = parse(BalanceAllowanceResponseSchema, account.balanceAllowanceV1, 'b')
    expect(allowanceFor(v1)).toBe('1000000000')
    expect(allowanceFor(v1, EXCHANGE_V2)).toBeUndefined()
  })
})

describe('heartbeatIdFrom', () => {
  it('reads the id at the top level or under error, else undefined', () => {
    const ok = parse(HeartbeatResponseSchema, account.heartbeatResponse, 'hb')
    expect(heartbeatIdFrom(ok)).toBe(account.heartbeatResponse.heartbeat_id)
    expect(heartbeatIdFrom({ error: { heartbeat_id: 'abc' }, status: 400 })).toBe('abc')
    for (const none of [null, 'x', {}, { error: 'invalid' }, { heartbeat_id: 5 }]) {
      expect(heartbeatIdFrom(none)).toBeUndefined()
    }
  })
})

describe('serverTimeSeconds', () => {
  it('reads a bare number or {time} / {timestamp}', () => {
    for (const raw of [1718000000, { time: 1718000000 }, { timestamp: 1718000000 }]) {
      expect(serverTimeSeconds(parse(ServerTimeResponseSchema, raw, 'GET /time'))).toBe(1718000000)
    }
  })
})

describe('insert error codes', () => {
  it('has every §6.2 code with a meaning, and the two non-failures', () => {
    expect(Object.keys(InsertErrorCode)).toHaveLength(14)
    expect(InsertErrorCode.INVALID_ORDER_MIN_TICK_SIZE).toBe('price not on the tick')
    expect(InsertErrorCode.INSERT_ORDER_ERROR).toBe(InsertErrorCode.INVALID_ORDER_ERROR)
    expect(InsertErrorMessage.FOK_ORDER_NOT_FILLED_ERROR).toBe(
      "order couldn't be fully filled. FOK orders are fully filled or killed.",
    )
    const nonFailures = (Object.keys(InsertErrorCode) as (keyof typeof InsertErrorCode)[]).filter(
      (code) => !isInsertFailure(code),
    )
    expect(nonFailures.sort()).toEqual(['MARKET_NOT_READY', 'ORDER_DELAYED'])
  })

  it('detects order_version_mismatch in strings and objects', () => {
    expect(isVersionMismatch('order_version_mismatch: expected 3')).toBe(true)
    expect(isVersionMismatch({ code: 'order_version_mismatch' })).toBe(true)
    expect(isVersionMismatch('not enough balance / allowance')).toBe(false)
    expect(isVersionMismatch(undefined)).toBe(false)
    expect(isVersionMismatch(null)).toBe(false)
    expect(isVersionMismatch({ big: 1n })).toBe(false)
  })
})
