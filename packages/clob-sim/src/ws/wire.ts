/**
 * The stream events in the exchange's wire shapes and casing (PROTOCOL-WS.md §3):
 * snake_case fields, every number a string, market timestamps in epoch ms, user
 * `match_time`/`last_update`/`created_at` in epoch seconds, user `timestamp` in ms
 * (TSSDK's reading of the §3.1 conflict).
 * @module
 */
import type { Side } from '@clobkit/eip712-order'
import { remaining } from '../book.js'
import type { OrderEventKind } from '../events.js'
import type { MarketState, SimOrder, SimTrade, TokenState } from '../state.js'
import { formatPrice, formatUnits } from '../units.js'
import { bestAsk, bestBid, bookView, tradeSeenBy } from '../views.js'

export type WireEvent = Record<string, unknown> & { readonly event_type: string }

function price(micros: number | undefined): string {
  return micros === undefined ? '' : formatPrice(micros)
}

/**
 * `book`. The levels are in the REST order (bids ascending, asks descending, best
 * last) and `hash` is the REST `/book` hash of the same state (the ten-field order,
 * PROTOCOL-WS.md §4.2), so a client can compare the two. `first` adds the fields the
 * exchange sends only in the first snapshot after connect.
 */
export function bookEvent(t: TokenState, first: boolean): WireEvent {
  const v = bookView(t)
  const out: WireEvent = {
    event_type: 'book',
    asset_id: t.tokenId,
    market: t.market.conditionId,
    bids: v.bids,
    asks: v.asks,
    timestamp: v.timestamp,
    hash: v.hash,
  }
  if (first) {
    out.min_order_size = v.min_order_size
    out.tick_size = v.tick_size
    out.neg_risk = v.neg_risk
    out.last_trade_price = v.last_trade_price
  }
  return out
}

/** The size of one level now ("0" when it is gone). */
export function levelSize(t: TokenState, side: Side, priceMicros: number): string {
  const book = side === 'BUY' ? t.bids : t.asks
  const level = book.byPrice.get(priceMicros)
  return formatUnits(level?.size ?? 0n)
}

/** One `price_change` entry: the level's new total size, and the asset's hash and top of book after it. */
export function priceChangeEntry(
  t: TokenState,
  side: Side,
  priceMicros: number,
  hash: string,
): Record<string, unknown> {
  return {
    asset_id: t.tokenId,
    price: formatPrice(priceMicros),
    size: levelSize(t, side, priceMicros),
    side,
    hash,
    best_bid: price(bestBid(t)),
    best_ask: price(bestAsk(t)),
  }
}

export function priceChangeEvent(
  market: string,
  nowMs: number,
  entries: readonly Record<string, unknown>[],
): WireEvent {
  return { event_type: 'price_change', market, price_changes: entries, timestamp: String(nowMs) }
}

export function lastTradePriceEvent(t: SimTrade): WireEvent {
  return {
    event_type: 'last_trade_price',
    asset_id: t.assetId,
    market: t.market,
    price: formatPrice(t.priceMicros),
    side: t.side,
    size: formatUnits(t.size),
    fee_rate_bps: String(t.feeRateBps),
    timestamp: String(t.matchTimeMs),
    transaction_hash: t.transactionHash,
  }
}

export function tickSizeChangeEvent(t: TokenState, oldTick: string, nowMs: number): WireEvent {
  return {
    event_type: 'tick_size_change',
    asset_id: t.tokenId,
    market: t.market.conditionId,
    old_tick_size: oldTick,
    new_tick_size: t.market.tickSize,
    timestamp: String(nowMs),
  }
}

/** The top of book as `best_bid_ask` sends it; also the key that tells whether it moved. */
export function topOf(t: TokenState): { best_bid: string; best_ask: string; spread: string } {
  const b = bestBid(t)
  const a = bestAsk(t)
  return {
    best_bid: price(b),
    best_ask: price(a),
    spread: a === undefined || b === undefined ? '' : formatPrice(a - b),
  }
}

export function bestBidAskEvent(t: TokenState, nowMs: number): WireEvent {
  return {
    event_type: 'best_bid_ask',
    market: t.market.conditionId,
    asset_id: t.tokenId,
    ...topOf(t),
    timestamp: String(nowMs),
  }
}

function marketShape(m: MarketState, id: string, nowMs: number): Record<string, unknown> {
  return {
    id,
    question: m.question,
    market: m.conditionId,
    slug: m.slug,
    description: m.description,
    assets_ids: m.tokens.map((t) => t.tokenId),
    outcomes: m.tokens.map((t) => t.outcome),
    timestamp: String(nowMs),
    tags: [...m.tags],
    condition_id: m.conditionId,
    active: m.acceptingOrders,
    clob_token_ids: m.tokens.map((t) => t.tokenId),
    order_price_min_tick_size: m.tickSize,
  }
}

export function newMarketEvent(m: MarketState, id: string, nowMs: number): WireEvent {
  return { event_type: 'new_market', ...marketShape(m, id, nowMs) }
}

export function marketResolvedEvent(
  m: MarketState,
  id: string,
  winner: TokenState,
  nowMs: number,
): WireEvent {
  return {
    event_type: 'market_resolved',
    ...marketShape(m, id, nowMs),
    active: false,
    winning_asset_id: winner.tokenId,
    winning_outcome: winner.outcome,
  }
}

/** A user `order` event; read when the engine reports it (the order changes later). */
export function orderEvent(o: SimOrder, kind: OrderEventKind, nowMs: number): WireEvent {
  // a taker matched in full is reported before placement marks it MATCHED
  const status = o.status === 'LIVE' && remaining(o) === 0n ? 'MATCHED' : o.status
  return {
    event_type: 'order',
    id: o.id,
    owner: o.owner,
    order_owner: o.owner,
    market: o.market,
    asset_id: o.assetId,
    side: o.side,
    price: formatPrice(o.priceMicros),
    original_size: formatUnits(o.originalSize),
    size_matched: formatUnits(o.sizeMatched),
    associate_trades: o.associateTrades.length === 0 ? null : [...o.associateTrades],
    outcome: o.outcome,
    type: kind,
    created_at: String(o.createdAt),
    expiration: o.expiration,
    order_type: o.orderType,
    status,
    maker_address: o.makerDisplay,
    timestamp: String(nowMs),
  }
}

/** A user `trade` event as the key `viewer` sees it, as in REST `/data/trades` (see `tradeSeenBy`). */
export function tradeEvent(t: SimTrade, viewer: string, nowMs: number): WireEvent {
  const { isTaker, size, makerAddress, makerOrders } = tradeSeenBy(t, viewer)
  return {
    event_type: 'trade',
    type: 'TRADE',
    id: t.id,
    taker_order_id: t.takerOrderId,
    market: t.market,
    asset_id: t.assetId,
    side: t.side,
    size,
    price: formatPrice(t.priceMicros),
    fee_rate_bps: String(t.feeRateBps),
    status: t.status,
    match_time: String(t.matchTime),
    last_update: String(Math.floor(nowMs / 1000)),
    outcome: t.outcome,
    owner: viewer,
    trade_owner: viewer,
    maker_address: makerAddress,
    transaction_hash: t.transactionHash,
    trader_side: isTaker ? 'TAKER' : 'MAKER',
    bucket_index: 0,
    maker_orders: makerOrders,
    timestamp: String(nowMs),
  }
}
