import {
  ApiKeyCredsSchema,
  ClobTypesError,
  formatPath,
  isClobTypesError,
  MarketChannelMessageSchema,
  NewOrderSchema,
  parse,
  TradesPageSchema,
  UserSubscribeSchema,
} from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import { PASSPHRASE, SECRET } from './fixtures/keys.js'
import * as orders from './fixtures/orders.js'
import * as trades from './fixtures/trades.js'
import * as ws from './fixtures/ws.js'
import { catchError, setAt } from './helpers.js'

describe('parse', () => {
  it('returns the parsed value on success', () => {
    const page = parse(TradesPageSchema, structuredClone(trades.tradesPage), 'GET /data/trades')
    expect(page.data[0]?.maker_orders?.[0]?.price).toBe('0.56')
    expect(page.next_cursor).toBe('MTAw')
  })

  it('throws a ClobTypesError with a stable code, the label and the first failing path', () => {
    const page = structuredClone(trades.tradesPage)
    setAt(page, ['data', 1, 'maker_orders', 0, 'price'], 0.56)
    const error = catchError(() => parse(TradesPageSchema, page, 'GET /data/trades'))
    expect(error).toBeInstanceOf(ClobTypesError)
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('ClobTypesError')
    expect(error.code).toBe('RESPONSE_VALIDATION')
    expect(error.path).toBe('data[1].maker_orders[0].price')
    expect(error.param).toBe('data[1].maker_orders[0].price')
    expect(error.label).toBe('GET /data/trades')
    expect(error.message).toBe(
      'GET /data/trades: invalid field data[1].maker_orders[0].price: expected string',
    )
    expect(error.details).toEqual({ label: 'GET /data/trades', path: 'data[1].maker_orders[0].price' })
    expect(error.issues.length).toBeGreaterThan(0)
    expect(error.issues[0]?.path).toEqual(['data', 1, 'maker_orders', 0, 'price'])
  })

  it('describes a missing field', () => {
    const error = catchError(() => parse(TradesPageSchema, { data: [] }, 'GET /data/trades'))
    expect(error.path).toBe('next_cursor')
    expect(error.message).toContain('expected string')
  })

  it('names the root when the whole value is wrong', () => {
    const error = catchError(() => parse(TradesPageSchema, 'OK', 'GET /data/trades'))
    expect(error.path).toBe('')
    expect(error.message).toBe('GET /data/trades: invalid value: expected object')
  })

  it('brands the error for cross-realm isClobError checks', () => {
    const error = catchError(() => parse(TradesPageSchema, null, 'x'))
    expect((error as unknown as Record<symbol, unknown>)[Symbol.for('clobkit.error')]).toBe(true)
    expect(Object.keys(error)).not.toContain(Symbol.for('clobkit.error').toString())
    expect(isClobTypesError(error)).toBe(true)
    expect(isClobTypesError(new Error('x'))).toBe(false)
    expect(isClobTypesError({ name: 'ClobTypesError' })).toBe(false)
    expect(isClobTypesError(null)).toBe(false)
  })

  it('never puts field values (secrets) into the message, issues or JSON of the error', () => {
    const creds = { apiKey: 'key-visible', secret: SECRET, passphrase: 12345 }
    const error = catchError(() => parse(ApiKeyCredsSchema, creds, 'POST /auth/api-key'))
    expect(error.path).toBe('passphrase')
    const sub = structuredClone(ws.userSubscribe)
    setAt(sub, ['type'], 'market')
    const error2 = catchError(() => parse(UserSubscribeSchema, sub, 'ws user'))
    for (const e of [error, error2]) {
      const dump = `${e.message} ${JSON.stringify(e)} ${JSON.stringify(e.issues)} ${String(e.stack)}`
      expect(dump).not.toContain(SECRET)
      expect(dump).not.toContain(PASSPHRASE)
      expect(dump).not.toContain('12345')
    }
  })

  it('picks the union branch the value was meant to be', () => {
    const v2 = structuredClone(orders.newOrderV2)
    setAt(v2, ['order', 'builder'], '0x00')
    expect(catchError(() => parse(NewOrderSchema, v2, 'POST /order')).path).toBe('order.builder')
    const frame = structuredClone(ws.marketFrame)
    setAt(frame, [0, 'asks', 0, 'size'], '-')
    expect(catchError(() => parse(MarketChannelMessageSchema, frame, 'ws')).path).toBe('[0].asks[0].size')
    const single = structuredClone(ws.lastTradePriceEvent)
    setAt(single, ['market'], 'm')
    expect(catchError(() => parse(MarketChannelMessageSchema, single, 'ws')).path).toBe('market')
  })
})

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['data', 3, 'maker_orders', 0, 'price'], 'data[3].maker_orders[0].price'],
    [[3, 'x'], '[3].x'],
    [['allowances', '0xE111'], 'allowances["0xE111"]'],
    [['a b', '$ok', '_x'], '["a b"].$ok._x'],
    [[Symbol.for('s')], '[Symbol(s)]'],
  ] as const)('%j → %s', (path, expected) => {
    expect(formatPath(path)).toBe(expected)
  })
})
