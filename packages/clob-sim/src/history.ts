/**
 * Bounded history: the duplicate-order memory, retention of finished orders and
 * trades, price history points, and the `/notifications` feed. Everything here
 * trims in batches so memory stays flat and each append is O(1) amortized.
 * @module
 */
import { remaining } from './book.js'
import type { SimNotification, SimOrder, SimState, SimTrade, TokenState } from './state.js'
import { formatPrice, formatUnits } from './units.js'

/** Price-history points kept per token (`/prices-history`). */
export const PRICE_HISTORY_POINTS = 5000

const seenSets = new WeakMap<SimState, Set<string>>()
function seenSet(state: SimState): Set<string> {
  let s = seenSets.get(state)
  if (!s) {
    s = new Set()
    seenSets.set(state, s)
  }
  return s
}

/** Remembers an order id for duplicate detection (bounded: 5 × `retainOrders`). */
export function markSeen(state: SimState, id: string): void {
  const seen = seenSet(state)
  seen.add(id)
  if (seen.size > state.config.retainOrders * 5) {
    const first = seen.values().next().value
    if (first !== undefined) seen.delete(first)
  }
}

/** True when an order with this id was accepted before (and is still remembered). */
export function wasSeen(state: SimState, id: string): boolean {
  return seenSet(state).has(id)
}

/** Forgets the duplicate-detection memory (used by reset). */
export function clearSeen(state: SimState): void {
  seenSets.delete(state)
}

/** Records that `o` left the book for good (matched or cancelled) and evicts old finished orders. */
export function finish(state: SimState, o: SimOrder): void {
  if (o.status === 'MATCHED') state.counters.filled++
  if (o.owner !== '') {
    const open = state.openByKey.get(o.owner)
    open?.delete(o.id)
  }
  state.finished.push(o.id)
  // trim in batches (up to 25% over the limit) so a finish is O(1) amortized
  if (state.finished.length > state.config.retainOrders * 1.25) {
    const drop = state.finished.splice(0, state.finished.length - state.config.retainOrders)
    for (const id of drop) {
      const old = state.orders.get(id)
      if (old && old.status !== 'LIVE') state.orders.delete(id)
    }
  }
}

export function pushTrade(state: SimState, t: SimTrade): void {
  state.trades.push(t)
  state.tradeById.set(t.id, t)
  const over = state.trades.length - state.config.retainTrades
  if (over > state.config.retainTrades / 4) {
    for (const old of state.trades.splice(0, over)) state.tradeById.delete(old.id)
  }
}

/** Appends a trade price to the token's `/prices-history`. */
export function recordPrice(token: TokenState, t: number, priceMicros: number): void {
  token.history.push({ t, p: priceMicros })
  // trimmed in batches (splicing the front of a 5 000-element array per trade cost ~20 µs);
  // readers look at the last PRICE_HISTORY_POINTS only
  if (token.history.length > PRICE_HISTORY_POINTS * 1.25)
    token.history.splice(0, token.history.length - PRICE_HISTORY_POINTS)
}

export function notify(
  state: SimState,
  owner: string,
  type: SimNotification['type'],
  nowMs: number,
  payload: Record<string, unknown>,
): void {
  if (owner === '') return
  let list = state.notifications.get(owner)
  if (!list) {
    list = []
    state.notifications.set(owner, list)
  }
  state.counters.notification++
  list.push({ id: state.counters.notification, owner, type, timestamp: Math.floor(nowMs / 1000), payload })
  // trimmed in batches so a notification is O(1) amortized; readers see the last
  // retainNotifications only (notificationsOf)
  const keep = state.config.retainNotifications
  if (list.length > keep * 1.25) list.splice(0, list.length - keep)
}

/** A key's retained notifications, oldest first (at most `retention.notifications`). */
export function notificationsOf(state: SimState, owner: string): SimNotification[] {
  const list = state.notifications.get(owner)
  if (!list) return []
  const keep = state.config.retainNotifications
  return list.length > keep ? list.slice(-keep) : list
}

/** The `/notifications` payload of an order. */
export function orderPayload(o: SimOrder): Record<string, unknown> {
  const token = o.market
  return {
    asset_id: o.assetId,
    condition_id: token,
    market: token,
    order_id: o.id,
    original_size: formatUnits(o.originalSize),
    matched_size: formatUnits(o.sizeMatched),
    remaining_size: formatUnits(remaining(o)),
    outcome: o.outcome,
    price: formatPrice(o.priceMicros),
    side: o.side,
    owner: o.owner,
  }
}
