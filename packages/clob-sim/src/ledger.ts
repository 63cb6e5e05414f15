/**
 * The balance ledger: accounts, credits (kept in step with `minted`), what is
 * available, and what each live order reserves. Amounts are exact bigints.
 * @module
 */
import { remaining } from './book.js'
import type { Account, SimOrder, SimState } from './state.js'
import { mulDivCeil, ONE } from './units.js'

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
  const need = mulDivCeil(rest, BigInt(o.priceMicros), ONE)
  const left = o.makerAmount - o.collateralMoved
  if (need < left) return need
  return left
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
