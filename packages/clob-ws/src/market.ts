/**
 * `connectMarket`: the market channel (PROTOCOL-WS.md §1–§4) with one self-checking
 * {@link Book} per subscribed token.
 *
 * A book is never silently wrong. It is marked stale — every reader sees `stale` and a
 * `book_stale` event is emitted — and resynced on any doubt:
 * - a reconnect, or a subscribe (the stream's `book` dump replaces it; after
 *   `snapshotTimeoutMs` without one, `GET /book`);
 * - a hash that does not match where it can be checked (§4.2: the server's field set is
 *   known — market, timestamp, tick size, min order size, neg risk, last trade price — and
 *   a hash of ours has matched the server's for this token before);
 * - a `price_change` whose `best_bid`/`best_ask` disagree with the local top of book, or
 *   a negative size;
 * - a book crossed for more than `crossedTolerance` consecutive updates (§3.4: transient
 *   crossing happens);
 * - the periodic REST cross-check (`crossCheckMs`) finding different levels while the
 *   token was quiet during the request.
 * A resync from `GET /book` keeps applying and buffering the deltas that arrive while it
 * runs, then replays those the snapshot does not contain (after the delta whose hash is
 * the snapshot's hash, else those with a later timestamp), so none is lost. Without
 * `rest`, a resync unsubscribes and resubscribes the token to get a fresh `book`.
 *
 * A token that falls silent for `silentAssetMs` while `PONG`s still arrive (§2.3 #4) is
 * checked against `GET /book`; if the exchange moved on, the connection is stale and is
 * reopened. Without `rest`, silence alone reopens it.
 * @module
 */
import type { OrderBookSummary } from '@clobkit/clob-types/book'
import { bookHash } from '@clobkit/clob-types/book'
import type { BookEvent, PriceChangeEvent } from '@clobkit/clob-types/ws'
import { InvalidParameterError } from '@clobkit/eip712-order'
import { backoffDelay } from './backoff.js'
import {
  type Book,
  type BookView,
  createBook,
  type Level,
  normalizeDecimal,
  type StaleReason,
} from './book.js'
import { type ConnectionState, createCore, type StateReason, startUnlessAborted } from './connection.js'
import { WsError, WsErrorCode } from './errors.js'
import { type CommonOptions, common, ms, tokenIds } from './options.js'
import {
  type DataEvent,
  type MalformedEvent,
  type MarketEventMap,
  parseMarketFrame,
  type UnknownEvent,
} from './parse.js'
import { createHub, type IteratorOptions } from './queue.js'
import { channelUrl } from './transport.js'

/** What the market stream needs from REST: `GET /book` (a clob-rest `Client` fits). */
export interface MarketRest {
  readonly books: { book(tokenId: string): Promise<OrderBookSummary> }
}

export interface ConnectMarketOptions extends CommonOptions {
  /** Token ids to subscribe to at once. */
  readonly assets?: readonly string[] | undefined
  /** Ask for `best_bid_ask`, `new_market` and `market_resolved` (replayed on every resubscribe). */
  readonly customFeatures?: boolean | undefined
  /** REST for resyncs and cross-checks (a clob-rest client). Without it, resyncs resubscribe. */
  readonly rest?: MarketRest | undefined
  /** A subscribed token with no data for this long is checked (see module doc). 0 disables. Default 60 000 ms. */
  readonly silentAssetMs?: number | undefined
  /** Compare each book with `GET /book` this often. 0 disables. Default 60 000 ms with `rest`, else 0. */
  readonly crossCheckMs?: number | undefined
  /** Consecutive crossed updates tolerated before a resync (default 3). */
  readonly crossedTolerance?: number | undefined
  /** Wait this long for the stream's `book` after (re)subscribing before `GET /book` (default 5 000 ms). */
  readonly snapshotTimeoutMs?: number | undefined
  /** Verify server hashes where they can be checked (default true). */
  readonly verifyHash?: boolean | undefined
}

