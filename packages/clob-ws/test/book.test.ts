import { bookHash } from '@clobkit/clob-types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createBook, normalizeDecimal } from '../src/index.js'

const T = '71321045679252212594626385532706912750332728571942532289631379312455583992563'

describe('createBook', () => {
  it('keys levels by normalized price and removes a level on size "0"', () => {
    const book = createBook(T)
    expect(book.ready).toBe(false)
    expect(book.stale).toBe(true)
    book.replace({
      bids: [
        { price: '.48', size: '30' },
        { price: '.49', size: '20' },
        { price: '.50', size: '15' },
      ],
      asks: [
        { price: '.52', size: '25' },
        { price: '.53', size: '60' },
      ],
      timestamp: '123456789000',
    })
    expect(book.ready && !book.stale).toBe(true)
    expect(book.timestamp).toBe(123456789000)
    expect(book.bestBid()).toEqual({ price: '0.5', size: '15' })
    expect(book.bestAsk()).toEqual({ price: '0.52', size: '25' })
    expect(book.spread()).toBe('0.02')
    expect(book.mid()).toBe('0.51')
    book.set('BUY', '0.5', '0')
    expect(book.bestBid()).toEqual({ price: '0.49', size: '20' })
    book.set('BUY', '0.490', '21.50')
    expect(book.sizeAt('BUY', '.49')).toBe('21.5')
    expect(book.sizeAt('SELL', '0.49')).toBe('0')
    expect(book.mid()).toBe('0.505')
    expect(book.depth(1)).toEqual({
      bids: [{ price: '0.49', size: '21.5' }],
      asks: [{ price: '0.52', size: '25' }],
    })
    expect(book.levels()).toEqual({
      bids: [
        { price: '0.48', size: '30' },
        { price: '0.49', size: '21.5' },
      ],
      asks: [
        { price: '0.53', size: '60' },
        { price: '0.52', size: '25' },
      ],
    })
  })

  it('keeps sizes exact (no float accumulation) and refuses negative sizes', () => {
    const book = createBook(T)
    book.replace({ bids: [], asks: [] })
    book.set('SELL', '0.3', '0.1')
    book.set('SELL', '0.3', '0.30000000000000004')
    expect(book.sizeAt('SELL', '0.3')).toBe('0.30000000000000004')
    expect(book.set('SELL', '0.3', '-1')).toBe(false)
    expect(book.sizeAt('SELL', '0.3')).toBe('0.30000000000000004')
    expect(book.spread()).toBeUndefined()
    expect(book.mid()).toBeUndefined()
  })

  it('says when it is crossed and carries the stale flag to readers', () => {
    const book = createBook(T)
    book.replace({ bids: [{ price: '0.5', size: '1' }], asks: [{ price: '0.6', size: '1' }] })
    expect(book.crossed()).toBe(false)
    book.set('BUY', '0.6', '2')
    expect(book.crossed()).toBe(true)
    book.markStale('crossed')
    expect([book.stale, book.staleReason]).toEqual([true, 'crossed'])
    book.markFresh()
    expect(book.stale).toBe(false)
  })

  it('serializes in the server order so the §C hash vector reproduces', async () => {
    const book = createBook('100')
    book.replace({
      market: '0xaabbcc',
      timestamp: '123456789',
      bids: [
        { price: '0.3', size: '100' },
        { price: '0.4', size: '100' },
      ],
      asks: [
        { price: '0.7', size: '100' },
        { price: '0.6', size: '100' },
      ],
      min_order_size: '100',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '0.5',
    })
    // §C py2 vector lists asks ascending; our summary follows GET /book (asks descending)
    const summary = book.toSummary()
    expect((summary.asks as { price: string }[]).map((l) => l.price)).toEqual(['0.7', '0.6'])
    const asVector = { ...summary, asks: [...(summary.asks as object[])].reverse() }
    expect(await bookHash(asVector, { order: 'server' })).toBe('0458ea5755c9f73d64a14636fa5c36ed460ec394')
  })

  it('refuses a bad token id and bad prices with typed errors', () => {
    expect(() => createBook('0xabc')).toThrow(
      expect.objectContaining({ code: 'INVALID_TOKEN_ID', param: 'tokenId' }),
    )
    const book = createBook(T)
    expect(() => book.set('BUY', 'abc', '1')).toThrow(
      expect.objectContaining({ code: 'INVALID_PRICE', param: 'price' }),
    )
  })

  it('matches a reference model level for level under random updates', () => {
    const price = fc
      .integer({ min: 1, max: 99 })
      .map((n) =>
        n % 3 === 0
          ? `.${String(n).padStart(2, '0')}`
          : `0.${String(n).padStart(2, '0')}0`.replace(/0$/, n % 2 ? '0' : ''),
      )
    const size = fc.oneof(
      fc.constant('0'),
      fc.constant('0.00'),
      fc.integer({ min: 1, max: 10_000 }).map((n) => `${n / 100}`),
    )
    const op = fc.record({ side: fc.constantFrom('BUY' as const, 'SELL' as const), price, size })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const book = createBook(T)
        book.replace({ bids: [], asks: [] })
        const model = { BUY: new Map<string, string>(), SELL: new Map<string, string>() }
        for (const o of ops) {
          book.set(o.side, o.price, o.size)
          const key = normalizeDecimal(o.price.startsWith('.') ? `0${o.price}` : o.price, 'price')
          if (/^0(\.0+)?$/.test(o.size)) model[o.side].delete(key)
          else model[o.side].set(key, normalizeDecimal(o.size, 'size'))
        }
        const sorted = (m: Map<string, string>) =>
          [...m].map(([p, s]) => ({ price: p, size: s })).sort((a, b) => Number(a.price) - Number(b.price))
        const { bids, asks } = book.levels()
        expect(bids).toEqual(sorted(model.BUY))
        expect(asks).toEqual(sorted(model.SELL).reverse())
        expect(book.bestBid()).toEqual(sorted(model.BUY).at(-1))
        expect(book.bestAsk()).toEqual(sorted(model.SELL)[0])
      }),
      { numRuns: 200 },
    )
  })
})
