import { describe, expect, it } from 'vitest'
import { parseMarketFrame, parseUserFrame } from '../src/index.js'

const M = '0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af'
const A = '65818619657568813474341868652308942079804919287380422192892211131408793125422'
const B = '52114319501245915516055106046884209969926127482827954674443846427813813222426'

describe('parseMarketFrame', () => {
  it('parses one event and arrays of mixed events (PROTOCOL-WS.md §3.1, §3.2 examples)', () => {
    const book = {
      event_type: 'book',
      asset_id: A,
      market: M,
      bids: [{ price: '0.48', size: '30' }],
      asks: [{ price: '0.52', size: '25' }],
      timestamp: '123456789000',
      hash: '0x0....',
    }
    const change = {
      event_type: 'price_change',
      market: M,
      timestamp: '1757908892351',
      price_changes: [
        {
          asset_id: A,
          price: '0.5',
          size: '200',
          side: 'BUY',
          hash: '56621a121a47ed9333273e21c83b660cff37ae50',
          best_bid: '0.5',
          best_ask: '1',
        },
      ],
    }
    const [one] = parseMarketFrame(JSON.stringify(book))
    expect(one).toMatchObject({ type: 'book', data: { asset_id: A }, unknownFields: [] })
    const mixed = parseMarketFrame(JSON.stringify([book, change]))
    expect(mixed.map((e) => e.type)).toEqual(['book', 'price_change'])
  })

  it('surfaces unknown fields and unknown event types instead of dropping them', () => {
    const [ev] = parseMarketFrame(
      JSON.stringify({
        event_type: 'last_trade_price',
        asset_id: A,
        market: M,
        price: '0.456',
        side: 'BUY',
        size: '219.217767',
        fee_rate_bps: '0',
        timestamp: '1750428146322',
        brand_new: 1,
      }),
    )
    expect(ev).toMatchObject({ type: 'last_trade_price', unknownFields: ['brand_new'] })
    const [u] = parseMarketFrame('{"event_type":"funding_rate","x":1}')
    expect(u).toEqual({
      type: 'unknown',
      eventType: 'funding_rate',
      data: { event_type: 'funding_rate', x: 1 },
    })
  })

  it('normalizes the legacy price_change (changes[], one asset) to the current shape', () => {
    const [ev] = parseMarketFrame(
      JSON.stringify({
        event_type: 'price_change',
        asset_id: B,
        market: M,
        timestamp: '1729084877448',
        hash: '3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd',
        changes: [{ price: '0.4', side: 'SELL', size: '3300' }],
      }),
    )
    expect(ev).toMatchObject({
      type: 'price_change',
      data: {
        price_changes: [
          {
            asset_id: B,
            price: '0.4',
            side: 'SELL',
            size: '3300',
            hash: '3cd4d61e042c81560c9037ece0c61f3b1a8fbbdd',
          },
        ],
      },
    })
  })

  it('turns garbage into malformed events with the raw text, never a throw', () => {
    for (const text of [
      '',
      'not json',
      '42',
      'null',
      '[1,2]',
      '{"no":"type"}',
      '{"event_type":"book"}',
      '\u0000',
      '{"event_type":"book","asset_id":"x"}',
    ]) {
      const events = parseMarketFrame(text)
      expect(events.length).toBeGreaterThan(0)
      for (const e of events) {
        expect(e.type).toBe('malformed')
        if (e.type === 'malformed') expect(e.raw).toBe(text)
      }
    }
    const [bad] = parseMarketFrame('{"event_type":"book","asset_id":"x"}')
    expect(bad).toMatchObject({ type: 'malformed', eventType: 'book' })
    expect((bad as { reason: string }).reason).toMatch(/asset_id|market|field/)
  })
})

describe('parseUserFrame', () => {
  it('knows order and trade; anything else is unknown', () => {
    expect(parseUserFrame('{"event_type":"book"}')[0]?.type).toBe('unknown')
    expect(parseUserFrame('{"event_type":"order"}')[0]?.type).toBe('malformed')
  })
})
