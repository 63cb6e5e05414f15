/**
 * The matching engine: insert rules (PROTOCOL.md §5.4, §6.2), the balance rail,
 * price-time matching per token with fills at the maker's price, cancels,
 * expiry, and the notifications they produce. Amounts are exact bigints.
 * @module
 */
import { createHash, randomFillSync, randomUUID } from 'node:crypto'
import type { ExchangeVersion, OrderType, Side } from '@clobkit/eip712-order'
import * as Book from './book.js'
import { remaining } from './book.js'
import type {
  Account,
  MakerFill,
  SimNotification,
  SimOrder,
  SimState,
  SimTrade,
  TokenState,
} from './state.js'
import {
  formatPrice,
  formatUnits,
  mulDivCeil,
  notional,
  ONE,
  PRICE_ONE,
  parsePrice,
  tickDecimals,
} from './units.js'

/** Insert error codes (PROTOCOL.md §6.2) plus the sim's own for rules the docs leave unnamed. */
export type InsertErrorCode =
  | 'INVALID_ORDER_MIN_TICK_SIZE'
  | 'INVALID_ORDER_MIN_SIZE'
  | 'INVALID_ORDER_DUPLICATED'
  | 'INVALID_ORDER_NOT_ENOUGH_BALANCE'
  | 'INVALID_ORDER_EXPIRATION'
  | 'INVALID_ORDER_ERROR'
  | 'FOK_ORDER_NOT_FILLED_ERROR'
  | 'MARKET_NOT_READY'
  | 'INVALID_POST_ONLY_ORDER_TYPE'
  | 'INVALID_POST_ONLY_ORDER'
  | 'FAK_ORDER_NOT_FILLED_ERROR'
  | 'INVALID_ORDER_PAYLOAD'
  | 'INVALID_ORDER_OWNER'
  | 'INVALID_ORDER_MARKET'
  | 'INVALID_ORDER_SIGNATURE'
  | 'INVALID_ORDER_SIGNER'
  | 'INVALID_ORDER_SIGNATURE_TYPE'
  | 'INVALID_ORDER_FEE_RATE'

export interface InsertError {
  readonly ok: false
  readonly code: InsertErrorCode
  readonly message: string
}

/** `OrderResponse` of a successful insert (PROTOCOL.md §5.4). */
export interface OrderResponse {
  readonly success: true
  readonly errorMsg: ''
  readonly orderID: string
  readonly status: 'live' | 'matched'
  readonly makingAmount: string
  readonly takingAmount: string
  readonly transactionsHashes: string[]
  readonly tradeIDs: string[]
}

export interface InsertOk {
  readonly ok: true
  readonly response: OrderResponse
}

export type InsertResult = InsertOk | InsertError

/** A signature-checked order, ready for the business rules. */
export interface PlaceInput {
  readonly id: string
  readonly owner: string
  readonly ownerAddress: string
  readonly maker: string
  readonly makerDisplay: string
  readonly signer: string
  readonly token: TokenState
  readonly side: Side
  readonly makerAmount: bigint
  readonly takerAmount: bigint
  readonly orderType: OrderType
  readonly postOnly: boolean
  readonly expiration: string
  readonly version: ExchangeVersion
  readonly signatureType: number
  readonly builder: string
  readonly feeRateBps: number
}

const SECURITY_THRESHOLD_S = 60

/** Price-history points kept per token (`/prices-history`). */
export const PRICE_HISTORY_POINTS = 5000

export function fail(code: InsertErrorCode, message: string): InsertError {
  return { ok: false, code, message }
}

// ---------------------------------------------------------------- accounts

export function account(state: SimState, address: string): Account {
  let a = state.accounts.get(address)
  if (!a) {
    a = { collateral: 0n, tokens: new Map(), reservedCollateral: 0n, reservedTokens: new Map() }
    state.accounts.set(address, a)
  }
  return a
}

/** Credits (or debits, with a negative amount) an asset and keeps `minted` in step. `asset` '' = collateral. */
export function credit(state: SimState, address: string, asset: string, amount: bigint): void {
  const a = account(state, address)
  if (asset === '') a.collateral += amount
  else a.tokens.set(asset, (a.tokens.get(asset) ?? 0n) + amount)
  state.minted.set(asset, (state.minted.get(asset) ?? 0n) + amount)
}

