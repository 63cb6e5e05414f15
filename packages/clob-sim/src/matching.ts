/**
 * Price-time matching per token: a taker walks the opposite side best level
 * first, fills each maker in FIFO order at the maker's price, and every level
 * it touches becomes one trade. Expired and unfunded makers are cancelled on the
 * way. Amounts are exact bigints.
 * @module
 */
import { randomFillSync, randomUUID } from 'node:crypto'
import type { Side } from '@clobkit/eip712-order'
import * as Book from './book.js'
import { remaining } from './book.js'
import { observerOf } from './events.js'
import { finish, notify, orderPayload, pushTrade, recordPrice } from './history.js'
import { account, reserve } from './ledger.js'
import { cancel, expired } from './lifecycle.js'
import { crosses, type PriceInfo } from './price-rules.js'
import { enqueue } from './settlement.js'
import type { MakerFill, SimOrder, SimState, SimTrade, TokenState } from './state.js'
import { formatPrice, formatUnits, notional } from './units.js'

function minBig(a: bigint, b: bigint): bigint {
  if (a < b) return a
  return b
}

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

/** Shares a taker at `info` could fill now (stops counting once it has `info.size`). */
export function fillable(token: TokenState, side: Side, info: PriceInfo, nowMs: number): bigint {
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

/** Matches `taker` against the book; returns the trades made (one per level touched). */
export function match(
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
      enqueue(state, t)
      trades.push(t)
      taker.associateTrades.push(t.id)
      token.lastTrade = { priceMicros: level.priceMicros, side: taker.side }
      recordPrice(token, t.matchTime, level.priceMicros)
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
      const obs = observerOf(state)
      if (obs) {
        obs.trade(t, nowMs)
        obs.level(token, opp.side, level.priceMicros, nowMs)
        const told = new Set<SimOrder>()
        for (const m of makers) {
          if (m.owner === '' || told.has(m)) continue
          told.add(m)
          obs.order(m, 'UPDATE', nowMs)
        }
        if (taker.owner !== '') obs.order(taker, 'UPDATE', nowMs)
      }
    }
    if (takerShort) break
  }
  return trades
}
