/**
 * Order amount math (PROTOCOL.md §3.1–§3.6, and the fee-aware BUY sizing of §3.9):
 * tick → rounding configuration, price validity, and the maker/taker amounts
 * of limit and market orders in 6-decimal base units, computed exactly on
 * bigint decimals with the same rounding steps as the official TypeScript
 * client (TSv2).
 *
 * Deliberate deviations from TSv2, each a typed error instead of an order:
 * - D1 `ZERO_AMOUNT`: TSv2 would sign an order with a `"0"` maker or taker
 *   amount (size or amount below one cent), or throw inside viem `parseUnits`
 *   (tiny values printed in exponent form).
 * - D2 `PRICE_NOT_ON_TICK`: with tick `0.005` or `0.0025`, TSv2 only rounds the
 *   price to 3 or 4 decimals, so it can sign a price that is not a multiple of
 *   the tick (which the server rejects).
 *
 * JS-number inputs reproduce TSv2's double rounding steps exactly (its orders,
 * bit for bit); decimal-string inputs are computed exactly and can differ from
 * TSv2 where its doubles lose precision (see {@link Arithmetic}).
 * @module
 */
import * as Dec from './decimal.js'
import { InvalidParameterError } from './errors.js'
import { type DecimalInput, type Side, type TickSize, TickSizes } from './types.js'

type Decimal = Dec.Decimal

/** Decimal places used for a tick size (PROTOCOL.md §3.1). */
export interface RoundingConfig {
  /** Price decimals. */
  readonly price: number
  /** Size decimals (always 2: the lot size is one cent of a share). */
  readonly size: number
  /** Amount (notional) decimals = price decimals + 2. */
  readonly amount: number
}

/** The maker/taker amounts of an order. */
export interface OrderAmounts {
  /** The price after the order type's rounding (limit: half up; market: down), shortest decimal. */
  readonly price: string
  /** Maker amount in 6-decimal base units. */
  readonly makerAmount: bigint
  /** Taker amount in 6-decimal base units. */
  readonly takerAmount: bigint
  /** Maker amount before conversion to base units (TSv2 `rawMakerAmt`), shortest decimal. */
  readonly rawMakerAmount: string
  /** Taker amount before conversion to base units (TSv2 `rawTakerAmt`), shortest decimal. */
  readonly rawTakerAmount: string
}

/**
 * How the rounding steps of §3.2–§3.5 are evaluated. The default follows the
 * inputs: when the price and size/amount are all JS numbers (IEEE doubles, as
 * the official client receives them) it is `tsv2`, so the order is byte for byte
 * the one the official client signs for the same numbers; when any of them is a
 * decimal string it is `exact`.
 * - `exact`: on the exact decimal of each input (a number is read
 *   through `String(x)`), with bigint arithmetic. `size × price` and
 *   `amount / price` are the true values, truncated as TSv2's `fitAmount` does.
 * - `tsv2`: a compatibility reproduction of TSv2's IEEE-double steps
 *   (`roundNormal`, `roundDown`, the double product or quotient, `fitAmount`),
 *   whose results are then read through `String(x)` and converted exactly.
 *   It differs from `exact` where TSv2's doubles lose precision: inputs one
 *   ulp below a cent (`0.1 * 2.3` = 0.22999999999999998 → TSv2 0.23 shares,
 *   exact 0.22), notionals above ~10^6 at 5–6 amount decimals, and market BUY
 *   quotients above ~10^6 (e.g. $9192.97 at 0.0001 → TSv2 91929699.999999
 *   shares, exact 91929700). Use it to sign exactly what the official client signs.
 */
export type Arithmetic = 'exact' | 'tsv2'

/** Parameters of {@link limit}. */
export interface LimitParams {
  readonly side: Side
  /** Limit price; validated unrounded, then rounded half up to the tick's price decimals. */
  readonly price: DecimalInput
  /** Shares; rounded down to 2 decimals. */
  readonly size: DecimalInput
  readonly tickSize: TickSize
  /** `exact` or `tsv2`; default: `tsv2` for all-number inputs, else `exact` (see {@link Arithmetic}). */
  readonly arithmetic?: Arithmetic | undefined
  /** Refuse a price off the tick or a size off the lot instead of rounding it (see {@link assertOnGrid}). Default false. */
  readonly strict?: boolean | undefined
}

