/**
 * Placement: the insert rules of a verified order (PROTOCOL.md §5.4, §6.2) in
 * the exchange's order (market state, post-only, expiration, price and tick,
 * minimum size, duplicates, balance, FOK/FAK fillability), then matching and
 * resting, and the `OrderResponse`.
 * @module
 */
import type { ExchangeVersion, OrderType, Side } from '@clobkit/eip712-order'
import * as Book from './book.js'
import { remaining } from './book.js'
import { observerOf } from './events.js'
import { finish, markSeen, wasSeen } from './history.js'
import { fail, type InsertError } from './insert-errors.js'
import { account, available } from './ledger.js'
import { rest, sweepExpired } from './lifecycle.js'
import { fillable, match } from './matching.js'
import { crosses, priceOf } from './price-rules.js'
import type { SimOrder, SimState, TokenState } from './state.js'
import { formatUnits } from './units.js'

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
  if (state.orders.has(input.id) || wasSeen(state, input.id)) {
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
  if (o.owner !== '') observerOf(state)?.order(o, 'PLACEMENT', nowMs)

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
