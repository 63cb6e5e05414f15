/**
 * The market stream against clob-sim over real loopback WebSockets.
 */
import type { SimHandle } from '@clobkit/clob-sim'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  connectMarket,
  type MarketConnection,
  type MarketStreamEvent,
  type SnapshotEvent,
} from '../src/index.js'
import { manualClock } from './support/clock.js'
import {
  admin,
  BTC,
  BTC_YES,
  ELECTION_YES,
  mirrorsRest,
  RAIN,
  RAIN_NO,
  RAIN_YES,
  start,
  type Trader,
  trader,
  until,
} from './support/sim.js'

let sim: SimHandle
let alice: Trader
const open: MarketConnection[] = []

beforeAll(async () => {
  sim = await start()
  alice = await trader(sim, [RAIN_YES, RAIN_NO, BTC_YES])
})
afterAll(() => sim.stop())
afterEach(async () => {
  for (const c of open.splice(0)) await c.close()
  await admin(sim, 'ws/faults', undefined, 'DELETE')
  await alice.client.cancels.all()
})

function connect(options: Partial<Parameters<typeof connectMarket>[0]> = {}) {
  const events: MarketStreamEvent[] = []
  const market = connectMarket({ url: sim.url, assets: [RAIN_YES, RAIN_NO], rest: alice.client, ...options })
  open.push(market)
  market.on('*', (e) => events.push(e))
  return { market, events }
}

const matchesRest = (market: MarketConnection, tokenId: string) => mirrorsRest(alice.client, market, tokenId)

describe('connectMarket', () => {
  it('mirrors both outcome books from the initial dump and follows order placement', async () => {
    const { market, events } = connect()
    await until(() => market.state === 'open', 'open')
    await until(() => market.book(RAIN_YES)?.ready === true && market.book(RAIN_NO)?.ready === true, 'books')
    expect(await matchesRest(market, RAIN_YES)).toBe(true)
    expect(await matchesRest(market, RAIN_NO)).toBe(true)
    const before = market.book(RAIN_YES)?.bestBid()
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.49', size: '10' })
    await until(() => events.some((e) => e.type === 'price_change'), 'price_change')
    expect(market.book(RAIN_YES)?.bestBid()?.price).toBe('0.49')
    expect(before?.price).not.toBe('0.49')
    await until(() => matchesRest(market, RAIN_YES), 'book = GET /book')
    expect(events.filter((e) => e.type === 'malformed')).toEqual([])
    expect(events.filter((e) => e.type === 'book_stale' || e.type === 'hash_uncheckable')).toEqual([])
  })
})

describe('connectMarket events', () => {
  it('parses every market event type the sim sends (custom features on)', async () => {
    const { market, events } = connect({ assets: [RAIN_YES, RAIN_NO, BTC_YES], customFeatures: true })
    await until(() => market.book(BTC_YES)?.ready === true && market.book(RAIN_YES)?.ready === true, 'books')
    await alice.client.orders
      .createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.495', size: '10' })
      .catch(() => {})
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.49', size: '10' })
    await alice.client.orders.createAndPostMarket({ tokenId: RAIN_YES, side: 'BUY', amount: '5' })
    await admin(sim, 'tick-size', { token_id: RAIN_YES, tick_size: '0.001' })
    await admin(sim, 'ws/new-market', { condition_id: RAIN })
    await admin(sim, 'resolve', { condition_id: BTC, winning_asset_id: BTC_YES })
    const want = [
      'book',
      'price_change',
      'last_trade_price',
      'tick_size_change',
      'best_bid_ask',
      'new_market',
      'market_resolved',
    ]
    await until(() => want.every((t) => events.some((e) => e.type === t)), `events ${want.join(', ')}`)
    expect(events.filter((e) => e.type === 'malformed' || e.type === 'unknown')).toEqual([])
    // the sim sends no field the schemas do not know
    expect(
      events.flatMap((e) => ('unknownFields' in e ? e.unknownFields.map((f) => `${e.type}.${f}`) : [])),
    ).toEqual([])
    expect(market.book(RAIN_YES)?.tickSize).toBe('0.001')
    expect(market.book(RAIN_YES)?.lastTradePrice).toBeDefined()
    await until(() => matchesRest(market, RAIN_YES), 'book = GET /book')
    await admin(sim, 'tick-size', { token_id: RAIN_YES, tick_size: '0.01' })
  })
})