/** Parameters of {@link market}. */
export interface MarketParams {
  readonly side: Side
  /** BUY: collateral to spend; SELL: shares. Rounded down to 2 decimals. */
  readonly amount: DecimalInput
  /** Worst price; validated, then rounded down. Absent → 1, as in TSv2 (`price || 1`); normally the caller supplies the book price. */
  readonly price?: DecimalInput | undefined
  readonly tickSize: TickSize
  /** `exact` or `tsv2`; default: `tsv2` for all-number inputs, else `exact` (see {@link Arithmetic}). */
  readonly arithmetic?: Arithmetic | undefined
  /** Refuse a price off the tick or an amount off the lot instead of rounding it (see {@link assertOnGrid}). Default false. */
  readonly strict?: boolean | undefined
}

/** Fee inputs of the fee-aware BUY sizing (PROTOCOL.md §3.9). Absent values are 0. */
export interface FeeParams {
  /** Platform fee rate `fd.r` of the market. */
  readonly feeRate?: DecimalInput | undefined
  /** Platform fee exponent `fd.e` of the market. */
  readonly feeExponent?: DecimalInput | undefined
  /** Builder taker fee rate as a fraction (`builder_taker_fee_rate_bps / 10000`). */
  readonly builderTakerRate?: DecimalInput | undefined
  /** Percentage padding of the platform fee: 0 or within [1, 100]. */
  readonly feeSlippage?: DecimalInput | undefined
}

/** Parameters of {@link adjustBuyForFees}. */
export interface AdjustBuyForFeesParams extends FeeParams {
  /** Collateral the order would spend before fees. */
  readonly amount: DecimalInput
  readonly price: DecimalInput
  /** The user's collateral balance (`userUSDCBalance`). */
  readonly balance: DecimalInput
}

/** Parameters of {@link limitWithFees}. */
export interface LimitWithFeesParams extends LimitParams, FeeParams {
  /** When given (BUY only), the size shrinks so that notional plus fees fit the balance. */
  readonly userUSDCBalance?: DecimalInput | undefined
  /** Whether the fee adjustment applies; TSv2 applies it for order versions ≠ 1 only. Default true. */
  readonly applyFeeAdjustment?: boolean | undefined
}

/** Parameters of {@link marketWithFees}. */
export interface MarketWithFeesParams extends MarketParams, FeeParams {
  /** When given (BUY only), the amount shrinks so that amount plus fees fit the balance (any order version). */
  readonly userUSDCBalance?: DecimalInput | undefined
}

const UNITS = 6
/** TSv2 prints values ≥ 1e21 in exponent form, which makes viem `parseUnits` throw. */
const EXPONENT_FORM_LIMIT: Decimal = { int: 10n ** 21n, scale: 0 }

/**
 * True for the tick sizes TSv2 supports.
 *
 * @example
 * ```ts
 * Amounts.isTickSize('0.0025') // true
 * Amounts.isTickSize('0.02')   // false
 * ```
 */
export function isTickSize(value: unknown): value is TickSize {
  return (TickSizes as readonly unknown[]).includes(value)
}

function tickOf(tickSize: unknown): TickSize {
  if (!isTickSize(tickSize)) {
    throw new InvalidParameterError(
      'INVALID_TICK_SIZE',
      'tickSize',
      `unknown tick size ${JSON.stringify(String(tickSize))}; expected one of ${TickSizes.join(', ')}`,
    )
  }
  return tickSize
}

/** The tick as a decimal: every tick is `0.` and digits ('0.0025' → 25 × 10^-4). */
function tickDecimal(tick: TickSize): Decimal {
  return { int: BigInt(tick.slice(2)), scale: tick.length - 2 }
}

/**
 * Price, size and amount decimals for a tick size (PROTOCOL.md §3.1).
 *
 * @throws InvalidParameterError `INVALID_TICK_SIZE` (param `tickSize`) for an unknown tick.
 * @example
 * ```ts
 * Amounts.roundingConfig('0.01') // { price: 2, size: 2, amount: 4 }
 * ```
 */
export function roundingConfig(tickSize: TickSize): RoundingConfig {
  // price decimals are the tick's own decimals ('0.0025' → 4); amounts carry two more
  const price = tickOf(tickSize).length - 2
  return { price, size: 2, amount: price + 2 }
}

/**
 * `tick ≤ price ≤ 1 − tick` on the unrounded price (PROTOCOL.md §3.3). Invalid
 * input (not a decimal) is not a valid price.
 *
 * @throws InvalidParameterError `INVALID_TICK_SIZE` for an unknown tick.
 * @example
 * ```ts
 * Amounts.isPriceValid(0.99, '0.01')  // true
 * Amounts.isPriceValid(0.999, '0.01') // false
 * ```
 */
