/**
 * Price rules (PROTOCOL.md §3.1–§3.5, §6.2): an order's level price from its
 * signed amounts, the tick and range rule, and when a taker crosses a level.
 * @module
 */
import type { Side } from '@clobkit/eip712-order'
import * as Decimal from '@clobkit/eip712-order/decimal'
import { fail, type InsertError } from './insert-errors.js'
import { formatPrice, ONE, PRICE_ONE, parsePrice, tickDecimals } from './units.js'

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

/** collateral/shares to 8 decimals, truncated (messages only). */
function showPrice(scaled: bigint, size: bigint): string {
  return Decimal.toString(Decimal.div(Decimal.from(scaled), Decimal.from(size * ONE), 8, 'down'))
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
export function crosses(side: Side, priceMicros: number, levelMicros: number): boolean {
  return side === 'BUY' ? levelMicros <= priceMicros : levelMicros >= priceMicros
}
