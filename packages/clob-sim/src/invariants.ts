/**
 * Consistency checks of the exchange state, used by the fuzz test and
 * `/_sim/state`: no crossed or malformed book, levels that add up, every live
 * order in exactly one level, no negative balances, reservations that match the
 * open orders and fit the balances, and every asset conserved.
 * @module
 */
import { remaining } from './book.js'
import type { BookSide, SimOrder, SimState } from './state.js'

function checkSide(tokenId: string, side: BookSide, seen: Set<string>, out: string[]): void {
  const where = `${tokenId.slice(0, 12)}… ${side.side}`
  for (let i = 0; i < side.levels.length; i++) {
    const level = side.levels[i]
    if (!level) continue
    const prev = side.levels[i - 1]
    if (
      prev &&
      (side.side === 'BUY' ? prev.priceMicros >= level.priceMicros : prev.priceMicros <= level.priceMicros)
    ) {
      out.push(`${where}: levels out of order at ${i}`)
    }
    if (side.byPrice.get(level.priceMicros) !== level)
      out.push(`${where}: level index mismatch at ${level.priceMicros}`)
    let sum = 0n
    for (let j = level.head; j < level.orders.length; j++) {
      const o = level.orders[j] as SimOrder
      if (o.status !== 'LIVE') out.push(`${where}: non-live order ${o.id} in level`)
      if (o.side !== side.side || o.assetId !== tokenId || o.priceMicros !== level.priceMicros) {
        out.push(`${where}: misplaced order ${o.id}`)
      }
      if (remaining(o) <= 0n) out.push(`${where}: empty order ${o.id} in level`)
      if (seen.has(o.id)) out.push(`${where}: order ${o.id} appears twice`)
      seen.add(o.id)
      sum += remaining(o)
    }
    if (sum !== level.size) out.push(`${where}: level ${level.priceMicros} size ${level.size} != Σ ${sum}`)
    if (level.head >= level.orders.length) out.push(`${where}: empty level ${level.priceMicros}`)
  }
  if (side.byPrice.size !== side.levels.length)
    out.push(`${where}: ${side.byPrice.size} indexed vs ${side.levels.length} levels`)
}

/** Returns a list of violated invariants (empty when consistent). */
export function check(state: SimState): string[] {
  const out: string[] = []
  const inBook = new Set<string>()
  for (const t of state.tokens.values()) {
    checkSide(t.tokenId, t.bids, inBook, out)
    checkSide(t.tokenId, t.asks, inBook, out)
    const bid = t.bids.levels[t.bids.levels.length - 1]
    const ask = t.asks.levels[t.asks.levels.length - 1]
    if (bid && ask && bid.priceMicros >= ask.priceMicros) {
      out.push(`${t.tokenId.slice(0, 12)}…: crossed book ${bid.priceMicros} >= ${ask.priceMicros}`)
    }
  }
  const reservedC = new Map<string, bigint>()
  const reservedT = new Map<string, bigint>()
  for (const o of state.orders.values()) {
    if (o.status === 'LIVE') {
      if (!inBook.has(o.id)) out.push(`live order ${o.id} is not in its book`)
      if (o.sizeMatched < 0n || o.sizeMatched >= o.originalSize)
        out.push(`live order ${o.id} has bad fill state`)
      if (o.side === 'BUY') reservedC.set(o.maker, (reservedC.get(o.maker) ?? 0n) + o.reserved)
      else {
        const k = `${o.maker}|${o.assetId}`
        reservedT.set(k, (reservedT.get(k) ?? 0n) + o.reserved)
      }
    } else if (o.reserved !== 0n) {
      out.push(`finished order ${o.id} still reserves ${o.reserved}`)
    }
    if (o.sizeMatched > o.originalSize) out.push(`order ${o.id} overfilled`)
  }
  for (const id of inBook) {
    if (!state.orders.has(id)) out.push(`book order ${id} is not in the order index`)
  }
  const totals = new Map<string, bigint>()
  for (const [addr, a] of state.accounts) {
    if (a.collateral < 0n) out.push(`${addr}: negative collateral ${a.collateral}`)
    if (a.reservedCollateral !== (reservedC.get(addr) ?? 0n)) {
      out.push(
        `${addr}: reserved collateral ${a.reservedCollateral} != Σ open BUYs ${reservedC.get(addr) ?? 0n}`,
      )
    }
    if (a.reservedCollateral > a.collateral) out.push(`${addr}: reserved collateral exceeds the balance`)
    totals.set('', (totals.get('') ?? 0n) + a.collateral)
    for (const [tid, bal] of a.tokens) {
      if (bal < 0n) out.push(`${addr}: negative balance of ${tid.slice(0, 12)}…`)
      const r = a.reservedTokens.get(tid) ?? 0n
      if (r !== (reservedT.get(`${addr}|${tid}`) ?? 0n))
        out.push(`${addr}: reserved tokens mismatch for ${tid.slice(0, 12)}…`)
      if (r > bal) out.push(`${addr}: reserved tokens exceed the balance of ${tid.slice(0, 12)}…`)
      totals.set(tid, (totals.get(tid) ?? 0n) + bal)
    }
  }
  for (const [asset, minted] of state.minted) {
    if ((totals.get(asset) ?? 0n) !== minted) {
      out.push(
        `asset ${asset === '' ? 'collateral' : asset.slice(0, 12)}: Σ balances ${totals.get(asset) ?? 0n} != credited ${minted}`,
      )
    }
  }
  for (const [key, ids] of state.openByKey) {
    for (const id of ids) {
      const o = state.orders.get(id)
      if (o?.status !== 'LIVE' || o.owner !== key) out.push(`open index of ${key} lists ${id} wrongly`)
    }
  }
  return out
}