export function isPriceValid(price: DecimalInput | Decimal, tickSize: TickSize): boolean {
  const tick = tickDecimal(tickOf(tickSize))
  let p: Decimal
  if (typeof price === 'object' && price !== null) {
    if (typeof price.int !== 'bigint' || !Number.isSafeInteger(price.scale) || price.scale < 0) return false
    p = price
  } else if (Dec.isDecimal(price)) p = Dec.parse(price, 'price')
  else return false
  return Dec.gte(p, tick) && Dec.lte(p, Dec.sub(Dec.ONE, tick))
}

/**
 * True when tick `a` is smaller than tick `b` (TSv2 `isTickSizeSmaller`).
 *
 * @example
 * ```ts
 * Amounts.isTickSizeSmaller('0.001', '0.01') // true
 * ```
 */
export function isTickSizeSmaller(a: DecimalInput, b: DecimalInput): boolean {
  return Dec.lt(
    Dec.parse(a, 'tickSize', 'INVALID_TICK_SIZE'),
    Dec.parse(b, 'marketMinimum', 'INVALID_TICK_SIZE'),
  )
}

/**
 * Checks a requested tick against the market's minimum tick (PROTOCOL.md §3.1):
 * the tick must be a supported one and must not be smaller than the minimum.
 *
 * @throws InvalidParameterError `INVALID_TICK_SIZE` (param `tickSize`; `marketMinimum` when that is not a decimal).
 * @example
 * ```ts
 * Amounts.assertTickSize('0.01', '0.01') // '0.01'
 * Amounts.assertTickSize('0.01', '0.1')  // throws: invalid tick size (0.01), minimum for the market is 0.1
 * ```
 */
export function assertTickSize(tickSize: string, marketMinimum: DecimalInput): TickSize {
  const tick = tickOf(tickSize)
  const minimum = Dec.parse(marketMinimum, 'marketMinimum', 'INVALID_TICK_SIZE')
  if (Dec.lt(tickDecimal(tick), minimum)) {
    throw new InvalidParameterError(
      'INVALID_TICK_SIZE',
      'tickSize',
      `invalid tick size (${tick}), minimum for the market is ${Dec.toString(minimum)}`,
      { tickSize: tick, minimum: Dec.toString(minimum) },
    )
  }
  return tick
}

/** The lot size: orders carry whole cents of a share (BUY market amounts: cents of collateral), PROTOCOL.md §3.1. */
export const LOT_SIZE = '0.01'
const LOT: Decimal = { int: 1n, scale: 2 }

/** The rounding modes of {@link roundToTick} and {@link roundToLot} (see `Decimal.Rounding`). */
export type Rounding = Dec.Rounding

function checkMode(mode: unknown): Rounding {
  if (mode !== 'down' && mode !== 'up' && mode !== 'halfUp') {
    throw new InvalidParameterError(
      'INVALID_PARAMETER',
      'mode',
      `expected 'down', 'up' or 'halfUp', got ${JSON.stringify(mode)}`,
    )
  }
  return mode
}

/** The multiple of `step` next to `value` in the direction of `mode`. */
function toGrid(value: Decimal, step: Decimal, mode: Rounding): Decimal {
  return Dec.normalize(Dec.mul(Dec.div(value, step, 0, mode), step))
}

function keepType(input: DecimalInput, d: Decimal): number | string {
  return typeof input === 'number' ? Dec.toNumber(d) : Dec.toString(d)
}

/**
 * Rounds a price to a multiple of the tick (PROTOCOL.md §3.1), also for the ticks that are
 * not powers of ten (`0.005`, `0.0025`): `down` toward −∞, `up` toward +∞, `halfUp` to the
 * nearest (ties up). A number comes back as a number, a decimal string as the shortest
 * decimal string. The result is not range-checked: `up` of 0.995 on a 0.01 tick is 1,
 * which `Order.limit` refuses (`INVALID_PRICE`); see {@link isPriceValid}.
 *
 * @throws InvalidParameterError `INVALID_PRICE` (param `price`), `INVALID_TICK_SIZE` (param `tickSize`),
 *   `INVALID_PARAMETER` (param `mode`).
 * @example
 * ```ts
 * Amounts.roundToTick('0.453', '0.01', 'down')    // '0.45'
 * Amounts.roundToTick(0.4476, '0.0025', 'halfUp') // 0.4475
 * Amounts.roundToTick('0.501', '0.005', 'up')     // '0.505'
 * ```
 */
export function roundToTick(price: number, tickSize: TickSize, mode: Rounding): number
export function roundToTick(price: DecimalInput, tickSize: TickSize, mode: Rounding): string
export function roundToTick(price: DecimalInput, tickSize: TickSize, mode: Rounding): number | string {
  const tick = tickDecimal(tickOf(tickSize))
  const m = checkMode(mode)
  return keepType(price, toGrid(Dec.parse(price, 'price', 'INVALID_PRICE'), tick, m))
}