describe('connectMarket liveness', () => {
  it('reconnects after a dropped connection and restores every subscription and flag', async () => {
    const clock = manualClock()
    const { market, events } = connect({ clock, random: () => 0.5, customFeatures: true })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    await admin(sim, 'ws/faults', { kind: 'drop', channel: 'market' })
    await until(() => market.state === 'reconnecting', 'reconnecting')
    expect(market.book(RAIN_YES)?.stale).toBe(false) // nothing doubted yet: a drop alone is not a change
    clock.advance(1000) // the first backoff step (1 s, random 0.5 = no jitter)
    await until(() => market.state === 'open', 'reopened')
    await until(
      () => market.book(RAIN_YES)?.stale === false && market.book(RAIN_NO)?.stale === false,
      'resynced',
    )
    const reasons = events.filter((e) => e.type === 'book_stale').map((e) => (e as { reason: string }).reason)
    expect(reasons).toContain('reconnect')
    expect(events.some((e) => e.type === 'book_resynced' && e.source === 'stream')).toBe(true)
    // still subscribed, with custom features: a new best bid produces price_change and best_bid_ask
    const n = events.length
    await alice.client.orders.createAndPost({ tokenId: RAIN_NO, side: 'BUY', price: '0.49', size: '10' })
    await until(() => events.slice(n).some((e) => e.type === 'best_bid_ask'), 'best_bid_ask after reconnect')
    await until(() => matchesRest(market, RAIN_NO), 'book = GET /book')
  })

  it('declares a half-open connection stale after the PONG window and reopens it', async () => {
    const clock = manualClock()
    const { market, events } = connect({ clock, random: () => 0.5, silentAssetMs: 0 })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    await admin(sim, 'ws/faults', { kind: 'half-open', channel: 'market' })
    clock.advance(10_000)
    expect(market.state).toBe('open')
    clock.advance(10_000)
    expect(market.state).toBe('open')
    clock.advance(9_000)
    expect(market.state).toBe('open')
    clock.advance(1_001) // 30 s since the last PONG
    expect(events.some((e) => e.type === 'state' && e.state === 'stale' && e.reason === 'pong_timeout')).toBe(
      true,
    )
    expect(market.state).toBe('reconnecting')
    clock.advance(1000)
    await until(() => market.state === 'open', 'reopened')
    await until(() => market.book(RAIN_YES)?.stale === false, 'resynced')
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'SELL', price: '0.9', size: '10' })
    await until(() => matchesRest(market, RAIN_YES), 'book = GET /book')
  })

  it('notices a dropped price_change by the hash and resyncs from GET /book', async () => {
    const { market, events } = connect({ crossCheckMs: 0 })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    await admin(sim, 'ws/faults', {
      kind: 'drop-message',
      channel: 'market',
      eventType: 'price_change',
      count: 1,
    })
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.3', size: '10' })
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.31', size: '10' })
    await until(() => events.some((e) => e.type === 'book_resynced' && e.source === 'rest'), 'rest resync')
    const stale = events.find((e) => e.type === 'book_stale' && e.reason !== 'initial')
    expect(stale).toMatchObject({ tokenId: RAIN_YES, reason: 'hash_mismatch' })
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.3')).toBe('10')
    await until(() => matchesRest(market, RAIN_YES), 'book = GET /book')
  })

  it('notices a dropped message by the REST cross-check when hashes are off', async () => {
    const clock = manualClock()
    const { market, events } = connect({ clock, verifyHash: false, crossCheckMs: 1000, assets: [RAIN_YES] })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    await admin(sim, 'ws/faults', {
      kind: 'drop-message',
      channel: 'market',
      eventType: 'price_change',
      count: 1,
    })
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.32', size: '10' })
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.32')).toBe('0')
    clock.advance(1000)
    await until(() => events.some((e) => e.type === 'book_resynced' && e.source === 'rest'), 'rest resync')
    expect(events.find((e) => e.type === 'book_stale' && e.reason !== 'initial')).toMatchObject({
      reason: 'cross_check',
    })
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.32')).toBe('10')
  })

  it('detects a connection that answers PONG but delivers no data, and reopens it', async () => {
    const clock = manualClock()
    const { market, events } = connect({ clock, random: () => 0.5, silentAssetMs: 20_000, crossCheckMs: 0 })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    await admin(sim, 'ws/faults', { kind: 'pong-only', channel: 'market' })
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.33', size: '10' })
    for (let i = 0; i < 3; i++) {
      clock.advance(7500)
      await until(() => events.filter((e) => e.type === 'state').length > 0, 'tick') // let PONGs arrive
      await new Promise((r) => setTimeout(r, 20))
    }
    await until(() => events.some((e) => e.type === 'state' && e.state === 'stale'), 'stale')
    expect(events.find((e) => e.type === 'state' && e.state === 'stale')).toMatchObject({
      reason: 'silent_asset',
    })
    expect(events.some((e) => e.type === 'state' && e.reason === 'pong_timeout')).toBe(false)
    clock.advance(1000)
    await until(() => market.state === 'open' && market.book(RAIN_YES)?.stale === false, 'reopened')
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.33')).toBe('10')
  })
})

