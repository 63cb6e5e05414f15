/**
 * An order's life on the book: resting (with its reservation and GTD expiry),
 * cancellation, the expiry sweep, and seeded liquidity. Each step that moves a
 * level or an order tells the engine observer (`events.ts`).
 * @module
 */
import { createHash } from 'node:crypto'
import type { Side } from '@clobkit/eip712-order'
import * as Book from './book.js'
import { observerOf } from './events.js'
import { finish, markSeen, notify, orderPayload } from './history.js'
import { credit, reserve } from './ledger.js'
import type { SimOrder, SimState, TokenState } from './state.js'
import { mulDivCeil, ONE } from './units.js'

/** True when a GTD order's effective expiry (expiration − 60 s) has passed. */
export function expired(o: SimOrder, nowMs: number): boolean {
  return o.expiresAtMs !== 0 && nowMs >= o.expiresAtMs
}

/** Cancels a live order; returns false when it was not live. */
export function cancel(state: SimState, o: SimOrder, reason: string, nowMs: number): boolean {
  if (o.status !== 'LIVE') return false
  const token = state.tokens.get(o.assetId)
  if (token) {
    Book.remove(o.side === 'BUY' ? token.bids : token.asks, o)
    token.bookTimestamp = nowMs
  }
  o.status = 'CANCELED'
  reserve(state, o)
  finish(state, o)
  notify(state, o.owner, 1, nowMs, { ...orderPayload(o), type: 'CANCELLATION', reason })
  const obs = observerOf(state)
  if (obs) {
    if (token) obs.level(token, o.side, o.priceMicros, nowMs)
    if (o.owner !== '') obs.order(o, 'CANCELLATION', nowMs)
  }
  return true
}

/** Removes GTD orders whose effective expiry (expiration − 60 s) has passed. */
export function sweepExpired(state: SimState, nowMs: number): number {
  let n = 0
  const q = state.expiries
  let i = 0
  while (i < q.length && (q[i] as SimOrder).expiresAtMs <= nowMs) {
    if (cancel(state, q[i] as SimOrder, 'expired', nowMs)) n++
    i++
  }
  if (i > 0) q.splice(0, i)
  return n
}

function addExpiry(state: SimState, o: SimOrder): void {
  const q = state.expiries
  let lo = 0
  let hi = q.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((q[mid] as SimOrder).expiresAtMs <= o.expiresAtMs) lo = mid + 1
    else hi = mid
  }
  q.splice(lo, 0, o)
}

/** Puts the unmatched rest of `o` on the book, indexes it under its key and reserves its balance. */
export function rest(state: SimState, o: SimOrder, token: TokenState, nowMs: number): void {
  Book.insert(o.side === 'BUY' ? token.bids : token.asks, o)
  token.bookTimestamp = nowMs
  if (o.owner !== '') {
    let open = state.openByKey.get(o.owner)
    if (!open) {
      open = new Set()
      state.openByKey.set(o.owner, open)
    }
    open.add(o.id)
  }
  reserve(state, o)
  if (o.expiresAtMs !== 0) addExpiry(state, o)
  observerOf(state)?.level(token, o.side, o.priceMicros, nowMs)
}

/** Adds a seeded resting order owned by the liquidity account, minting what it needs. */
export function seedOrder(
  state: SimState,
  token: TokenState,
  side: Side,
  priceMicros: number,
  size: bigint,
  nowMs: number,
): void {
  const collateral = mulDivCeil(size, BigInt(priceMicros), ONE)
  const liq = state.config.liquidityAddress
  const id = `0x${createHash('sha256')
    .update(`seed|${token.tokenId}|${side}|${priceMicros}|${state.counters.seq}`)
    .digest('hex')}`
  state.counters.seq++
  const o: SimOrder = {
    id,
    seq: state.counters.seq,
    owner: '',
    ownerAddress: liq,
    maker: liq,
    makerDisplay: liq,
    signer: liq,
    market: token.market.conditionId,
    assetId: token.tokenId,
    outcome: token.outcome,
    side,
    priceMicros,
    makerAmount: side === 'BUY' ? collateral : size,
    takerAmount: side === 'BUY' ? size : collateral,
    originalSize: size,
    sizeMatched: 0n,
    collateralMoved: 0n,
    reserved: 0n,
    status: 'LIVE',
    orderType: 'GTC',
    expiration: '0',
    expiresAtMs: 0,
    createdAt: Math.floor(nowMs / 1000),
    associateTrades: [],
    version: state.config.version,
    signatureType: 0,
    builder: '',
    feeRateBps: 0,
  }
  if (side === 'BUY') credit(state, liq, '', collateral)
  else credit(state, liq, token.tokenId, size)
  state.orders.set(id, o)
  markSeen(state, id)
  rest(state, o, token, nowMs)
}