/**
 * Rounds a size (shares) or a market BUY amount (collateral) to the lot, whole cents
 * (PROTOCOL.md §3.1): `down` is what order building does to an unrounded size. A number
 * comes back as a number, a decimal string as the shortest decimal string.
 *
 * @param param the parameter named in errors (default `size`).
 * @throws InvalidParameterError `INVALID_AMOUNT` (param `size`, or `param`), `INVALID_PARAMETER` (param `mode`).
 * @example
 * ```ts
 * Amounts.roundToLot('10.0000001', 'down') // '10'
 * Amounts.roundToLot(21.047, 'halfUp')     // 21.05
 * ```
 */
export function roundToLot(size: number, mode: Rounding, param?: string): number
export function roundToLot(size: DecimalInput, mode: Rounding, param?: string): string
export function roundToLot(size: DecimalInput, mode: Rounding, param = 'size'): number | string {
  const m = checkMode(mode)
  return keepType(size, toGrid(Dec.parse(size, param, 'INVALID_AMOUNT'), LOT, m))
}

/**
 * Strict mode's check (`strict: true` on `Amounts.limit` / `market` and `Order.limit` /
 * `market`): the price must be a multiple of the tick and the size or amount a multiple
 * of the lot, as given, because rounding would sign a different order than the one asked
 * for. Refusals name the parameter and carry the valid neighbours in `details`
 * (`below`, `above`). Prices are only checked against the grid here; the range check is
 * the builders' (`INVALID_PRICE`).
 *
 * @throws InvalidParameterError `PRICE_NOT_ON_TICK` (param `price`; details `price`, `tickSize`, `below`, `above`),
 *   `SIZE_NOT_ON_LOT` (param `size` or `amount`; details `size`, `lotSize`, `below`, `above`), and the parse errors.
 * @example
 * ```ts
 * Amounts.assertOnGrid({ price: '0.45', size: '10', tickSize: '0.01' })  // passes
 * Amounts.assertOnGrid({ price: '0.453', size: '10', tickSize: '0.01' }) // throws PRICE_NOT_ON_TICK price (0.45 / 0.46)
 * ```
 */
export function assertOnGrid(params: {
  readonly price?: DecimalInput | undefined
  readonly size?: DecimalInput | undefined
  readonly tickSize: TickSize
  /** The name of the size in errors: `size` (default) or `amount` (market orders). */
  readonly sizeParam?: string | undefined
}): void {
  const tick = tickDecimal(tickOf(params.tickSize))
  if (params.price !== undefined) {
    const p = Dec.parse(params.price, 'price', 'INVALID_PRICE')
    if (!Dec.isMultipleOf(p, tick)) {
      const below = Dec.toString(toGrid(p, tick, 'down'))
      const above = Dec.toString(toGrid(p, tick, 'up'))
      throw new InvalidParameterError(
        'PRICE_NOT_ON_TICK',
        'price',
        `${Dec.toString(p)} is not a multiple of the tick size ${params.tickSize} (nearest: ${below}, ${above}); strict mode does not round`,
        { price: Dec.toString(p), tickSize: params.tickSize, below, above },
      )
    }
  }
  if (params.size !== undefined) {
    const param = params.sizeParam ?? 'size'
    const q = Dec.parse(params.size, param, 'INVALID_AMOUNT')
    if (!Dec.isMultipleOf(q, LOT)) {
      const below = Dec.toString(toGrid(q, LOT, 'down'))
      const above = Dec.toString(toGrid(q, LOT, 'up'))
      throw new InvalidParameterError(
        'SIZE_NOT_ON_LOT',
        param,
        `${Dec.toString(q)} has more decimals than the lot size ${LOT_SIZE} (nearest: ${below}, ${above}); strict mode does not round`,
        { size: Dec.toString(q), lotSize: LOT_SIZE, below, above },
      )
    }
  }
}

function strictOf(strict: unknown): boolean {
  if (strict !== undefined && typeof strict !== 'boolean') {
    throw new InvalidParameterError('INVALID_PARAMETER', 'strict', 'expected a boolean')
  }
  return strict === true
}

function checkSide(side: unknown): Side {
  if (side !== 'BUY' && side !== 'SELL') {
    throw new InvalidParameterError(
      'INVALID_SIDE',
      'side',
      `expected BUY or SELL, got ${JSON.stringify(side)}`,
    )
  }
  return side
}