describe('connectMarket subscriptions and backpressure', () => {
  it('subscribes and unsubscribes on a live connection', async () => {
    const { market, events } = connect({ assets: [RAIN_YES] })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    market.subscribe(ELECTION_YES)
    await until(() => market.book(ELECTION_YES)?.ready === true, 'new book')
    expect(market.assets).toEqual([RAIN_YES, ELECTION_YES])
    market.unsubscribe(RAIN_YES)
    expect(market.book(RAIN_YES)).toBeUndefined()
    await new Promise((r) => setTimeout(r, 30))
    const n = events.length
    await alice.client.orders.createAndPost({ tokenId: RAIN_YES, side: 'BUY', price: '0.34', size: '10' })
    await alice.client.orders.createAndPost({ tokenId: ELECTION_YES, side: 'BUY', price: '0.2', size: '10' })
    await until(() => events.slice(n).some((e) => e.type === 'price_change'), 'BTC price_change')
    const changes = events.slice(n).flatMap((e) => (e.type === 'price_change' ? e.data.price_changes : []))
    expect(changes.every((c) => c.asset_id === ELECTION_YES)).toBe(true)
    expect(() => market.subscribe(['0x12'])).toThrow(
      expect.objectContaining({ code: 'INVALID_ASSETS', param: 'assets' }),
    )
  })

  it('a slow iterator gets a gap and fresh snapshots instead of unbounded memory', async () => {
    const { market } = connect({ assets: [RAIN_YES], queueCapacity: 4 })
    const it = market.events()
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    for (let i = 0; i < 6; i++) {
      await alice.client.orders.createAndPost({
        tokenId: RAIN_YES,
        side: 'BUY',
        price: `0.${20 + i}`,
        size: '10',
      })
    }
    await until(
      () => market.book(RAIN_YES)?.sizeAt('BUY', '0.25') === '10',
      'all changes applied to the book',
    )
    await market.close()
    const got: MarketStreamEvent[] = []
    for await (const e of it) got.push(e)
    expect(got.find((e) => e.type === 'gap')).toMatchObject({ reason: 'overflow' })
    // the consumer's view restarts at the last snapshot; what follows it completes the book
    const at = got.map((e) => e.type).lastIndexOf('snapshot')
    const snap = got[at] as SnapshotEvent
    expect(snap.tokenId).toBe(RAIN_YES)
    const later = got.slice(at + 1).flatMap((e) => (e.type === 'price_change' ? e.data.price_changes : []))
    const has =
      snap.bids.some((l) => l.price === '0.25') || later.some((c) => c.price === '0.25' && c.size === '10')
    expect(has).toBe(true)
    expect(got.length).toBeLessThan(20)
  })

  it('uses the global WebSocket when the runtime has one', async () => {
    const { WebSocket: Ws } = await import('ws')
    let made = 0
    class Counting extends Ws {
      constructor(url: string) {
        super(url)
        made++
      }
    }
    const saved = (globalThis as { WebSocket?: unknown }).WebSocket
    ;(globalThis as { WebSocket?: unknown }).WebSocket = Counting
    try {
      const { market } = connect({ assets: [RAIN_YES] })
      await until(() => market.book(RAIN_YES)?.ready === true, 'book over the global WebSocket')
      expect(made).toBe(1)
    } finally {
      ;(globalThis as { WebSocket?: unknown }).WebSocket = saved
    }
  })
})