/** The connection's state changed. */
export interface StateEvent {
  readonly type: 'state'
  readonly state: ConnectionState
  readonly previous: ConnectionState
  readonly reason: StateReason | undefined
  /** Reconnect attempts since the last healthy socket. */
  readonly attempt: number
}
/** A book is marked stale; a resync is under way. */
export interface BookStaleEvent {
  readonly type: 'book_stale'
  readonly tokenId: string
  readonly reason: StaleReason
}
/** A book is trustworthy again. */
export interface BookResyncedEvent {
  readonly type: 'book_resynced'
  readonly tokenId: string
  readonly source: 'stream' | 'rest'
}
/** Hash checking was turned off for a token's snapshots or deltas: the server's hashes do not match ours (§4.2). */
export interface HashUncheckableEvent {
  readonly type: 'hash_uncheckable'
  readonly tokenId: string
  readonly kind: 'book' | 'delta'
}
/** This iterator fell behind; `dropped` market-data events were discarded and `snapshot`s follow. */
export interface GapEvent {
  readonly type: 'gap'
  readonly reason: 'overflow'
  readonly dropped: number
}
/** The full current book of a token (after a `gap`), best levels first. */
export interface SnapshotEvent {
  readonly type: 'snapshot'
  readonly tokenId: string
  readonly stale: boolean
  readonly bids: readonly Level[]
  readonly asks: readonly Level[]
  readonly tickSize: string | undefined
  readonly lastTradePrice: string | undefined
}
/** Something went wrong that the stream handles itself (a REST resync failed and is retried; a listener threw). */
export interface ErrorEvent {
  readonly type: 'error'
  readonly error: WsError
}

/** Everything the market stream emits. */
export type MarketStreamEvent =
  | DataEvent<MarketEventMap>
  | UnknownEvent
  | MalformedEvent
  | StateEvent
  | BookStaleEvent
  | BookResyncedEvent
  | HashUncheckableEvent
  | GapEvent
  | SnapshotEvent
  | ErrorEvent

export type MarketStreamEventType = MarketStreamEvent['type']

/** A live market-channel connection. */
export interface MarketConnection extends AsyncIterable<MarketStreamEvent> {
  readonly state: ConnectionState
  /** Subscribed token ids. */
  readonly assets: readonly string[]
  /** The book of a subscribed token. */
  book(tokenId: string): BookView | undefined
  /** Subscribe to more tokens (sent at once when open, else on the next open). */
  subscribe(assets: string | readonly string[]): void
  unsubscribe(assets: string | readonly string[]): void
  /** Mark a book stale and resync it now. */
  resync(tokenId: string): void
  /** Listen to one event type (or `'*'`); returns the function that removes the listener. */
  on<T extends MarketStreamEventType>(
    type: T | '*',
    listener: (event: Extract<MarketStreamEvent, { type: T }>) => void,
  ): () => void
  /** An async iterator with its own bounded queue (policy: drop market data, then `gap` + `snapshot`s). */
  events(options?: IteratorOptions): AsyncIterableIterator<MarketStreamEvent>
  /** Close for good; iterators end after draining. Idempotent. */
  close(): Promise<void>
}

interface Delta {
  readonly ts: number | undefined
  readonly side: 'BUY' | 'SELL'
  readonly price: string
  readonly size: string
  readonly hash: string | undefined
}

interface Resync {
  readonly mode: 'stream' | 'rest'
  buffer: Delta[]
  overflowed: boolean
  timer: unknown
  attempt: number
}

interface HashTrust {
  state: 'unknown' | 'ok' | 'off'
  misses: number
  falseAlarms: number
}

interface AssetState {
  readonly book: Book
  lastDataAt: number
  resync: Resync | undefined
  crossed: number
  readonly trust: { readonly book: HashTrust; readonly delta: HashTrust }
  /** bumped on every replace, to discard async results about an older snapshot */
  generation: number
  checking: boolean
}

const DATA_TYPES = new Set(['book', 'price_change', 'tick_size_change', 'last_trade_price', 'best_bid_ask'])
const HASH = /^[0-9a-f]{40}$/
const MAX_BUFFER = 50_000

function ts(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : undefined
}

function sameLevels(
  a: readonly Level[],
  b: readonly { price: string; size: string }[] | null | undefined,
): boolean {
  const list = b ?? []
  if (a.length !== list.length) return false
  const byPrice = new Map(a.map((l) => [l.price, l.size]))
  for (const l of list) {
    if (byPrice.get(normalizeDecimal(l.price, 'price')) !== normalizeDecimal(l.size, 'size')) return false
  }
  return true
}

