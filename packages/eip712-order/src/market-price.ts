/**
 * Market price from an order book (PROTOCOL.md §3.7): walk the levels from the
 * LAST element backwards (the API lists asks descending and bids ascending, so
 * the best level is last; the levels are never sorted), summing `size × price`
 * (BUY, against asks) or `size` (SELL, against bids) until the sum reaches the
 * amount. FAK falls back to the first level; FOK, or an empty book, is `NO_MATCH`.
 * @module
 */
import * as Dec from './decimal.js'
import { ClobError, type ErrorDetails, InvalidParameterError } from './errors.js'
import type { DecimalInput, Side } from './types.js'

/** One book level as `GET /book` returns it. */
export interface Level {
  readonly price: string
  readonly size: string
}

/** Parameters of {@link fromBook}. */
export interface FromBookParams {
  /** BUY walks the asks; SELL walks the bids. */
  readonly side: Side
  /** The book side in API order (best level last). */
  readonly levels: readonly Level[] | undefined
  /** BUY: collateral to match; SELL: shares to match. */
  readonly amount: DecimalInput
  /** FOK (default) needs the whole amount; FAK falls back to the worst level. */
  readonly orderType?: 'FOK' | 'FAK' | undefined
}

function noMatch(details: ErrorDetails): ClobError {
  return new ClobError('NO_MATCH', 'no match', { details })
}

function level(levels: readonly Level[], i: number): { price: number; size: number } {
  const l = levels[i]
  if (typeof l !== 'object' || l === null) {
    throw new InvalidParameterError('INVALID_AMOUNT', `levels[${i}]`, 'not a {price, size} level')
  }
  const { price, size } = l
  if (typeof price !== 'string' || !Dec.isDecimal(price)) {
    throw new InvalidParameterError('INVALID_PRICE', `levels[${i}].price`, 'not a decimal string')
  }
  if (typeof size !== 'string' || !Dec.isDecimal(size)) {
    throw new InvalidParameterError('INVALID_AMOUNT', `levels[${i}].size`, 'not a decimal string')
  }
  return { price: Number(price), size: Number(size) }
}

/**
 * The price of the book level at which the cumulative depth, walked from the
 * last level backwards, reaches `amount` (`sum >= amount`). The result is the
 * level's price as TSv2 reads it (`parseFloat`), as a shortest decimal string,
 * so `"0.9000"` gives `'0.9'`.
 *
 * COMPATIBILITY: the running sum is accumulated in IEEE doubles exactly as TSv2
 * does (`sum += parseFloat(size) * parseFloat(price)`), because the corpus has
 * amounts equal to the float cumulative sum ("boundary" cases) where the exact
 * decimal sum differs by an ulp and would stop one level later or earlier. The
 * doubles only decide which level matches; no amount is derived from them.
 *
 * @throws ClobError `NO_MATCH` (empty or missing book, or FOK with too little depth);
 *   InvalidParameterError `INVALID_SIDE`, `INVALID_ORDER_TYPE`, `INVALID_AMOUNT`
 *   (param `amount`, or `levels[i].size`), `INVALID_PRICE` (`levels[i].price`).
 * @example
 * ```ts
 * const asks = [{ price: '0.5', size: '100' }, { price: '0.4', size: '200' }, { price: '0.3', size: '100' }]
 * MarketPrice.fromBook({ side: 'BUY', levels: asks, amount: 100, orderType: 'FOK' }) // '0.4' (30 + 80 ≥ 100)
 * ```
 */
export function fromBook(params: FromBookParams): string {
  const { side, levels } = params
  const orderType = params.orderType ?? 'FOK'
  if (side !== 'BUY' && side !== 'SELL') {
    throw new InvalidParameterError(
      'INVALID_SIDE',
      'side',
      `expected BUY or SELL, got ${JSON.stringify(side)}`,
    )
  }
  if (orderType !== 'FOK' && orderType !== 'FAK') {
    throw new InvalidParameterError(
      'INVALID_ORDER_TYPE',
      'orderType',
      `expected FOK or FAK, got ${JSON.stringify(orderType)}`,
    )
  }
  const amountDec = Dec.parse(params.amount, 'amount', 'INVALID_AMOUNT')
  if (Dec.isNegative(amountDec))
    throw new InvalidParameterError('INVALID_AMOUNT', 'amount', 'must not be negative')
  const amount = Dec.toNumber(amountDec)
  if (levels === undefined || levels === null) throw noMatch({ side, reason: 'no levels' })
  if (!Array.isArray(levels))
    throw new InvalidParameterError('INVALID_AMOUNT', 'levels', 'not an array of levels')
  if (levels.length === 0) throw noMatch({ side, reason: 'no levels' })

  let sum = 0
  for (let i = levels.length - 1; i >= 0; i--) {
    const l = level(levels, i)
    sum += side === 'BUY' ? l.size * l.price : l.size
    if (sum >= amount) return plain(l.price)
  }
  if (orderType === 'FOK') throw noMatch({ side, amount: Dec.toString(amountDec), depth: sum })
  return plain(level(levels, 0).price)
}

// The double TSv2 reads, as a plain decimal (never exponent form).
function plain(price: number): string {
  return Dec.toString(Dec.parse(price, 'price'))
}
