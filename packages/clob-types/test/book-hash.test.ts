import { bookHash, ClobTypesError, OrderBookSummarySchema, parse } from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import * as book from './fixtures/book.js'

// vectors/ANCHORS.md §C: exact serialized JSON and expected SHA-1.
const anchors = [
  {
    source: 'py2 fixed key order',
    json: '{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","hash":"","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[{"price":"0.6","size":"100"},{"price":"0.7","size":"100"}],"min_order_size":"100","tick_size":"0.01","neg_risk":false,"last_trade_price":"0.5"}',
    hash: '0458ea5755c9f73d64a14636fa5c36ed460ec394',
  },
  {
    source: 'v1 #1',
    json: '{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[{"price":"0.6","size":"100"},{"price":"0.7","size":"100"}],"min_order_size":"15","tick_size":"0.001","neg_risk":false,"hash":""}',
    hash: '36f56998e26d9a7c553446f35b240481efb271a3',
  },
  {
    source: 'v1 #2',
    json: '{"market":"0xaabbcc","asset_id":"100","timestamp":"123456789","bids":[{"price":"0.3","size":"100"},{"price":"0.4","size":"100"}],"asks":[{"price":"0.6","size":"100"},{"price":"0.7","size":"100"}],"hash":""}',
    hash: '5489da29343426f88622d61044975dc5fd828a27',
  },
  {
    source: 'v1 #3',
    json: '{"market":"0xaabbcc","asset_id":"100","timestamp":"","bids":[],"asks":[],"min_order_size":"15","tick_size":"0.001","neg_risk":false,"last_trade_price":"0","hash":""}',
    hash: '671cb98e93a82db4c16d49daaf72ef5b3286b50a',
  },
]

describe('bookHash', () => {
  it.each(anchors)('reproduces ANCHORS §C ($source) in received order', async ({ json, hash }) => {
    expect(await bookHash(JSON.parse(json))).toBe(hash)
  })

  it('blanks an existing hash in place (v1 #2 input had the previous hash)', async () => {
    const input = JSON.parse(anchors[2]?.json ?? '')
    input.hash = '36f56998e26d9a7c553446f35b240481efb271a3'
    expect(await bookHash(input)).toBe('5489da29343426f88622d61044975dc5fd828a27')
    expect(input.hash).toBe('36f56998e26d9a7c553446f35b240481efb271a3')
  })

  it('appends hash when absent (v1 #1 without a hash key)', async () => {
    const input = JSON.parse(anchors[1]?.json ?? '')
    delete input.hash
    expect(await bookHash(input)).toBe('36f56998e26d9a7c553446f35b240481efb271a3')
  })

  it("order 'server' rebuilds the py2 fixed order from any key order and drops other keys", async () => {
    const book = {
      last_trade_price: '0.5',
      neg_risk: false,
      tick_size: '0.01',
      min_order_size: '100',
      asks: [
        { size: '100', price: '0.6' },
        { size: '100', price: '0.7' },
      ],
      bids: [
        { size: '100', price: '0.3' },
        { size: '100', price: '0.4' },
      ],
      hash: 'stale',
      timestamp: '123456789',
      asset_id: '100',
      market: '0xaabbcc',
      extra_server_field: 1,
    }
    expect(await bookHash(book, { order: 'server' })).toBe('0458ea5755c9f73d64a14636fa5c36ed460ec394')
    expect(await bookHash(book)).not.toBe('0458ea5755c9f73d64a14636fa5c36ed460ec394')
  })

  it('changes when any level changes', async () => {
    const a = await bookHash(structuredClone(book.orderBook))
    const changed = structuredClone(book.orderBook)
    changed.bids[1] = { price: '0.31', size: '148.57' }
    expect(await bookHash(changed)).not.toBe(a)
    expect(a).toMatch(/^[0-9a-f]{40}$/)
  })

  it('depends on key order, so hash the raw JSON rather than the parsed value', async () => {
    const raw = JSON.parse(JSON.stringify(book.orderBook))
    const parsed = parse(OrderBookSummarySchema, raw, 'GET /book')
    expect(Object.keys(parsed)).not.toEqual(Object.keys(raw))
    expect(await bookHash(parsed)).not.toBe(await bookHash(raw))
    expect(await bookHash(parsed, { order: 'server' })).toBe(await bookHash(raw, { order: 'server' }))
  })

  it('rejects non-objects and bad options with typed errors', async () => {
    for (const bad of [null, 'book', 42, [1, 2]]) {
      await expect(bookHash(bad as unknown as Record<string, unknown>)).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        param: 'book',
      })
    }
    await expect(bookHash({}, { order: 'sorted' as unknown as 'server' })).rejects.toMatchObject({
      code: 'INVALID_PARAMETER',
      param: 'options.order',
    })
    await expect(bookHash({ big: 1n })).rejects.toBeInstanceOf(ClobTypesError)
  })
})