export function available(state: SimState, address: string, asset: string): bigint {
  const a = account(state, address)
  if (asset === '') return a.collateral - a.reservedCollateral
  return (a.tokens.get(asset) ?? 0n) - (a.reservedTokens.get(asset) ?? 0n)
}

function reservationOf(o: SimOrder): bigint {
  if (o.status !== 'LIVE') return 0n
  const rest = remaining(o)
  if (o.side === 'SELL') return rest
  return minBig(mulDivCeil(rest, BigInt(o.priceMicros), ONE), o.makerAmount - o.collateralMoved)
}

/** Recomputes what `o` holds back from its maker's balance. */
export function reserve(state: SimState, o: SimOrder): void {
  const next = reservationOf(o)
  const delta = next - o.reserved
  if (delta === 0n) return
  o.reserved = next
  const a = account(state, o.maker)
  if (o.side === 'BUY') a.reservedCollateral += delta
  else a.reservedTokens.set(o.assetId, (a.reservedTokens.get(o.assetId) ?? 0n) + delta)
}

// ---------------------------------------------------------------- price rules

export interface PriceInfo {
  /** Level price on the tick grid. */
  readonly priceMicros: number
  /** Shares. */
  readonly size: bigint
  /** Collateral at the limit. */
  readonly collateral: bigint
}

/**
 * The order's price and the tick/range rule. The price is collateral/shares. An
 * exact ratio must be a multiple of the tick. A ratio that is not exact comes
 * from the clients' truncation to the tick's amount decimals A = P + 2 (§3.2–§3.5:
 * market BUY shares = collateral/price truncated, float noise one unit below a
 * limit product): it is rounded to the tick's price decimals P, that price must
 * be on the tick, and the amounts must agree with it to one unit of 10^-A.
 */
export function priceOf(
  side: Side,
  makerAmount: bigint,
  takerAmount: bigint,
  tick: string,
): PriceInfo | InsertError {
  const size = side === 'BUY' ? takerAmount : makerAmount
  const collateral = side === 'BUY' ? makerAmount : takerAmount
  if (size === 0n) return fail('INVALID_ORDER_MIN_SIZE', 'order is invalid. Size (0) lower than the minimum')
  const tickMicros = parsePrice(tick) ?? PRICE_ONE
  const P = tickDecimals(tick)
  const step = 10n ** BigInt(Math.max(0, 6 - (P + 2)))
  const scaled = collateral * ONE
  let priceMicros: number
  if (scaled % size === 0n) {
    const p = scaled / size
    if (p > ONE) return rangeError(showPrice(scaled, size), tick, tickMicros)
    priceMicros = Number(p)
  } else {
    const unit = 10n ** BigInt(6 - P)
    // round half up to P decimals, in micros
    const pP = (((scaled * 2n) / size / unit + 1n) / 2n) * unit
    if (pP > ONE || pP === 0n) return rangeError(showPrice(scaled, size), tick, tickMicros)
    const dev = abs(scaled - size * pP)
    const collateralOk = dev <= step * ONE
    const sharesOk = side === 'BUY' && dev <= step * pP
    if (!collateralOk && !sharesOk) return tickError(scaled, size, tick)
    priceMicros = Number(pP)
  }
  if (priceMicros < tickMicros || priceMicros > PRICE_ONE - tickMicros) {
    return rangeError(formatPrice(priceMicros), tick, tickMicros)
  }
  if (priceMicros % tickMicros !== 0) return tickError(scaled, size, tick)
  return { priceMicros, size, collateral }
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x
}

function showPrice(scaled: bigint, size: bigint): string {
  // up to 8 significant decimals, truncated; only used in messages
  const p = (scaled * 100n) / size
  const whole = p / 100_000_000n
  const frac = (p % 100_000_000n).toString().padStart(8, '0').replace(/0+$/, '')
  return frac ? `${whole}.${frac}` : `${whole}`
}

function tickError(scaled: bigint, size: bigint, tick: string): InsertError {
  return fail(
    'INVALID_ORDER_MIN_TICK_SIZE',
    `order is invalid. Price (${showPrice(scaled, size)}) breaks minimum tick size rule: ${tick}`,
  )
}

function rangeError(price: string, tick: string, tickMicros: number): InsertError {
  return fail(
    'INVALID_ORDER_MIN_TICK_SIZE',
    `order is invalid. Price (${price}) breaks minimum tick size rule: ${tick} (min: ${tick} - max: ${formatPrice(PRICE_ONE - tickMicros)})`,
  )
}