describe('connectMarket resync', () => {
  it('keeps the deltas that arrive while GET /book is in flight', async () => {
    // the REST snapshot is taken, then more orders land (their deltas arrive on the stream),
    // and only then does the (older) snapshot reach the book
    let hold = false
    const rest = {
      books: {
        async book(tokenId: string) {
          const summary = await alice.client.books.book(tokenId)
          if (hold) {
            hold = false
            await alice.client.orders.createAndPost({ tokenId, side: 'BUY', price: '0.36', size: '10' })
            await alice.client.orders.createAndPost({ tokenId, side: 'BUY', price: '0.37', size: '10' })
            await until(
              () => market.book(tokenId)?.sizeAt('BUY', '0.37') === '10',
              'deltas on the stale book',
            )
          }
          return summary
        },
      },
    }
    const { market, events } = connect({ assets: [RAIN_YES], rest, crossCheckMs: 0 })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    hold = true
    market.resync(RAIN_YES)
    expect(market.book(RAIN_YES)?.stale).toBe(true)
    await until(() => events.some((e) => e.type === 'book_resynced' && e.source === 'rest'), 'resynced')
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.36')).toBe('10')
    expect(market.book(RAIN_YES)?.sizeAt('BUY', '0.37')).toBe('10')
    expect(market.book(RAIN_YES)?.stale).toBe(false)
    await until(() => matchesRest(market, RAIN_YES), 'book = GET /book')
  })

  it('resyncs by resubscribing when there is no REST client', async () => {
    const { market, events } = connect({ assets: [RAIN_YES], rest: undefined })
    await until(() => market.book(RAIN_YES)?.ready === true, 'book')
    market.resync(RAIN_YES)
    await until(
      () => events.some((e) => e.type === 'book_resynced' && e.source === 'stream'),
      'resynced from the stream',
    )
    expect(
      events.filter((e) => e.type === 'book_stale').map((e) => (e as { reason: string }).reason),
    ).toEqual(['manual'])
  })
})

describe('connectMarket reconnect backoff', () => {
  it('backs off exponentially against a server that accepts and closes at once (no storm)', async () => {
    const strict = await start({ streams: { maxAssetsPerConnection: 1, overCap: 'close' } })
    try {
      const clock = manualClock()
      const states: string[] = []
      const market = connectMarket({ url: strict.url, assets: [RAIN_YES, RAIN_NO], clock, random: () => 0.5 })
      open.push(market)
      market.on('state', (e) => states.push(e.state))
      const connects = () => states.filter((s) => s === 'connecting').length
      await until(() => market.state === 'reconnecting', 'first close')
      for (const delay of [1000, 2000, 4000, 8000]) {
        const before = connects()
        clock.advance(delay - 1)
        expect(connects()).toBe(before)
        clock.advance(1)
        expect(connects()).toBe(before + 1)
        await until(() => market.state === 'reconnecting', 'closed again')
      }
    } finally {
      await strict.stop()
    }
  })
})
