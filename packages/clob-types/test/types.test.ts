import type {
  MarketDetails,
  NewOrder,
  OpenOrder,
  OrderBookSummary,
  OrderResponse,
  Page,
  Side,
  SignatureType,
  TickSize,
  Trade,
  TradesPage,
} from '@clobkit/clob-types'
import * as T from '@clobkit/clob-types'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { infer as Infer } from 'zod/mini'
import * as orders from './fixtures/orders.js'
import * as ws from './fixtures/ws.js'

describe('inferred types', () => {
  it('enum schemas infer the constant unions', () => {
    expectTypeOf<Infer<typeof T.SideSchema>>().toEqualTypeOf<Side>()
    expectTypeOf<Side>().toEqualTypeOf<'BUY' | 'SELL'>()
    expectTypeOf<Infer<typeof T.SignatureTypeSchema>>().toEqualTypeOf<SignatureType>()
    expectTypeOf<SignatureType>().toEqualTypeOf<0 | 1 | 2 | 3>()
    expectTypeOf<Infer<typeof T.TickSizeSchema>>().toEqualTypeOf<TickSize>()
    expect(T.parse(T.SideSchema, 'SELL', 'side')).toBe('SELL')
  })

  it('amounts are strings, wire numbers are numbers, unknown keys are allowed', () => {
    expectTypeOf<OrderBookSummary['bids']>().toEqualTypeOf<
      { price: string; size: string; [k: string]: unknown }[] | null
    >()
    expectTypeOf<OpenOrder['created_at']>().toEqualTypeOf<number>()
    expectTypeOf<OpenOrder['price']>().toEqualTypeOf<string>()
    expectTypeOf<OpenOrder['status']>().toExtend<string>()
    expectTypeOf<'LIVE'>().toExtend<OpenOrder['status']>()
    expectTypeOf<'canceled'>().toExtend<OpenOrder['status']>()
    expectTypeOf<MarketDetails['mts']>().toEqualTypeOf<number | string>()
    expectTypeOf<Trade['maker_orders']>().toExtend<unknown[] | null>()
    expectTypeOf<OrderResponse['orderID']>().toEqualTypeOf<string>()
    expectTypeOf<TradesPage>().toExtend<Page<Trade>>()
    expectTypeOf<OrderBookSummary>().toExtend<Record<string, unknown>>()
  })

  it('WebSocket events narrow by event_type', () => {
    const frame = T.parse(T.MarketChannelMessageSchema, structuredClone(ws.marketFrame), 'ws')
    const events = Array.isArray(frame) ? frame : [frame]
    const kinds: string[] = []
    for (const event of events) {
      if (event.event_type === 'book')
        expectTypeOf(event.bids).toEqualTypeOf<{ price: string; size: string; [k: string]: unknown }[]>()
      if (event.event_type === 'price_change') expect(event.price_changes[0]?.side).toBe('BUY')
      kinds.push(event.event_type)
    }
    expect(kinds).toEqual(['book', 'price_change'])
  })

  it('NewOrder narrows to V1 or V2 by shape', () => {
    const body: NewOrder = T.parse(T.NewOrderSchema, structuredClone(orders.newOrderV1), 'POST /order')
    if ('nonce' in body.order) {
      expectTypeOf(body.order.signatureType).toEqualTypeOf<0 | 1 | 2>()
      expect(body.order.nonce).toBe('1')
    } else {
      expectTypeOf(body.order.metadata).toEqualTypeOf<string>()
      throw new Error('expected a V1 order')
    }
  })
})