function checkedPrice(price: DecimalInput, tick: TickSize): Decimal {
  const p = Dec.parse(price, 'price', 'INVALID_PRICE')
  const t = tickDecimal(tick)
  const max = Dec.sub(Dec.ONE, t)
  if (Dec.lt(p, t) || Dec.gt(p, max)) {
    throw new InvalidParameterError(
      'INVALID_PRICE',
      'price',
      `invalid price (${Dec.toString(p)}), min: ${tick} - max: ${Dec.toString(max)}`,
      { price: Dec.toString(p), min: tick, max: Dec.toString(max) },
    )
  }
  return p
}

function nonNegative(input: DecimalInput, param: string): Decimal {
  const d = Dec.parse(input, param, 'INVALID_AMOUNT')
  if (Dec.isNegative(d))
    throw new InvalidParameterError('INVALID_AMOUNT', param, `must not be negative (${input})`)
  return d
}

// Default: JS numbers are already IEEE doubles, so they get TSv2's double steps
// (a ported bot signs byte-identical orders); decimal strings are computed exactly.
function isTsv2(a: unknown, ...inputs: readonly unknown[]): boolean {
  if (a === undefined) return inputs.every((i) => typeof i === 'number')
  if (a !== 'exact' && a !== 'tsv2') {
    throw new InvalidParameterError(
      'INVALID_PARAMETER',
      'arithmetic',
      `expected 'exact' or 'tsv2', got ${JSON.stringify(a)}`,
    )
  }
  return a === 'tsv2'
}

function finish(price: Decimal, rawMaker: Decimal, rawTaker: Decimal, param: string): OrderAmounts {
  if (Dec.gte(rawMaker, EXPONENT_FORM_LIMIT) || Dec.gte(rawTaker, EXPONENT_FORM_LIMIT)) {
    throw new InvalidParameterError('INVALID_AMOUNT', param, 'order amount of 1e21 or more')
  }
  const makerAmount = Dec.toUnits(rawMaker, UNITS)
  const takerAmount = Dec.toUnits(rawTaker, UNITS)
  if (makerAmount === 0n || takerAmount === 0n) {
    throw new InvalidParameterError('ZERO_AMOUNT', param, 'rounds to a zero maker or taker amount', {
      rawMakerAmount: Dec.toString(rawMaker),
      rawTakerAmount: Dec.toString(rawTaker),
    })
  }
  return {
    price: Dec.toString(price),
    makerAmount,
    takerAmount,
    rawMakerAmount: Dec.toString(rawMaker),
    rawTakerAmount: Dec.toString(rawTaker),
  }
}

// TSv2 fitAmount: round UP at amount+4 decimals, then DOWN at amount decimals.
function fit(v: Decimal, places: number): Decimal {
  return Dec.roundDown(Dec.roundUp(v, places + 4), places)
}

// ---- TSv2 double reproduction (arithmetic: 'tsv2', and the fee-sized double) ----
// COMPATIBILITY REPRODUCTION of PROTOCOL.md §3.2 on IEEE doubles, operation for
// operation; used only where a caller asks for TSv2's exact output.

/** TSv2 `decimalPlaces`: digits after the '.' of String(x) (0 for '1e-7'). */
function jsDecimalPlaces(x: number): number {
  return (String(x).split('.')[1] ?? '').length
}
/** TSv2 `roundNormal` (Math.round, `eps` = EPSILON), `roundDown` (Math.floor), `roundUp` (Math.ceil). */
function jsRound(x: number, d: number, f: (x: number) => number, eps = 0): number {
  return jsDecimalPlaces(x) <= d ? x : f((x + eps) * 10 ** d) / 10 ** d
}
function jsFit(v: number, places: number): number {
  if (jsDecimalPlaces(v) <= places) return v
  const up = jsRound(v, places + 4, Math.ceil)
  return jsDecimalPlaces(up) > places ? jsRound(up, places, Math.floor) : up
}
function fromDouble(x: number, param: string): Decimal {
  if (!Number.isFinite(x))
    throw new InvalidParameterError('INVALID_AMOUNT', param, `not a finite amount (${x})`)
  return Dec.parse(x, param)
}

// Limit: validated unrounded, then half up (`roundNormal`); market: rounded down.
// D2: ticks 0.005 and 0.0025 are not powers of ten, so rounding to decimals can leave the grid.
function roundedPrice(price: DecimalInput, tick: TickSize, tsv2: boolean, halfUp: boolean): Decimal {
  const unrounded = checkedPrice(price, tick)
  const places = tick.length - 2
  const rounded = tsv2
    ? Dec.parse(
        halfUp
          ? jsRound(Dec.toNumber(unrounded), places, Math.round, Number.EPSILON)
          : jsRound(Dec.toNumber(unrounded), places, Math.floor),
        'price',
      )
    : Dec.round(unrounded, places, halfUp ? 'halfUp' : 'down')
  if ((tick === '0.005' || tick === '0.0025') && !Dec.isMultipleOf(rounded, tickDecimal(tick))) {
    throw new InvalidParameterError(
      'PRICE_NOT_ON_TICK',
      'price',
      `price ${Dec.toString(rounded)} is not a multiple of the tick size ${tick}`,
      { price: Dec.toString(rounded), tickSize: tick },
    )
  }
  return rounded
}