/**
 * Opens the market channel. Returns at once; watch `state` or the `state` event.
 *
 * @example
 * ```ts
 * const market = connectMarket({ url: 'wss://ws-subscriptions-clob.polymarket.com', assets: [yes, no], rest: client })
 * market.on('price_change', () => console.log(market.book(yes)?.bestBid()))
 * for await (const event of market) if (event.type === 'book_stale') console.warn(event.tokenId, event.reason)
 * ```
 */
export function connectMarket(options: ConnectMarketOptions): MarketConnection {
  const c = common(options)
  const url = channelUrl(options.url, 'market')
  const initial = tokenIds(options.assets ?? [], 'assets')
  const customFeatures = options.customFeatures === true
  const rest = options.rest
  if (rest !== undefined && typeof rest?.books?.book !== 'function') {
    throw new InvalidParameterError('INVALID_OPTION', 'rest', 'expected a clob-rest client (rest.books.book)')
  }
  const silentAssetMs = ms(options.silentAssetMs, 60_000, 'silentAssetMs', true)
  const crossCheckMs = ms(options.crossCheckMs, rest ? 60_000 : 0, 'crossCheckMs', true)
  const snapshotTimeoutMs = ms(options.snapshotTimeoutMs, 5000, 'snapshotTimeoutMs')
  const crossedTolerance = options.crossedTolerance ?? 3
  if (!Number.isSafeInteger(crossedTolerance) || crossedTolerance < 0) {
    throw new InvalidParameterError('INVALID_OPTION', 'crossedTolerance', 'expected an integer ≥ 0')
  }
  const verifyHash = options.verifyHash !== false
  const clock = c.clock

  const assets = new Map<string, AssetState>()
  let crossCheckTimer: unknown
  let crossCheckCursor = 0

  const hub = createHub<MarketStreamEvent>(
    {
      kind: 'resync',
      droppable: (e) =>
        e.type === 'gap' ? e.dropped : e.type === 'snapshot' ? 0 : DATA_TYPES.has(e.type) ? 1 : undefined,
      replacement: (dropped) => [{ type: 'gap', reason: 'overflow', dropped }, ...snapshots()],
    },
    (error) => {
      if ((error as { code?: unknown })?.code === WsErrorCode.listener) return
      hub.emit({
        type: 'error',
        error: new WsError(WsErrorCode.listener, 'market: an event listener threw', { cause: error }),
      })
    },
    c.queueCapacity,
  )

  function snapshots(): SnapshotEvent[] {
    const out: SnapshotEvent[] = []
    for (const [tokenId, st] of assets) {
      if (!st.book.ready) continue
      const d = st.book.depth()
      out.push({
        type: 'snapshot',
        tokenId,
        stale: st.book.stale,
        bids: d.bids,
        asks: d.asks,
        tickSize: st.book.tickSize,
        lastTradePrice: st.book.lastTradePrice,
      })
    }
    return out
  }

  function newState(tokenId: string): AssetState {
    return {
      book: createBook(tokenId),
      lastDataAt: clock.now(),
      resync: undefined,
      crossed: 0,
      trust: {
        book: { state: 'unknown', misses: 0, falseAlarms: 0 },
        delta: { state: 'unknown', misses: 0, falseAlarms: 0 },
      },
      generation: 0,
      checking: false,
    }
  }

  function subscribeFrame(ids: readonly string[], first: boolean): string {
    return JSON.stringify({
      type: 'market',
      ...(first ? {} : { operation: 'subscribe' }),
      assets_ids: ids,
      initial_dump: true,
      ...(customFeatures ? { custom_feature_enabled: true } : {}),
    })
  }

  function stopResync(st: AssetState): void {
    if (st.resync !== undefined) clock.clearTimeout(st.resync.timer)
    st.resync = undefined
  }

  function awaitSnapshot(tokenId: string, st: AssetState): void {
    stopResync(st)
    const r: Resync = { mode: 'stream', buffer: [], overflowed: false, timer: undefined, attempt: 0 }
    st.resync = r
    r.timer = clock.setTimeout(() => {
      if (st.resync !== r) return
      if (rest !== undefined) startRest(tokenId, st)
      else if (core.state === 'open') {
        core.send(JSON.stringify({ type: 'market', operation: 'unsubscribe', assets_ids: [tokenId] }))
        core.send(subscribeFrame([tokenId], false))
        awaitSnapshot(tokenId, st)
      }
    }, snapshotTimeoutMs)
  }

  function markStale(tokenId: string, st: AssetState, reason: StaleReason): void {
    st.book.markStale(reason)
    hub.emit({ type: 'book_stale', tokenId, reason })
  }

  function resync(tokenId: string, reason: StaleReason): void {
    const st = assets.get(tokenId)
    if (st === undefined || st.resync !== undefined || core.state === 'closed') return
    markStale(tokenId, st, reason)
    if (rest !== undefined) startRest(tokenId, st)
    else {
      if (core.state === 'open') {
        core.send(JSON.stringify({ type: 'market', operation: 'unsubscribe', assets_ids: [tokenId] }))
        core.send(subscribeFrame([tokenId], false))
      }
      awaitSnapshot(tokenId, st)
    }
  }

  function startRest(tokenId: string, st: AssetState): void {
    const previous = st.resync
    if (previous !== undefined) clock.clearTimeout(previous.timer)
    const r: Resync = {
      mode: 'rest',
      buffer: [],
      overflowed: false,
      timer: undefined,
      attempt: previous?.mode === 'rest' ? previous.attempt : 0,
    }
    st.resync = r
    const fetchBook = (rest as MarketRest).books.book
    let pending: Promise<OrderBookSummary>
    try {
      pending = Promise.resolve(fetchBook(tokenId))
    } catch (error) {
      pending = Promise.reject(error)
    }
    pending.then(
      (summary) => {
        if (st.resync !== r || assets.get(tokenId) !== st || core.state === 'closed') return
        if (r.overflowed) {
          r.attempt = 0
          return startRest(tokenId, st)
        }
        applyRestSnapshot(st, summary, r.buffer)
        stopResync(st)
        hub.emit({ type: 'book_resynced', tokenId, source: 'rest' })
      },
      (error: unknown) => {
        if (st.resync !== r || core.state === 'closed') return
        hub.emit({
          type: 'error',
          error: new WsError(WsErrorCode.restFailed, `market: GET /book for ${tokenId} failed; retrying`, {
            cause: error,
            details: { tokenId },
          }),
        })
        const delay = backoffDelay(r.attempt, c.backoff, c.random)
        r.attempt++
        r.timer = clock.setTimeout(() => {
          if (st.resync === r) startRest(tokenId, st)
        }, delay)
      },
    )
  }

  function applyRestSnapshot(st: AssetState, summary: OrderBookSummary, buffer: readonly Delta[]): void {
    st.book.replace({ ...summary, timestamp: summary.timestamp })
    st.generation++
    st.crossed = 0
    st.lastDataAt = clock.now()
    let from = -1
    if (summary.hash !== undefined && summary.hash !== '') {
      for (let i = buffer.length - 1; i >= 0; i--) {
        if ((buffer[i] as Delta).hash === summary.hash) {
          from = i
          break
        }
      }
    }
    const restTs = ts(summary.timestamp)
    for (let i = from + 1; i < buffer.length; i++) {
      const d = buffer[i] as Delta
      // sizes are absolute, so replaying a delta the snapshot already holds is harmless; one from
      // before the snapshot time is not (a later change may be in the snapshot already)
      if (from < 0 && restTs !== undefined && d.ts !== undefined && d.ts < restTs) continue
      st.book.set(d.side, d.price, d.size)
      st.book.stamp(d.ts, d.hash)
    }
    if (st.book.crossed()) st.crossed = 1
  }

  function onBook(data: BookEvent): void {
    const st = assets.get(data.asset_id)
    if (st === undefined) return
    st.lastDataAt = clock.now()
    const wasResyncing = st.resync !== undefined
    st.book.replace(data)
    st.generation++
    st.crossed = st.book.crossed() ? 1 : 0
    if (wasResyncing) {
      stopResync(st)
      hub.emit({ type: 'book_resynced', tokenId: data.asset_id, source: 'stream' })
    }
    const h = data.hash
    if (verifyHash && st.trust.book.state !== 'off' && h !== undefined && HASH.test(h) && checkable(data)) {
      checkHash(data.asset_id, st, data as unknown as Record<string, unknown>, h, 'book')
    }
  }

  function checkable(meta: {
    market?: unknown
    timestamp?: unknown
    tick_size?: unknown
    min_order_size?: unknown
    neg_risk?: unknown
    last_trade_price?: unknown
  }): boolean {
    return (
      meta.market !== undefined &&
      meta.timestamp !== undefined &&
      meta.tick_size !== undefined &&
      meta.min_order_size !== undefined &&
      meta.neg_risk !== undefined &&
      meta.last_trade_price !== undefined
    )
  }

  /**
   * Verifies a server hash. `book` snapshots and `price_change` deltas earn trust separately:
   * on the exchange a snapshot's hash can verify while deltas' never do (PROTOCOL-WS.md §4.2),
   * so a kind is trusted only once one of its own hashes matched, and turned off after three
   * misses without a match, or three mismatches that GET /book showed to be false alarms.
   * A delta mismatch before any delta matched is checked against GET /book only when the
   * token's snapshot hash verified (so the exchange's unverifiable deltas cost at most three
   * requests per token).
   */
  function checkHash(
    tokenId: string,
    st: AssetState,
    summary: Record<string, unknown>,
    expected: string,
    kind: 'book' | 'delta',
  ): void {
    const generation = st.generation
    const trust = st.trust[kind]
    bookHash(summary, { order: 'server' }).then(
      (actual) => {
        if (assets.get(tokenId) !== st || st.generation !== generation || trust.state === 'off') return
        if (actual === expected) {
          trust.state = 'ok'
          trust.misses = 0
          trust.falseAlarms = 0
          return
        }
        if (trust.state === 'unknown') {
          const miss = () => {
            trust.misses++
            if (trust.misses >= 3) distrust(tokenId, st, kind)
          }
          // deltas not yet proven, but the same routine verified this token's snapshot: a
          // mismatch is worth one GET /book (at most three times before deltas are distrusted)
          if (kind !== 'delta' || st.trust.book.state !== 'ok' || rest === undefined || st.checking)
            return miss()
          st.checking = true
          crossCheck(tokenId, st).then(
            (result) => {
              st.checking = false
              if (result === 'inconsistent') resync(tokenId, 'hash_mismatch')
              else miss()
            },
            () => {
              st.checking = false
              miss()
            },
          )
          return
        }
        // A mismatch may be only the timestamp: the server's hashed book time and the event's
        // timestamp can differ by a millisecond. With REST, confirm against GET /book first.
        if (rest === undefined || st.checking) {
          resync(tokenId, 'hash_mismatch')
          return
        }
        st.checking = true
        crossCheck(tokenId, st).then(
          (result) => {
            st.checking = false
            if (result === 'consistent') {
              trust.falseAlarms++
              if (trust.falseAlarms >= 3) distrust(tokenId, st, kind)
            } else resync(tokenId, 'hash_mismatch')
          },
          () => {
            st.checking = false
            resync(tokenId, 'hash_mismatch')
          },
        )
      },
      () => distrust(tokenId, st, kind),
    )
  }

  function distrust(tokenId: string, st: AssetState, kind: 'book' | 'delta'): void {
    if (st.trust[kind].state === 'off') return
    st.trust[kind].state = 'off'
    hub.emit({ type: 'hash_uncheckable', tokenId, kind })
  }

  function hintOk(hint: string | undefined, local: Level | undefined): boolean {
    if (hint === undefined || hint === '') return true
    let h: string
    try {
      h = normalizeDecimal(hint, 'best')
    } catch {
      return true
    }
    if (local === undefined) return h === '0' || h === '1'
    return h === local.price
  }

  function onPriceChange(data: PriceChangeEvent): void {
    const eventTs = ts(data.timestamp)
    const touched = new Map<string, PriceChangeEvent['price_changes'][number]>()
    for (const entry of data.price_changes) {
      const st = assets.get(entry.asset_id)
      if (st === undefined) continue
      st.lastDataAt = clock.now()
      if (entry.size === undefined) continue
      const r = st.resync
      if (r !== undefined && r.mode === 'stream') continue // the coming snapshot replaces everything
      if (!st.book.ready) continue
      const bt = st.book.timestamp
      if (r === undefined && eventTs !== undefined && bt !== undefined && eventTs < bt) continue
      const delta: Delta = {
        ts: eventTs,
        side: entry.side,
        price: entry.price,
        size: entry.size,
        hash: entry.hash,
      }
      if (r !== undefined) {
        if (r.buffer.length >= MAX_BUFFER) r.overflowed = true
        else r.buffer.push(delta)
      }
      let ok: boolean
      try {
        ok = st.book.set(entry.side, entry.price, entry.size)
      } catch {
        ok = false
      }
      st.book.stamp(eventTs, entry.hash)
      if (r !== undefined) continue
      if (!ok) {
        resync(entry.asset_id, 'invalid_level')
        continue
      }
      touched.set(entry.asset_id, entry)
    }
    // the hints and the hash of an asset's last entry describe its book after the whole event
    for (const [tokenId, last] of touched) {
      const st = assets.get(tokenId) as AssetState
      if (st.resync !== undefined) continue
      const hash = last.hash
      if (!hintOk(last.best_bid, st.book.bestBid()) || !hintOk(last.best_ask, st.book.bestAsk())) {
        resync(tokenId, 'best_mismatch')
        continue
      }
      if (st.book.crossed()) {
        st.crossed++
        if (st.crossed > crossedTolerance) {
          resync(tokenId, 'crossed')
          continue
        }
      } else st.crossed = 0
      if (verifyHash && st.trust.delta.state !== 'off' && hash !== undefined && HASH.test(hash)) {
        const summary = st.book.toSummary()
        if (checkable(summary)) checkHash(tokenId, st, summary, hash, 'delta')
      }
    }
  }

  /** 'consistent' | 'inconsistent' | 'inconclusive' (the book moved during the request). */
  async function crossCheck(
    tokenId: string,
    st: AssetState,
  ): Promise<'consistent' | 'inconsistent' | 'inconclusive'> {
    const generation = st.generation
    const updates = st.book.updates
    const summary = await (rest as MarketRest).books.book(tokenId)
    if (assets.get(tokenId) !== st || st.generation !== generation || st.resync !== undefined)
      return 'inconclusive'
    if (st.book.updates !== updates) return 'inconclusive'
    const { bids, asks } = st.book.levels()
    if (sameLevels(bids, summary.bids) && sameLevels(asks, summary.asks)) return 'consistent'
    return 'inconsistent'
  }

  function runCrossCheck(): void {
    crossCheckTimer = undefined
    if (core.state === 'closed') return
    const list = [...assets.entries()].filter(
      ([, st]) => st.book.ready && st.resync === undefined && !st.checking,
    )
    // one token per tick, round robin, so a big subscription does not burst REST
    const ticks = Math.max(1, list.length)
    const pick = list[crossCheckCursor++ % ticks]
    if (pick !== undefined && core.state === 'open') {
      const [tokenId, st] = pick
      st.checking = true
      crossCheck(tokenId, st).then(
        (result) => {
          st.checking = false
          if (result === 'inconsistent') resync(tokenId, 'cross_check')
        },
        (error: unknown) => {
          st.checking = false
          hub.emit({
            type: 'error',
            error: new WsError(
              WsErrorCode.restFailed,
              `market: cross-check GET /book for ${tokenId} failed`,
              {
                cause: error,
                details: { tokenId },
              },
            ),
          })
        },
      )
    }
    crossCheckTimer = clock.setTimeout(runCrossCheck, Math.max(1, Math.floor(crossCheckMs / ticks)))
  }

  function onTick(now: number): void {
    if (silentAssetMs === 0) return
    for (const [tokenId, st] of assets) {
      if (now - st.lastDataAt <= silentAssetMs || st.checking) continue
      if (rest === undefined || !st.book.ready) {
        core.reconnect('silent_asset')
        return
      }
      st.checking = true
      crossCheck(tokenId, st).then(
        (result) => {
          st.checking = false
          if (result === 'inconsistent') core.reconnect('silent_asset')
          else st.lastDataAt = clock.now()
        },
        () => {
          st.checking = false
          core.reconnect('silent_asset')
        },
      )
    }
  }

  const core = createCore({
    url,
    WebSocket: c.WebSocket,
    clock,
    random: c.random,
    pingIntervalMs: c.pingIntervalMs,
    pongTimeoutMs: c.pongTimeoutMs,
    backoff: c.backoff,
    onOpen(reconnect) {
      const ids = [...assets.keys()]
      if (ids.length > 0 || customFeatures) core.send(subscribeFrame(ids, true))
      for (const [tokenId, st] of assets) {
        st.lastDataAt = clock.now()
        if (reconnect) markStale(tokenId, st, 'reconnect')
        awaitSnapshot(tokenId, st)
      }
    },
    onFrame(text) {
      for (const ev of parseMarketFrame(text)) {
        try {
          if (ev.type === 'book') onBook(ev.data)
          else if (ev.type === 'price_change') onPriceChange(ev.data)
          else if (ev.type === 'tick_size_change') {
            const st = assets.get(ev.data.asset_id)
            if (st !== undefined) {
              st.lastDataAt = clock.now()
              st.book.setTickSize(ev.data.new_tick_size)
              st.book.stamp(ts(ev.data.timestamp), undefined)
            }
          } else if (ev.type === 'last_trade_price') {
            const st = assets.get(ev.data.asset_id)
            if (st !== undefined) {
              st.lastDataAt = clock.now()
              st.book.setLastTradePrice(ev.data.price)
            }
          } else if (ev.type === 'best_bid_ask') {
            const st = assets.get(ev.data.asset_id)
            if (st !== undefined) st.lastDataAt = clock.now()
          }
        } catch {
          // a value the book cannot take (schema-valid but not a decimal it can order): resync that token
          const id = (ev as { data?: { asset_id?: unknown } }).data?.asset_id
          if (typeof id === 'string') resync(id, 'invalid_level')
        }
        hub.emit(ev)
      }
    },
    onState(state, previous, reason, attempt) {
      if (state === 'closed') {
        clock.clearTimeout(crossCheckTimer)
        for (const st of assets.values()) stopResync(st)
      }
      hub.emit({ type: 'state', state, previous, reason, attempt })
      if (state === 'closed' && reason !== 'transport_unavailable') hub.end()
    },
    onTick,
    isAuthFailure: () => false,
    onFatal(error) {
      hub.emit({
        type: 'error',
        error:
          error instanceof WsError
            ? error
            : new WsError(WsErrorCode.closed, 'market: connection failed', { cause: error }),
      })
    },
    authError: () => undefined,
  })

  for (const id of initial) assets.set(id, newState(id))

  const connection: MarketConnection = {
    get state() {
      return core.state
    },
    get assets() {
      return [...assets.keys()]
    },
    book(tokenId) {
      return assets.get(tokenId)?.book
    },
    subscribe(list) {
      const ids = tokenIds(list, 'assets').filter((id) => !assets.has(id))
      if (ids.length === 0 || core.state === 'closed') return
      for (const id of ids) assets.set(id, newState(id))
      if (core.state === 'open') {
        core.send(subscribeFrame(ids, false))
        for (const id of ids) awaitSnapshot(id, assets.get(id) as AssetState)
      }
    },
    unsubscribe(list) {
      const ids = tokenIds(list, 'assets').filter((id) => assets.has(id))
      if (ids.length === 0) return
      for (const id of ids) {
        const st = assets.get(id) as AssetState
        stopResync(st)
        assets.delete(id)
      }
      if (core.state === 'open')
        core.send(JSON.stringify({ type: 'market', operation: 'unsubscribe', assets_ids: ids }))
    },
    resync(tokenId) {
      resync(tokenId, 'manual')
    },
    on: (type, listener) => hub.on(type, listener),
    events: (o) => hub.iterate(o),
    [Symbol.asyncIterator]: () => hub.iterate(),
    close() {
      core.close()
      return Promise.resolve()
    },
  }

  if (startUnlessAborted(core, c.signal) && crossCheckMs > 0 && rest !== undefined) {
    crossCheckTimer = clock.setTimeout(runCrossCheck, crossCheckMs)
  }
  return connection
}
