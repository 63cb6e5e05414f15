import { inspect } from 'node:util'
import type { OrderEvent, TradeEvent } from '@clobkit/clob-types/ws'
import { describe, expect, it } from 'vitest'
import { trackOrders } from '../src/index.js'
import { manualClock } from './support/clock.js'

const M = '0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af'
const YES = '52114319501245915516055106046884209969926127482827954674443846427813813222426'
const NO = '65818619657568813474341868652308942079804919287380422192892211131408793125422'
const ME = '9180014b-33c8-9240-a14b-bdca11c0a465'
const O1 = `0x${'aa'.repeat(32)}`
const O2 = `0x${'bb'.repeat(32)}`

function order(type: OrderEvent['type'], sizeMatched: string, id = O1): OrderEvent {
  return {
    event_type: 'order',
    id,
    market: M,
    asset_id: YES,
    side: 'SELL',
    price: '.57',
    type,
    outcome: 'YES',
    owner: ME,
    order_owner: ME,
    original_size: '10',
    size_matched: sizeMatched,
    timestamp: '1672290687',
  } as OrderEvent
}

function trade(id: string, status: string, extra: Partial<TradeEvent> = {}): TradeEvent {
  return {
    event_type: 'trade',
    type: 'TRADE',
    id,
    taker_order_id: `0x${'cc'.repeat(32)}`,
    market: M,
    asset_id: YES,
    side: 'BUY',
    size: '3.3',
    price: '0.57',
    status,
    match_time: '1672290701',
    last_update: '1672290701',
    timestamp: '1672290701',
    outcome: 'YES',
    owner: 'other',
    trade_owner: 'other',
    maker_orders: [
      { order_id: O1, owner: ME, matched_amount: '3.3', price: '0.57', asset_id: YES, outcome: 'YES' },
      {
        order_id: O2,
        owner: 'someone-else',
        matched_amount: '1',
        price: '0.57',
        asset_id: YES,
        outcome: 'YES',
      },
    ],
    ...extra,
  } as TradeEvent
}

describe('trackOrders (pure)', () => {
  it('follows an order PLACEMENT → UPDATE → filled, and never revives a finished one', () => {
    const t = trackOrders({ apiKey: ME, clock: manualClock() })
    t.apply(order('PLACEMENT', '0'))
    expect(t.openOrders().map((o) => o.id)).toEqual([O1])
    t.apply(order('UPDATE', '4'))
    expect(t.order(O1)).toMatchObject({ status: 'live', sizeMatched: '4', price: '0.57' })
    t.apply(order('UPDATE', '2')) // an older update arriving late never shrinks the match
    expect(t.order(O1)?.sizeMatched).toBe('4')
    t.apply(order('UPDATE', '10'))
    expect(t.order(O1)?.status).toBe('filled')
    t.apply(order('PLACEMENT', '0'))
    expect(t.order(O1)?.status).toBe('filled')
    t.apply(order('CANCELLATION', '0', O2))
    expect(t.order(O2)?.status).toBe('canceled')
    expect(t.openOrders()).toEqual([])
  })

  it('counts each trade once, keeps its status history, never regresses, and nets positions exactly', () => {
    const t = trackOrders({ apiKey: ME, clock: manualClock() })
    t.apply(trade('t1', 'MATCHED'))
    t.apply(trade('t1', 'MATCHED'))
    t.apply(trade('t1', 'mined'))
    t.apply(trade('t1', 'MATCHED'))
    t.apply(trade('t1', 'TRADE_STATUS_CONFIRMED'))
    t.apply(trade('t1', 'FAILED')) // CONFIRMED is final
    expect(t.fills()).toHaveLength(1)
    expect(t.fill('t1')).toMatchObject({
      role: 'MAKER',
      status: 'CONFIRMED',
      history: ['MATCHED', 'MINED', 'CONFIRMED'],
    })
    // only our own maker leg counts: we sold 3.3 YES
    expect(t.fill('t1')?.legs).toEqual([
      { orderId: O1, tokenId: YES, side: 'SELL', size: '3.3', price: '0.57' },
    ])
    t.apply(trade('t2', 'MATCHED', { trader_side: 'TAKER', size: '0.1', side: 'BUY', asset_id: NO }))
    t.apply(trade('t3', 'MATCHED', { trader_side: 'TAKER', size: '0.2', side: 'BUY', asset_id: NO }))
    expect(t.position(NO)).toBe('0.3') // exact: 0.1 + 0.2
    t.apply(trade('t3', 'RETRYING', { trader_side: 'TAKER' }))
    t.apply(trade('t3', 'FAILED', { trader_side: 'TAKER' }))
    expect(t.fill('t3')?.history).toEqual(['MATCHED', 'RETRYING', 'FAILED'])
    expect(t.positions()).toEqual({ [YES]: '-3.3', [NO]: '0.1' })
  })

  it('settles an unknown-outcome order from the stream as soon as it shows up', async () => {
    const t = trackOrders({ apiKey: ME, clock: manualClock() })
    const settled = t.settle({ orderHashes: [O1] })
    expect(t.pending()).toEqual([O1])
    t.apply(trade('t9', 'MATCHED'))
    expect(await settled).toEqual([{ orderHash: O1, outcome: 'matched', source: 'stream' }])
    expect(t.pending()).toEqual([])
    expect(() => t.settle(['0x12'])).toThrow(expect.objectContaining({ code: 'INVALID_ORDER_HASH' }))
    expect(inspect(t)).not.toContain('secret')
  })
})