/** Shares (limit) or collateral/shares (market) rounded down to cents, per arithmetic. */
function cents(value: Decimal, tsv2: boolean, param: string): Decimal {
  return tsv2 ? fromDouble(jsRound(Dec.toNumber(value), 2, Math.floor), param) : Dec.roundDown(value, 2)
}

function limitOf(params: LimitWithFeesParams, withFees: boolean): OrderAmounts {
  const side = checkSide(params.side)
  const fees = withFees ? feeNumbers(params) : undefined
  const tick = tickOf(params.tickSize)
  const tsv2 = isTsv2(params.arithmetic, params.price, params.size)
  if (strictOf(params.strict)) {
    // range and sign errors first, as without strict
    checkedPrice(params.price, tick)
    nonNegative(params.size, 'size')
    assertOnGrid({ price: params.price, size: params.size, tickSize: tick })
  }
  const places = tick.length // amount decimals = price decimals + 2
  const price = roundedPrice(params.price, tick, tsv2, true)
  const size = nonNegative(params.size, 'size')
  const p = Dec.toNumber(price)
  const shares =
    fees && side === 'BUY' && params.userUSDCBalance !== undefined && params.applyFeeAdjustment !== false
      ? sizedCents(
          adjustDouble(
            Dec.toNumber(size) * p,
            p,
            balanceNumber(params.userUSDCBalance, 'userUSDCBalance'),
            fees,
          ) / p,
          'size',
        )
      : cents(size, tsv2, 'size')
  // shares (2 dp) × rounded price: TSv2's double product, or the exact one
  const cash = tsv2
    ? fromDouble(jsFit(Dec.toNumber(shares) * p, places), 'size')
    : fit(Dec.mul(shares, price), places)
  return side === 'BUY' ? finish(price, cash, shares, 'size') : finish(price, shares, cash, 'size')
}

function marketOf(params: MarketWithFeesParams, withFees: boolean): OrderAmounts {
  const side = checkSide(params.side)
  const fees = withFees ? feeNumbers(params) : undefined
  const adjust = fees && side === 'BUY' && params.userUSDCBalance !== undefined
  if (adjust && params.price === undefined) {
    throw new InvalidParameterError('INVALID_PRICE', 'price', 'required for the fee-aware BUY sizing')
  }
  const tick = tickOf(params.tickSize)
  const tsv2 = isTsv2(params.arithmetic, params.price ?? 1, params.amount)
  if (strictOf(params.strict)) {
    // range and sign errors first, as without strict
    if (params.price !== undefined) checkedPrice(params.price, tick)
    nonNegative(params.amount, 'amount')
    assertOnGrid({ price: params.price, size: params.amount, tickSize: tick, sizeParam: 'amount' })
  }
  const places = tick.length // amount decimals = price decimals + 2
  // absent price → 1 (TSv2 `price || 1`)
  const price = params.price === undefined ? Dec.ONE : roundedPrice(params.price, tick, tsv2, false)
  const amount = nonNegative(params.amount, 'amount')
  let qty = cents(amount, tsv2, 'amount')
  if (adjust) {
    const a = Dec.toNumber(amount)
    const balance = balanceNumber(params.userUSDCBalance!, 'userUSDCBalance')
    // at the unrounded price, like TSv2; an unchanged amount keeps the plain path
    const adjusted = adjustDouble(a, Dec.toNumber(checkedPrice(params.price!, tick)), balance, fees)
    if (adjusted !== a) qty = sizedCents(adjusted, 'amount')
  }
  const q = Dec.toNumber(qty)
  const p = Dec.toNumber(price)
  // BUY: shares = collateral / price; SELL: collateral = shares × price; truncated like TSv2 fitAmount
  const other = tsv2
    ? fromDouble(jsFit(side === 'BUY' ? q / p : q * p, places), 'amount')
    : side === 'BUY'
      ? Dec.roundDown(Dec.div(qty, price, places + 4, 'up'), places)
      : fit(Dec.mul(qty, price), places)
  return finish(price, qty, other, 'amount')
}

