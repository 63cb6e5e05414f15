/**
 * A local order book for one token (PROTOCOL-WS.md §4.1): replaced by a snapshot
 * (`book` event or `GET /book`), updated by `price_change` entries whose `size` is the
 * new absolute size of the level (`"0"` removes it). Prices and sizes are exact
 * decimal strings; levels are keyed by the normalized price, so `".5"` and `"0.50"` are
 * the same level. Nothing is ever accumulated in floating point.
 *
 * A book carries a `stale` flag: while it is set every reader should treat the levels
 * as possibly wrong (the market stream sets it on any doubt and clears it after a resync).
 * @module
 */
import { Decimal, InvalidParameterError } from '@clobkit/eip712-order'

/** `BUY` = the bid side, `SELL` = the ask side. */
export type BookSide = 'BUY' | 'SELL'

/** One price level, both as normalized decimal strings (no leading `.`, no trailing zeros). */
export interface Level {
  readonly price: string
  readonly size: string
}

/** Why a book was marked stale. */
export type StaleReason =
  | 'initial'
  | 'reconnect'
  | 'hash_mismatch'
  | 'crossed'
  | 'best_mismatch'
  | 'cross_check'
  | 'silent'
  | 'overflow'
  | 'invalid_level'
  | 'manual'

/** A full snapshot as `replace` takes it: the `book` event or `GET /book` fields. */
export interface BookSnapshot {
  readonly bids: readonly { readonly price: string; readonly size: string }[] | null | undefined
  readonly asks: readonly { readonly price: string; readonly size: string }[] | null | undefined
  readonly timestamp?: string | number | undefined
  readonly hash?: string | undefined
  readonly market?: string | undefined
  readonly min_order_size?: string | undefined
  readonly tick_size?: string | undefined
  readonly neg_risk?: boolean | undefined
  readonly last_trade_price?: string | undefined
}

/** Read-only view of a book; every query is O(1) or O(depth). */
export interface BookView {
  readonly tokenId: string
  /** Condition id, once a snapshot named it. */
  readonly market: string | undefined
  /** True until the first snapshot, and whenever the stream doubts the levels (see `staleReason`). */
  readonly stale: boolean
  readonly staleReason: StaleReason | undefined
  /** A snapshot has been applied at least once. */
  readonly ready: boolean
  /** Server timestamp (ms) of the last snapshot or change applied. */
  readonly timestamp: number | undefined
  /** The server's hash after the last snapshot or change (an opaque change token, PROTOCOL-WS.md §4.2). */
  readonly hash: string | undefined
  readonly tickSize: string | undefined
  readonly minOrderSize: string | undefined
  readonly negRisk: boolean | undefined
  readonly lastTradePrice: string | undefined
  /** Number of snapshots and level changes applied so far. */
  readonly updates: number
  bestBid(): Level | undefined
  bestAsk(): Level | undefined
  /** `bestAsk − bestBid`, or undefined when a side is empty. */
  spread(): string | undefined
  /** `(bestBid + bestAsk) / 2`, exact, or undefined when a side is empty. */
  mid(): string | undefined
  /** The best `n` levels of each side, best first (default: all). */
  depth(n?: number): { readonly bids: Level[]; readonly asks: Level[] }
  /** The size resting at `price` on `side` (`"0"` when there is no level). */
  sizeAt(side: BookSide, price: string): string
  /** Levels in `GET /book` order: bids ascending, asks descending (best last). */
  levels(): { readonly bids: Level[]; readonly asks: Level[] }
  /** True when the best bid is at or above the best ask. */
  crossed(): boolean
}

/** A book you feed yourself (the market stream keeps one per token). */
export interface Book extends BookView {
  /** Replace every level from a snapshot; clears `stale`. */
  replace(snapshot: BookSnapshot): void
  /** Set one level's absolute size (`"0"` removes it). Returns false when the size is negative (the level is left alone). */
  set(side: BookSide, price: string, size: string): boolean
  /** Record the server's timestamp and hash after a change. */
  stamp(timestamp: number | undefined, hash: string | undefined): void
  setTickSize(tickSize: string): void
  setLastTradePrice(price: string): void
  markStale(reason: StaleReason): void
  markFresh(): void
  /** The book as `GET /book` would serialize it in the server's field order, for hashing. */
  toSummary(): Record<string, unknown>
}