/** True when a taker order at `priceMicros` accepts a fill at `levelMicros` (BUY: asks ≤ price; SELL: bids ≥ price). */
function crosses(side: Side, priceMicros: number, levelMicros: number): boolean {
  return side === 'BUY' ? levelMicros <= priceMicros : levelMicros >= priceMicros
}

function minBig(a: bigint, b: bigint): bigint {
  if (a < b) return a
  return b
}

function expired(o: SimOrder, nowMs: number): boolean {
  return o.expiresAtMs !== 0 && nowMs >= o.expiresAtMs
}

// ---------------------------------------------------------------- history

function markSeen(state: SimState, id: string): void {
  const seen = seenSet(state)
  seen.add(id)
  if (seen.size > state.config.retainOrders * 5) {
    const first = seen.values().next().value
    if (first !== undefined) seen.delete(first)
  }
}

const seenSets = new WeakMap<SimState, Set<string>>()
function seenSet(state: SimState): Set<string> {
  let s = seenSets.get(state)
  if (!s) {
    s = new Set()
    seenSets.set(state, s)
  }
  return s
}

/** Forgets the duplicate-detection memory (used by reset). */
export function clearSeen(state: SimState): void {
  seenSets.delete(state)
}

function finish(state: SimState, o: SimOrder): void {
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

function pushTrade(state: SimState, t: SimTrade): void {
  state.trades.push(t)
  state.tradeById.set(t.id, t)
  const over = state.trades.length - state.config.retainTrades
  if (over > state.config.retainTrades / 4) {
    for (const old of state.trades.splice(0, over)) state.tradeById.delete(old.id)
  }
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

function orderPayload(o: SimOrder): Record<string, unknown> {
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

// ---------------------------------------------------------------- cancel / expiry

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

// ---------------------------------------------------------------- resting

function rest(state: SimState, o: SimOrder, token: TokenState, nowMs: number): void {
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

// ---------------------------------------------------------------- placement

function fillable(token: TokenState, side: Side, info: PriceInfo, nowMs: number): bigint {
  const opp = side === 'BUY' ? token.asks : token.bids
  let total = 0n
  for (let i = opp.levels.length - 1; i >= 0; i--) {
    const level = opp.levels[i]
    if (!level || !crosses(side, info.priceMicros, level.priceMicros)) break
    for (let j = level.head; j < level.orders.length; j++) {
      const m = level.orders[j] as SimOrder
      if (!expired(m, nowMs)) total += remaining(m)
    }
    if (total >= info.size) return total
  }
  return total
}

/** Applies the insert rules to a verified order and matches it. */
export function place(state: SimState, input: PlaceInput, nowMs: number): InsertResult {
  const token = input.token
  const market = token.market
  sweepExpired(state, nowMs)
  if (!market.acceptingOrders) {
    return fail('MARKET_NOT_READY', 'the market is not yet ready to process new orders')
  }
  const resting = input.orderType === 'GTC' || input.orderType === 'GTD'
  if (input.postOnly && !resting) {
    return fail(
      'INVALID_POST_ONLY_ORDER_TYPE',
      'invalid post-only order: post-only is only supported for GTC and GTD orders',
    )
  }
  const nowS = Math.floor(nowMs / 1000)
  let expiresAtMs = 0
  if (!/^\d{1,16}$/.test(input.expiration)) return fail('INVALID_ORDER_EXPIRATION', 'invalid expiration')
  const exp = Number(input.expiration)
  if (input.orderType === 'GTD') {
    if (exp <= nowS + SECURITY_THRESHOLD_S) {
      return fail(
        'INVALID_ORDER_EXPIRATION',
        `invalid expiration: GTD expiration must be later than now + ${SECURITY_THRESHOLD_S}s security threshold`,
      )
    }
    expiresAtMs = (exp - SECURITY_THRESHOLD_S) * 1000
  } else if (exp !== 0) {
    return fail('INVALID_ORDER_EXPIRATION', `invalid expiration: only GTD orders may set an expiration`)
  }
  const info = priceOf(input.side, input.makerAmount, input.takerAmount, market.tickSize)
  if ('ok' in info) return info
  if (resting && info.size < market.minOrderSize) {
    return fail(
      'INVALID_ORDER_MIN_SIZE',
      `order is invalid. Size (${formatUnits(info.size)}) lower than the minimum: ${formatUnits(market.minOrderSize)}`,
    )
  }
  if (state.orders.has(input.id) || seenSet(state).has(input.id)) {
    return fail('INVALID_ORDER_DUPLICATED', 'order is invalid. Duplicated.')
  }
  const asset = input.side === 'BUY' ? '' : token.tokenId
  const need = input.makerAmount
  const free = available(state, input.maker, asset)
  if (need > free) {
    const acct = account(state, input.maker)
    const balance = asset === '' ? acct.collateral : (acct.tokens.get(asset) ?? 0n)
    return fail(
      'INVALID_ORDER_NOT_ENOUGH_BALANCE',
      `not enough balance / allowance: balance: ${formatUnits(balance)}, open orders: ${formatUnits(balance - free)}, order amount: ${formatUnits(need)}`,
    )
  }
  const opp = input.side === 'BUY' ? token.asks : token.bids
  if (input.postOnly) {
    const top = Book.best(opp)
    if (top && crosses(input.side, info.priceMicros, top.priceMicros)) {
      return fail('INVALID_POST_ONLY_ORDER', 'invalid post-only order: order crosses the book')
    }
  }
  if (input.orderType === 'FOK' && fillable(token, input.side, info, nowMs) < info.size) {
    return fail(
      'FOK_ORDER_NOT_FILLED_ERROR',
      "order couldn't be fully filled. FOK orders are fully filled or killed.",
    )
  }
  if (input.orderType === 'FAK' && fillable(token, input.side, info, nowMs) === 0n) {
    return fail(
      'FAK_ORDER_NOT_FILLED_ERROR',
      'no orders found to match with FAK order. FAK orders are partially filled or killed if no match is found.',
    )
  }

  state.counters.seq++
  const o: SimOrder = {
    id: input.id,
    seq: state.counters.seq,
    owner: input.owner,
    ownerAddress: input.ownerAddress,
    maker: input.maker,
    makerDisplay: input.makerDisplay,
    signer: input.signer,
    market: market.conditionId,
    assetId: token.tokenId,
    outcome: token.outcome,
    side: input.side,
    priceMicros: info.priceMicros,
    makerAmount: input.makerAmount,
    takerAmount: input.takerAmount,
    originalSize: info.size,
    sizeMatched: 0n,
    collateralMoved: 0n,
    reserved: 0n,
    status: 'LIVE',
    orderType: input.orderType,
    expiration: input.expiration,
    expiresAtMs,
    createdAt: nowS,
    associateTrades: [],
    version: input.version,
    signatureType: input.signatureType,
    builder: input.builder,
    feeRateBps: input.feeRateBps,
  }
  state.orders.set(o.id, o)
  markSeen(state, o.id)

  const trades = input.postOnly ? [] : match(state, o, token, info, nowMs)
  if (remaining(o) > 0n && resting) {
    rest(state, o, token, nowMs)
  } else {
    o.status = o.sizeMatched > 0n ? 'MATCHED' : 'CANCELED'
    finish(state, o)
  }
  const matched = o.sizeMatched > 0n
  const making = o.side === 'BUY' ? o.collateralMoved : o.sizeMatched
  const taking = o.side === 'BUY' ? o.sizeMatched : o.collateralMoved
  const tx = trades[0]?.transactionHash
  return {
    ok: true,
    response: {
      success: true,
      errorMsg: '',
      orderID: o.id,
      status: matched ? 'matched' : 'live',
      makingAmount: matched ? making.toString() : '',
      takingAmount: matched ? taking.toString() : '',
      transactionsHashes: tx ? [tx] : [],
      tradeIDs: trades.map((t) => t.id),
    },
  }
}

// ---------------------------------------------------------------- matching

// made-up transaction hashes come from a pooled random buffer (one fill per 128)
const txPool = Buffer.alloc(32 * 128)
let txNext = txPool.length

function randomTxHash(): string {
  if (txNext === txPool.length) {
    randomFillSync(txPool)
    txNext = 0
  }
  txNext += 32
  return `0x${txPool.toString('hex', txNext - 32, txNext)}`
}

function match(
  state: SimState,
  taker: SimOrder,
  token: TokenState,
  info: PriceInfo,
  nowMs: number,
): SimTrade[] {
  const opp = taker.side === 'BUY' ? token.asks : token.bids
  const trades: SimTrade[] = []
  let txHash = ''
  const asset = token.tokenId
  while (remaining(taker) > 0n) {
    const level = Book.best(opp)
    if (!level || !crosses(taker.side, info.priceMicros, level.priceMicros)) break
    const fills: MakerFill[] = []
    const makers: SimOrder[] = []
    let levelShares = 0n
    let takerShort = false
    while (remaining(taker) > 0n && level.head < level.orders.length) {
      const m = level.orders[level.head] as SimOrder
      if (expired(m, nowMs)) {
        cancel(state, m, 'expired', nowMs)
        continue
      }
      const f = minBig(remaining(taker), remaining(m))
      const buyOrder = taker.side === 'BUY' ? taker : m
      // never more than the BUY order signed for (float-noise orders sit one unit under price × size)
      const cost = minBig(notional(f, level.priceMicros), buyOrder.makerAmount - buyOrder.collateralMoved)
      const buyer = buyOrder.maker
      const seller = taker.side === 'BUY' ? m.maker : taker.maker
      const buyerAcct = account(state, buyer)
      const sellerAcct = account(state, seller)
      const sellerHas = sellerAcct.tokens.get(asset) ?? 0n
      if (sellerHas < f || buyerAcct.collateral < cost) {
        const makerIsBuyer = taker.side === 'SELL'
        const makerShort = makerIsBuyer ? buyerAcct.collateral < cost : sellerHas < f
        if (makerShort && buyer !== seller) {
          cancel(state, m, 'insufficient balance', nowMs)
          continue
        }
        takerShort = true
        break
      }
      buyerAcct.collateral -= cost
      sellerAcct.collateral += cost
      sellerAcct.tokens.set(asset, sellerHas - f)
      buyerAcct.tokens.set(asset, (buyerAcct.tokens.get(asset) ?? 0n) + f)
      m.sizeMatched += f
      m.collateralMoved += cost
      taker.sizeMatched += f
      taker.collateralMoved += cost
      level.size -= f
      levelShares += f
      fills.push({
        orderId: m.id,
        owner: m.owner,
        makerAddress: m.makerDisplay,
        matchedAmount: f,
        priceMicros: level.priceMicros,
        side: m.side,
      })
      makers.push(m)
      if (remaining(m) === 0n) {
        m.status = 'MATCHED'
        Book.popFront(opp, level)
        reserve(state, m)
        finish(state, m)
      } else {
        reserve(state, m)
      }
    }
    if (fills.length > 0) {
      if (txHash === '') txHash = randomTxHash()
      const t: SimTrade = {
        id: randomUUID(),
        takerOrderId: taker.id,
        market: token.market.conditionId,
        assetId: asset,
        outcome: token.outcome,
        side: taker.side,
        size: levelShares,
        priceMicros: level.priceMicros,
        feeRateBps: token.market.fees.baseFeeBps,
        status: 'MATCHED',
        matchTime: Math.floor(nowMs / 1000),
        matchTimeMs: nowMs,
        owner: taker.owner,
        makerAddress: taker.makerDisplay,
        makerOrders: fills,
        transactionHash: txHash,
        builder: taker.builder,
      }
      pushTrade(state, t)
      trades.push(t)
      taker.associateTrades.push(t.id)
      token.lastTrade = { priceMicros: level.priceMicros, side: taker.side }
      token.history.push({ t: t.matchTime, p: level.priceMicros })
      // trimmed in batches (splicing the front of a 5 000-element array per trade cost ~20 µs);
      // readers look at the last PRICE_HISTORY_POINTS only
      if (token.history.length > PRICE_HISTORY_POINTS * 1.25)
        token.history.splice(0, token.history.length - PRICE_HISTORY_POINTS)
      token.bookTimestamp = nowMs
      for (let i = 0; i < makers.length; i++) {
        const m = makers[i] as SimOrder
        const fill = fills[i] as MakerFill
        if (!m.associateTrades.includes(t.id)) m.associateTrades.push(t.id)
        notify(state, m.owner, 2, nowMs, {
          ...orderPayload(m),
          matched_size: formatUnits(fill.matchedAmount),
          trade_id: t.id,
          transaction_hash: txHash,
          type: 'MAKER',
        })
      }
      notify(state, taker.owner, 2, nowMs, {
        ...orderPayload(taker),
        price: formatPrice(level.priceMicros),
        matched_size: formatUnits(levelShares),
        trade_id: t.id,
        transaction_hash: txHash,
        type: 'TAKER',
      })
    }
    if (takerShort) break
  }
  return trades
}