/**
 * Amounts of a limit order (PROTOCOL.md §3.4). The price is validated
 * unrounded, then rounded half up to the tick's price decimals; the size is
 * rounded down to 2 decimals; the notional `size × price` is exact for
 * decimal-string inputs and TSv2's double result for number inputs
 * (see {@link Arithmetic}).
 *
 * @throws InvalidParameterError `INVALID_SIDE`, `INVALID_TICK_SIZE`, `INVALID_PRICE`,
 *   `INVALID_AMOUNT` (param `size`), `PRICE_NOT_ON_TICK` (D2), `ZERO_AMOUNT` (D1, param `size`).
 * @example
 * ```ts
 * Amounts.limit({ side: 'BUY', price: 0.56, size: 21.04, tickSize: '0.01' })
 * // { price: '0.56', makerAmount: 11782400n, takerAmount: 21040000n, rawMakerAmount: '11.7824', rawTakerAmount: '21.04' }
 * ```
 */
export function limit(params: LimitParams): OrderAmounts {
  return limitOf(params, false)
}

/**
 * Amounts of a market order (PROTOCOL.md §3.5). BUY: `amount` is collateral,
 * rounded down to cents, and the shares are `amount / price` truncated to the
 * amount decimals. SELL: `amount` is shares. The price is validated, then
 * rounded **down**.
 *
 * @throws InvalidParameterError `INVALID_SIDE`, `INVALID_TICK_SIZE`, `INVALID_PRICE`,
 *   `INVALID_AMOUNT` (param `amount`), `PRICE_NOT_ON_TICK` (D2), `ZERO_AMOUNT` (D1, param `amount`).
 * @example
 * ```ts
 * Amounts.market({ side: 'BUY', amount: 100, price: 0.56, tickSize: '0.01' })
 * // { price: '0.56', makerAmount: 100000000n, takerAmount: 178571400n, rawMakerAmount: '100', rawTakerAmount: '178.5714' }
 * ```
 */
export function market(params: MarketParams): OrderAmounts {
  return marketOf(params, false)
}

// ---------------------------------------------------------------------------
// Fee-aware BUY sizing (PROTOCOL.md §3.9, TSv2 `adjustBuyAmountForFees`).
//
// COMPATIBILITY REPRODUCTION, deliberately in IEEE doubles: TSv2 computes the
// fee-aware amount (and, for limit orders, `size = amount / price`, even when no
// adjustment applies) in doubles, and those doubles decide the order's size.
// Matching the official orders requires the same double operations in the same
// order. The sized double is then rounded to cents the way TSv2 does it
// (`Math.floor(x·100)/100`, which can differ from the exact floor of String(x)
// when x lies one ulp below a cent: in a simulation of random no-adjustment
// limit BUYs, 0.7% of `size·price/price` values did), read back through
// `String(x)`, and everything after that follows `arithmetic`.
// ---------------------------------------------------------------------------

interface FeeNumbers {
  readonly rate: number
  readonly exponent: number
  readonly builderRate: number
  readonly slippage: number
}

function toFinite(input: DecimalInput, param: string, code: string): number {
  const n = typeof input === 'number' ? input : Dec.toNumber(Dec.parse(input, param, code))
  if (!Number.isFinite(n)) throw new InvalidParameterError(code, param, `not a finite number (${input})`)
  return n
}

function nonNegativeNumber(input: DecimalInput, param: string, code: string): number {
  const n = toFinite(input, param, code)
  if (n < 0) throw new InvalidParameterError(code, param, `must not be negative (${input})`)
  return n
}

function feeRateNumber(input: DecimalInput | undefined, param: string): number {
  return input === undefined ? 0 : nonNegativeNumber(input, param, 'INVALID_FEE_RATE')
}

function feeNumbers(p: FeeParams): FeeNumbers {
  const raw = p.feeSlippage
  const slippage =
    raw === undefined ? 0 : typeof raw === 'number' ? raw : Dec.isDecimal(raw) ? Number(raw) : Number.NaN
  if (!(slippage === 0 || (slippage >= 1 && slippage <= 100))) {
    throw new InvalidParameterError(
      'INVALID_FEE_SLIPPAGE',
      'feeSlippage',
      `feeSlippage must be 0 or a percentage between 1 and 100 (${String(raw)})`,
    )
  }
  return {
    rate: feeRateNumber(p.feeRate, 'feeRate'),
    exponent: feeRateNumber(p.feeExponent, 'feeExponent'),
    builderRate: feeRateNumber(p.builderTakerRate, 'builderTakerRate'),
    slippage,
  }
}

