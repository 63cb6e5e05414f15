/**
 * Frames the sim never sends (garbage, binary, unknown types): a bare `ws` server on
 * loopback stands in for a misbehaving exchange. The connection must survive all of them.
 */
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { bookHash } from '@clobkit/clob-types'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocketServer } from 'ws'
import { connectMarket, type MarketStreamEvent } from '../src/index.js'
import { until } from './support/sim.js'

const A = '65818619657568813474341868652308942079804919287380422192892211131408793125422'
const M = '0xbd31dc8a20211944f6b70f31557f1001557b59905b7738480ca09bd4532f84af'
const servers: WebSocketServer[] = []
afterEach(() => {
  for (const s of servers.splice(0)) s.close()
})

async function server(frames: (string | Buffer)[]): Promise<string> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  servers.push(wss)
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      const text = data.toString()
      if (text === 'PING') ws.send('PONG')
      else for (const f of frames) ws.send(f)
    })
  })
  await once(wss, 'listening')
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`
}

describe('bad frames', () => {
  it('never crash the socket handler: malformed and unknown events carry the raw text, the book still works', async () => {
    const book = JSON.stringify({
      event_type: 'book',
      asset_id: A,
      market: M,
      bids: [{ price: '.48', size: '30' }],
      asks: [{ price: '.52', size: '25' }],
      timestamp: '1',
    })
    const bad = [
      'not json',
      '{"event_type":',
      'null',
      '[]',
      '[1, "x", null]',
      '{"event_type":"book","asset_id":"nope"}',
      '{"event_type":"price_change","market":"0x","price_changes":"x"}',
      '{"event_type":"price_change","market":"' +
        M +
        '","timestamp":"2","price_changes":[{"asset_id":"' +
        A +
        '","price":"abc","size":"1","side":"BUY"}]}',
      '{"event_type":"mystery","x":1}',
      '{"no_type":true}',
      `{"event_type":"book","asset_id":"${A}","market":"${M}","bids":[{"price":"0.1e5","size":"1"}],"asks":[],"timestamp":"1"}`,
      '\u0000\uffff',
      '['.repeat(5000),
    ]
    const url = await server([...bad, Buffer.from([1, 2, 3]), book])
    const events: MarketStreamEvent[] = []
    const market = connectMarket({ url, assets: [A] })
    market.on('*', (e) => events.push(e))
    await until(
      () => market.book(A)?.ready === true && market.book(A)?.bestBid()?.price === '0.48',
      'book after garbage',
    )
    expect(market.state).toBe('open')
    const malformed = events.filter((e) => e.type === 'malformed')
    expect(malformed.length).toBeGreaterThanOrEqual(bad.length - 3)
    for (const e of malformed) if (e.type === 'malformed') expect(bad).toContain(e.raw)
    expect(events.some((e) => e.type === 'unknown' && e.eventType === 'mystery')).toBe(true)
    expect(market.book(A)?.bestAsk()).toEqual({ price: '0.52', size: '25' })
    await market.close()
    expect(market.state).toBe('closed')
  })
})

describe('hashes that never match ours (the exchange, PROTOCOL-WS.md §4.2)', () => {
  it('turn delta checking off without a single resync, while a verified snapshot stays trusted', async () => {
    const snapshot: Record<string, unknown> = {
      event_type: 'book',
      market: M,
      asset_id: A,
      timestamp: '100',
      hash: '',
      bids: [{ price: '0.48', size: '30' }],
      asks: [{ price: '0.52', size: '25' }],
      min_order_size: '5',
      tick_size: '0.01',
      neg_risk: false,
      last_trade_price: '0.5',
    }
    const { event_type: _e, ...hashed } = snapshot
    snapshot.hash = await bookHash(hashed, { order: 'server' })
    const deltas = Array.from({ length: 6 }, (_, i) =>
      JSON.stringify({
        event_type: 'price_change',
        market: M,
        timestamp: String(101 + i),
        price_changes: [
          {
            asset_id: A,
            price: '0.4',
            size: String(i + 1),
            side: 'BUY',
            hash: `${i}`.repeat(40).slice(0, 40),
          },
        ],
      }),
    )
    const url = await server([JSON.stringify(snapshot), ...deltas])
    const events: MarketStreamEvent[] = []
    const market = connectMarket({ url, assets: [A] })
    market.on('*', (e) => events.push(e))
    await until(() => events.some((e) => e.type === 'hash_uncheckable'), 'delta hashes distrusted')
    await until(() => market.book(A)?.sizeAt('BUY', '0.4') === '6', 'all deltas applied')
    expect(events.filter((e) => e.type === 'hash_uncheckable')).toEqual([
      { type: 'hash_uncheckable', tokenId: A, kind: 'delta' },
    ])
    expect(events.filter((e) => e.type === 'book_stale')).toEqual([])
    expect(market.book(A)?.stale).toBe(false)
    await market.close()
  })
})