interface Entry {
  /** normalized price */
  readonly key: string
  /** ordering key; ties between distinct keys fall back to exact comparison */
  readonly num: number
  /** normalized size */
  size: string
  /** price and size as the server last wrote them (hashed verbatim) */
  rawPrice: string
  rawSize: string
}

const NORMAL = /^(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/
const ZERO = /^-?0*\.?0*$/

/** The normalized form of a non-negative decimal string (`".50"` → `"0.5"`); throws `INVALID_PRICE`/`INVALID_AMOUNT`. */
export function normalizeDecimal(value: string, param: string): string {
  if (NORMAL.test(value)) return value
  const text = typeof value === 'string' && value.startsWith('.') ? `0${value}` : value
  return Decimal.toString(Decimal.parse(text, param))
}

function isZero(size: string): boolean {
  return ZERO.test(size) && /0/.test(size)
}

function compareEntry(num: number, key: string, e: Entry): number {
  if (num !== e.num) return num < e.num ? -1 : 1
  if (key === e.key) return 0
  return Decimal.compare(Decimal.parse(key, 'price'), Decimal.parse(e.key, 'price'))
}

/** Index of `key` in the ascending array, or `-(insertion point) - 1`. */
function search(arr: readonly Entry[], num: number, key: string): number {
  let lo = 0
  let hi = arr.length - 1
  while (lo <= hi) {
    const midIdx = (lo + hi) >>> 1
    const c = compareEntry(num, key, arr[midIdx] as Entry)
    if (c === 0) return midIdx
    if (c > 0) lo = midIdx + 1
    else hi = midIdx - 1
  }
  return -lo - 1
}

function level(e: Entry): Level {
  return { price: e.key, size: e.size }
}

function parseTimestamp(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined
  const n = typeof value === 'number' ? value : Number(value)
  return Number.isFinite(n) ? n : undefined
}

/**
 * Creates an empty (stale, not ready) book for `tokenId`.
 *
 * @example
 * ```ts
 * const book = createBook('7132…2563')
 * book.replace({ bids: [{ price: '.48', size: '30' }], asks: [{ price: '0.52', size: '25' }] })
 * book.set('BUY', '0.49', '20')
 * book.bestBid() // { price: '0.49', size: '20' }
 * book.mid()     // '0.505'
 * ```
 */
export function createBook(tokenId: string): Book {
  if (typeof tokenId !== 'string' || !/^\d{1,78}$/.test(tokenId)) {
    throw new InvalidParameterError('INVALID_TOKEN_ID', 'tokenId', 'expected a decimal token id')
  }
  // both sides ascending by price
  let bids: Entry[] = []
  let asks: Entry[] = []
  let stale = true
  let staleReason: StaleReason | undefined = 'initial'
  let ready = false
  let timestamp: number | undefined
  let hash: string | undefined
  let market: string | undefined
  let tickSize: string | undefined
  let minOrderSize: string | undefined
  let negRisk: boolean | undefined
  let lastTradePrice: string | undefined
  let updates = 0

  function setLevel(side: BookSide, rawPrice: string, rawSize: string): boolean {
    const key = normalizeDecimal(rawPrice, 'price')
    const arr = side === 'BUY' ? bids : asks
    const num = Number(key)
    const idx = search(arr, num, key)
    if (isZero(rawSize)) {
      if (idx >= 0) arr.splice(idx, 1)
      updates++
      return true
    }
    const size = normalizeDecimal(rawSize, 'size')
    if (size.startsWith('-')) return false
    if (idx >= 0) {
      const e = arr[idx] as Entry
      e.size = size
      e.rawPrice = rawPrice
      e.rawSize = rawSize
    } else {
      const at = -idx - 1
      const e: Entry = { key, num, size, rawPrice, rawSize }
      if (at === arr.length) arr.push(e)
      else arr.splice(at, 0, e)
    }
    updates++
    return true
  }

  function fill(levels: BookSnapshot['bids'], side: BookSide): void {
    for (const l of levels ?? []) setLevel(side, l.price, l.size)
  }

  const decimal = (s: string) => Decimal.parse(s, 'price')

  const book: Book = {
    tokenId,
    get market() {
      return market
    },
    get stale() {
      return stale
    },
    get staleReason() {
      return staleReason
    },
    get ready() {
      return ready
    },
    get timestamp() {
      return timestamp
    },
    get hash() {
      return hash
    },
    get tickSize() {
      return tickSize
    },
    get minOrderSize() {
      return minOrderSize
    },
    get negRisk() {
      return negRisk
    },
    get lastTradePrice() {
      return lastTradePrice
    },
    get updates() {
      return updates
    },
    bestBid() {
      const e = bids[bids.length - 1]
      return e === undefined ? undefined : level(e)
    },
    bestAsk() {
      const e = asks[0]
      return e === undefined ? undefined : level(e)
    },
    spread() {
      const b = bids[bids.length - 1]
      const a = asks[0]
      if (b === undefined || a === undefined) return undefined
      return Decimal.toString(Decimal.sub(decimal(a.key), decimal(b.key)))
    },
    mid() {
      const b = bids[bids.length - 1]
      const a = asks[0]
      if (b === undefined || a === undefined) return undefined
      const sum = Decimal.add(decimal(a.key), decimal(b.key))
      // halving adds at most one decimal place, so this division is exact
      return Decimal.toString(Decimal.div(sum, Decimal.from(2n), sum.scale + 1, 'down'))
    },
    depth(n = Number.POSITIVE_INFINITY) {
      const k = Math.max(0, Math.floor(n))
      const outBids: Level[] = []
      for (let i = bids.length - 1; i >= 0 && outBids.length < k; i--) outBids.push(level(bids[i] as Entry))
      const outAsks: Level[] = []
      for (let i = 0; i < asks.length && outAsks.length < k; i++) outAsks.push(level(asks[i] as Entry))
      return { bids: outBids, asks: outAsks }
    },
    sizeAt(side, price) {
      const key = normalizeDecimal(price, 'price')
      const arr = side === 'BUY' ? bids : asks
      const idx = search(arr, Number(key), key)
      return idx >= 0 ? (arr[idx] as Entry).size : '0'
    },
    levels() {
      return { bids: bids.map(level), asks: asks.map(level).reverse() }
    },
    crossed() {
      const b = bids[bids.length - 1]
      const a = asks[0]
      return b !== undefined && a !== undefined && compareEntry(b.num, b.key, a) >= 0
    },
    replace(snapshot) {
      bids = []
      asks = []
      fill(snapshot.bids, 'BUY')
      fill(snapshot.asks, 'SELL')
      timestamp = parseTimestamp(snapshot.timestamp)
      hash = snapshot.hash
      if (snapshot.market !== undefined) market = snapshot.market
      if (snapshot.tick_size !== undefined) tickSize = snapshot.tick_size
      if (snapshot.min_order_size !== undefined) minOrderSize = snapshot.min_order_size
      if (snapshot.neg_risk !== undefined) negRisk = snapshot.neg_risk
      if (snapshot.last_trade_price !== undefined) lastTradePrice = snapshot.last_trade_price
      ready = true
      stale = false
      staleReason = undefined
      updates++
    },
    set: setLevel,
    stamp(ts, h) {
      if (ts !== undefined) timestamp = ts
      if (h !== undefined) hash = h
    },
    setTickSize(t) {
      tickSize = t
    },
    setLastTradePrice(p) {
      lastTradePrice = p
    },
    markStale(reason) {
      stale = true
      staleReason = reason
    },
    markFresh() {
      if (!ready) return
      stale = false
      staleReason = undefined
    },
    toSummary() {
      const out: Record<string, unknown> = {
        market,
        asset_id: tokenId,
        timestamp: timestamp === undefined ? undefined : String(timestamp),
        hash: '',
        bids: bids.map((e) => ({ price: e.rawPrice, size: e.rawSize })),
        asks: asks.map((e) => ({ price: e.rawPrice, size: e.rawSize })).reverse(),
        min_order_size: minOrderSize,
        tick_size: tickSize,
        neg_risk: negRisk,
        last_trade_price: lastTradePrice,
      }
      for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k]
      return out
    },
  }
  return book
}