// TSv2 adjustBuyAmountForFees, operation for operation (doubles; see above).
function adjustDouble(amount: number, price: number, balance: number, f: FeeNumbers): number {
  const platformFeeRate = f.rate * (price * (1 - price)) ** f.exponent
  const effectiveRate = platformFeeRate * (1 + f.slippage / 100)
  const base = Math.min(amount, balance)
  const platformFee = (base / price) * effectiveRate
  const builderFee = base * f.builderRate
  if (balance <= amount + platformFee + builderFee) return Math.max(balance - platformFee - builderFee, 0)
  return amount
}

function balanceNumber(input: DecimalInput, param: string): number {
  return nonNegativeNumber(input, param, 'INVALID_AMOUNT')
}

// The fee-sized double, rounded to cents as TSv2 does; exponent forms (which
// TSv2 leaves unrounded and then fails on) are truncated exactly, giving D1.
function sizedCents(x: number, param: string): Decimal {
  if (!Number.isFinite(x) || x < 0) {
    throw new InvalidParameterError(
      'INVALID_AMOUNT',
      param,
      `fee-adjusted value is not a finite amount (${x})`,
    )
  }
  return Dec.roundDown(Dec.parse(jsRound(x, 2, Math.floor), param), 2)
}

/**
 * TSv2 `adjustBuyAmountForFees` (PROTOCOL.md §3.9): when the balance does not
 * cover `amount` plus the platform fee (padded by `feeSlippage`) and the builder
 * fee, both computed on `min(amount, balance)`, the amount becomes
 * `max(balance − fees, 0)`; equality takes that branch. Otherwise the amount is
 * returned unchanged. Computed in IEEE doubles on purpose (a compatibility
 * reproduction of TSv2); the result is the double's shortest decimal string.
 *
 * @throws InvalidParameterError `INVALID_FEE_SLIPPAGE`, `INVALID_FEE_RATE`, `INVALID_AMOUNT`, `INVALID_PRICE`.
 * @example
 * ```ts
 * Amounts.adjustBuyForFees({ amount: 50, price: 0.5, balance: 50, feeRate: 0.25, feeExponent: 2 }) // '48.4375'
 * ```
 */
export function adjustBuyForFees(params: AdjustBuyForFeesParams): string {
  const fees = feeNumbers(params)
  const amount = balanceNumber(params.amount, 'amount')
  const balance = balanceNumber(params.balance, 'balance')
  const price = toFinite(params.price, 'price', 'INVALID_PRICE')
  if (!(price > 0 && price < 1))
    throw new InvalidParameterError('INVALID_PRICE', 'price', 'must be within (0, 1)')
  return String(adjustDouble(amount, price, balance, fees))
}

/**
 * {@link limit} with TSv2's fee-aware sizing for BUY orders (PROTOCOL.md §3.8
 * step 6): when `userUSDCBalance` is given, side is BUY and
 * `applyFeeAdjustment` is not false (pass `version !== 1`), the size becomes
 * `adjustBuyForFees(size·price, price, balance, …) / price` at the rounded
 * price, computed in doubles and rounded to cents like TSv2. Otherwise it is
 * exactly {@link limit}. Fee inputs are validated in every case.
 *
 * @throws as {@link limit}, plus `INVALID_FEE_SLIPPAGE`, `INVALID_FEE_RATE`, and `INVALID_AMOUNT` (param `userUSDCBalance`).
 * @example
 * ```ts
 * Amounts.limitWithFees({ side: 'BUY', price: 0.5, size: 100, tickSize: '0.01',
 *   userUSDCBalance: 50, feeRate: 0.25, feeExponent: 2, feeSlippage: 20 })
 * // makerAmount 48125000n, takerAmount 96250000n
 * ```
 */
export function limitWithFees(params: LimitWithFeesParams): OrderAmounts {
  return limitOf(params, true)
}

/**
 * {@link market} with TSv2's fee-aware sizing for BUY orders (PROTOCOL.md §3.8
 * step 7, which has no version check): when `userUSDCBalance` is given and side
 * is BUY, `amount := adjustBuyForFees(amount, price, balance, …)` at the
 * unrounded price, in doubles like TSv2. An amount the adjustment leaves
 * unchanged takes exactly the {@link market} path. The price is required when
 * the adjustment applies.
 *
 * @throws as {@link market}, plus `INVALID_FEE_SLIPPAGE`, `INVALID_FEE_RATE`, and `INVALID_AMOUNT` (param `userUSDCBalance`).
 * @example
 * ```ts
 * Amounts.marketWithFees({ side: 'BUY', amount: 50, price: 0.5, tickSize: '0.01',
 *   userUSDCBalance: 50, feeRate: 0.25, feeExponent: 2, feeSlippage: 20 })
 * // makerAmount 48120000n, takerAmount 96240000n
 * ```
 */
export function marketWithFees(params: MarketWithFeesParams): OrderAmounts {
  return marketOf(params, true)
}
