/**
 * Order building (PROTOCOL.md §2.4 fields and defaults, §2.9 exchange by version, §2.10 V3
 * orders from exact amounts, §3 amounts via `Amounts`) and the V1 fee-rate rule (§3.9).
 * Orders built here are frozen and remembered as trusted. Published as part of `./order`.
 * @module
 */
import * as Addr from './address.js'
import * as Amounts from './amounts.js'
import { InvalidParameterError } from './errors.js'
import * as Exchange from './exchange.js'
import { ZERO_BYTES32 } from './hex.js'
import {
  address,
  bytes32,
  invalid,
  pick,
  renamed,
  side,
  signatureType,
  trusted,
  uint,
  V1_KEYS,
  V2_KEYS,
} from './order-validate.js'
import * as Salt from './salt.js'
import type {
  Address,
  ChainId,
  DecimalInput,
  ExchangeDomain,
  ExchangeVersion,
  Hex,
  Side,
  SignatureType,
  TickSize,
  UnsignedOrder,
} from './types.js'

/**
 * A non-negative integer given as a safe-integer number, a bigint or a decimal string.
 *
 * @example
 * ```ts
 * const expiration: Order.IntegerInput = Math.floor(Date.now() / 1000) + 60 + 3600 // or '1700003660' or 1700003660n
 * ```
 */
export type IntegerInput = number | bigint | string

/**
 * Fee inputs for the fee-aware BUY sizing (PROTOCOL.md §3.9); absent values are 0.
 *
 * @example
 * ```ts
 * const fees: Order.FeeOptions = { rate: 0.02, exponent: 1, builderTakerRate: 0.025, slippage: 0 }
 * ```
 */
export interface FeeOptions {
  /** Platform fee rate (`fd.r` of `/clob-markets`). */
  readonly rate?: DecimalInput | undefined
  /** Platform fee exponent (`fd.e`). */
  readonly exponent?: DecimalInput | undefined
  /** Builder taker fee as a fraction (`builder_taker_fee_rate_bps / 10000`). */
  readonly builderTakerRate?: DecimalInput | undefined
  /** Percentage padding of the platform fee: 0 or within [1, 100] (client `feeSlippage`). */
  readonly slippage?: DecimalInput | undefined
}

/**
 * Fields shared by {@link limit} and {@link market}.
 *
 * @example
 * ```ts
 * const common: Order.CommonParams = { chainId: 137, version: 2, tickSize: '0.01', tokenId, side: 'BUY', signer: wallet.address }
 * ```
 */
export interface CommonParams {
  readonly chainId: ChainId | number
  readonly version: ExchangeVersion
  /** Neg-risk market (selects the V1/V2 neg-risk exchange; ignored for V3). Default false. */
  readonly negRisk?: boolean | undefined
  readonly tickSize: TickSize
  /** Outcome token ID, a uint256 decimal string. */
  readonly tokenId: string
  readonly side: Side
  /** The EOA address that signs. */
  readonly signer: Address
  /** The funder (proxy, safe or deposit wallet); default the EOA. Copied verbatim. */
  readonly maker?: Address | undefined
  /** Default 0 (EOA). 3 (POLY_1271) is V2/V3 only and makes `signer` = `maker`. */
  readonly signatureType?: SignatureType | undefined
  /** Default `Salt.generate()`. */
  readonly salt?: IntegerInput | undefined
  /** Milliseconds (V2/V3); default `Date.now()`. Ignored for V1. */
  readonly timestamp?: IntegerInput | undefined
  /** bytes32 (V2/V3); default zero. */
  readonly metadata?: Hex | undefined
  /** bytes32 builder code (V2/V3); default zero. Ignored for V1, like the official client. */
  readonly builder?: Hex | undefined
  /** V1 only; default the zero address (public order). */
  readonly taker?: Address | undefined
  /** V1 only; default 0. */
  readonly nonce?: IntegerInput | undefined
  /** V1 only; default 0. Use {@link resolveFeeRateBps} with the market's rate. */
  readonly feeRateBps?: IntegerInput | undefined
  /** BUY only: shrink the order so notional plus fees fit this collateral balance (§3.9). */
  readonly userUSDCBalance?: DecimalInput | undefined
  readonly fees?: FeeOptions | undefined
  /**
   * Refuse a price that is not a multiple of the tick (`PRICE_NOT_ON_TICK`, param `price`) or
   * a size / amount with more decimals than the lot of 0.01 (`SIZE_NOT_ON_LOT`, param `size` or
   * `amount`) instead of rounding it; the error's details name the valid neighbours. Default
   * false: rounded as the official client does (`Amounts.roundToTick` / `roundToLot` round
   * explicitly).
   */
  readonly strict?: boolean | undefined
}

/**
 * Parameters of {@link limit}.
 *
 * @example
 * ```ts
 * const params: Order.LimitParams = { ...common, price: 0.56, size: 21.04, expiration: 0 }
 * ```
 */
export interface LimitParams extends CommonParams {
  readonly price: DecimalInput
  /** Shares. */
  readonly size: DecimalInput
  /** Unix seconds (GTD); default 0 = none. Not signed in V2/V3 (§2.8). */
  readonly expiration?: IntegerInput | undefined
}

/**
 * Parameters of {@link market}.
 *
 * @example
 * ```ts
 * const params: Order.MarketParams = { ...common, amount: 100, price: MarketPrice.fromBook({ side: 'BUY', levels: book.asks, amount: 100 }) }
 * ```
 */
export interface MarketParams extends CommonParams {
  /** The worst acceptable price (e.g. from `MarketPrice.fromBook`). */
  readonly price: DecimalInput
  /** BUY: collateral to spend; SELL: shares. */
  readonly amount: DecimalInput
}

/**
 * Parameters of {@link fromAmounts} (§2.10; always exchange V3).
 *
 * @example
 * ```ts
 * const params: Order.FromAmountsParams = { chainId: 137, tokenId, side: 'BUY', makerAmount: '1000000', takerAmount: '8000000', signer: wallet.address }
 * ```
 */
export interface FromAmountsParams {
  readonly chainId: ChainId | number
  readonly tokenId: string
  readonly side: Side
  /** Positive base-unit integer, `^[0-9]+$`. */
  readonly makerAmount: string
  /** Positive base-unit integer, `^[0-9]+$`. */
  readonly takerAmount: string
  readonly signer: Address
  readonly maker?: Address | undefined
  readonly signatureType?: SignatureType | undefined
  readonly metadata?: Hex | undefined
  readonly builder?: Hex | undefined
  readonly expiration?: IntegerInput | undefined
  readonly salt?: IntegerInput | undefined
  readonly timestamp?: IntegerInput | undefined
}

/**
 * An unsigned order with the domain it is to be signed under.
 *
 * @example
 * ```ts
 * const { order, domain }: Order.BuiltOrder = Order.limit(params)
 * ```
 */
export interface BuiltOrder<O extends UnsignedOrder = UnsignedOrder> {
  readonly order: O
  readonly domain: ExchangeDomain
}

interface Resolved {
  readonly v: 1 | 2
  readonly domain: ExchangeDomain
  readonly maker: Address
  readonly signer: Address
  readonly sigType: SignatureType
}

function resolveCommon(
  p: Pick<CommonParams, 'chainId' | 'version' | 'negRisk' | 'signer' | 'maker' | 'signatureType'>,
): Resolved {
  const version = p.version
  if (version !== 1 && version !== 2 && version !== 3)
    invalid('UNSUPPORTED_VERSION', 'version', 'expected order version 1, 2 or 3')
  const v = version === 1 ? 1 : 2
  const domain = Exchange.domain({ chainId: p.chainId, version, negRisk: p.negRisk })
  trusted.add(domain)
  const sigType = signatureType(p.signatureType ?? 0, v)
  const eoa = address(p.signer, 'signer')
  const maker = p.maker === undefined ? eoa : address(p.maker, 'maker')
  return { v, domain, maker, signer: sigType === 3 ? maker : eoa, sigType }
}

function assemble(
  r: Resolved,
  p: CommonParams | FromAmountsParams,
  tokenId: string,
  s: Side,
  makerAmount: string,
  takerAmount: string,
  expiration: string,
): BuiltOrder {
  const salt = p.salt === undefined ? Salt.generate() : uint(p.salt, 'salt')
  const cp = p as CommonParams
  const v1 = r.v === 1
  if (v1) {
    if (cp.metadata !== undefined && bytes32(cp.metadata, 'metadata') !== ZERO_BYTES32) {
      invalid('INVALID_ORDER', 'metadata', 'V2/V3 only')
    }
    // V2/V3-only values a shared client config may pass: validated, then unused (as in TSv2)
    if (cp.builder !== undefined) bytes32(cp.builder, 'builder')
    if (cp.timestamp !== undefined) uint(cp.timestamp, 'timestamp')
  } else {
    for (const key of ['taker', 'nonce', 'feeRateBps'] as const) {
      if (cp[key] !== undefined) invalid('INVALID_ORDER', key, 'V1 only')
    }
  }
  // every field of either version; `pick` keeps the version's own, in its key order
  const fields = {
    salt,
    maker: r.maker,
    signer: r.signer,
    tokenId,
    makerAmount,
    takerAmount,
    expiration,
    side: s,
    signatureType: r.sigType,
    taker: v1 && cp.taker !== undefined ? address(cp.taker, 'taker') : Addr.ZERO,
    nonce: v1 && cp.nonce !== undefined ? uint(cp.nonce, 'nonce') : '0',
    feeRateBps:
      v1 && cp.feeRateBps !== undefined ? uint(cp.feeRateBps, 'feeRateBps', 'INVALID_FEE_RATE') : '0',
    metadata: !v1 && p.metadata !== undefined ? bytes32(p.metadata, 'metadata') : ZERO_BYTES32,
    builder: !v1 && p.builder !== undefined ? bytes32(p.builder, 'builder') : ZERO_BYTES32,
    timestamp: v1 || p.timestamp === undefined ? String(Date.now()) : uint(p.timestamp, 'timestamp'),
  }
  const order = Object.freeze(pick(fields, v1 ? V1_KEYS : V2_KEYS))
  trusted.add(order)
  return { order: order as unknown as UnsignedOrder, domain: r.domain }
}

/** This API's fee parameter names for those of `Amounts`. */
const FEE_PARAMS: Readonly<Record<string, string>> = {
  feeRate: 'fees.rate',
  feeExponent: 'fees.exponent',
  builderTakerRate: 'fees.builderTakerRate',
  feeSlippage: 'fees.slippage',
}

/** Runs the amount math with `fees` as `Amounts` names them, renaming errors back. */
function amounts(p: CommonParams, fn: (fees: Amounts.FeeParams) => Amounts.OrderAmounts): [string, string] {
  const f = p.fees
  if (f !== undefined && (typeof f !== 'object' || f === null))
    invalid('INVALID_FEE_RATE', 'fees', 'expected an object')
  const a = renamed(
    () =>
      fn({
        feeRate: f?.rate,
        feeExponent: f?.exponent,
        builderTakerRate: f?.builderTakerRate,
        feeSlippage: f?.slippage,
      }),
    (param) => (Object.hasOwn(FEE_PARAMS, param) ? FEE_PARAMS[param] : undefined),
  )
  return [String(a.makerAmount), String(a.takerAmount)]
}

function paramsObject(params: unknown): void {
  if (typeof params !== 'object' || params === null) invalid('INVALID_ORDER', 'params', 'expected an object')
}

/**
 * Builds an unsigned limit order (PROTOCOL.md §3.4, §3.8): amounts from `Amounts`
 * (price validated unrounded then rounded half up, size down to cents; BUY with
 * `userUSDCBalance` fee-sized for V2/V3), fields and defaults per §2.4, and the domain of
 * the exchange for `version`/`negRisk` (§2.9).
 *
 * @example
 * ```ts
 * const built = Order.limit({
 *   chainId: 137, version: 2, negRisk: false, tickSize: '0.01',
 *   tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
 *   side: 'BUY', price: 0.56, size: 21.04, signer: wallet.address,
 * })
 * built.order.makerAmount // '11782400'
 * ```
 */
export function limit(params: LimitParams): BuiltOrder {
  paramsObject(params)
  const r = resolveCommon(params)
  const tokenId = uint(params.tokenId, 'tokenId')
  const s = side(params.side)
  const [maker, taker] = amounts(params, (fees) =>
    Amounts.limitWithFees({
      side: s,
      price: params.price,
      size: params.size,
      tickSize: params.tickSize,
      userUSDCBalance: params.userUSDCBalance,
      applyFeeAdjustment: r.v !== 1,
      strict: params.strict,
      ...fees,
    }),
  )
  const expiration = params.expiration === undefined ? '0' : uint(params.expiration, 'expiration')
  return assemble(r, params, tokenId, s, maker, taker, expiration)
}

/**
 * Builds an unsigned market order (PROTOCOL.md §3.5, §3.8): price validated then
 * rounded down, amount down to cents, BUY `amount` in collateral (fee-sized when
 * `userUSDCBalance` is given, any version), SELL `amount` in shares; expiration `"0"`.
 *
 * @example
 * ```ts
 * const built = Order.market({
 *   chainId: 137, version: 3, tickSize: '0.01', tokenId, side: 'BUY',
 *   amount: 100, price: 0.56, signer: wallet.address,
 * })
 * built.order.takerAmount // '178571400'
 * ```
 */
export function market(params: MarketParams): BuiltOrder {
  paramsObject(params)
  const r = resolveCommon(params)
  const tokenId = uint(params.tokenId, 'tokenId')
  const s = side(params.side)
  if (params.price === undefined) invalid('INVALID_PRICE', 'price', 'a market order needs a worst price')
  const extra = params as { readonly expiration?: unknown }
  if (extra.expiration !== undefined && BigInt(uint(extra.expiration, 'expiration')) !== 0n) {
    invalid('INVALID_ORDER', 'expiration', 'market orders have no expiration')
  }
  const [maker, taker] = amounts(params, (fees) =>
    Amounts.marketWithFees({
      side: s,
      amount: params.amount,
      price: params.price,
      tickSize: params.tickSize,
      userUSDCBalance: params.userUSDCBalance,
      strict: params.strict,
      ...fees,
    }),
  )
  return assemble(r, params, tokenId, s, maker, taker, '0')
}

/**
 * Builds an exchange V3 order from exact base-unit amounts (PROTOCOL.md §2.10): no tick or
 * price rounding; amounts must match `^[0-9]+$` and be > 0 (`INVALID_AMOUNT`).
 *
 * @example
 * ```ts
 * const built = Order.fromAmounts({
 *   chainId: 80002, tokenId: '1234', side: 'BUY',
 *   makerAmount: '1000000', takerAmount: '8000000', signer: wallet.address,
 * })
 * built.domain.version // '3'
 * ```
 */
export function fromAmounts(params: FromAmountsParams): BuiltOrder {
  paramsObject(params)
  for (const key of ['makerAmount', 'takerAmount'] as const) {
    const v = params[key]
    if (typeof v !== 'string' || !/[1-9]/.test(v)) {
      invalid('INVALID_AMOUNT', key, 'makerAmount and takerAmount must be positive decimal integers')
    }
    uint(v, key, 'INVALID_AMOUNT')
  }
  const r = resolveCommon({ ...params, version: 3 })
  const tokenId = uint(params.tokenId, 'tokenId')
  const s = side(params.side)
  const expiration = params.expiration === undefined ? '0' : uint(params.expiration, 'expiration')
  return assemble(r, params, tokenId, s, params.makerAmount, params.takerAmount, expiration)
}

/**
 * The V1 `feeRateBps` to sign (PROTOCOL.md §3.9): always the market's rate; when it is > 0
 * and the user gave a different value, `INVALID_FEE_RATE` (param `feeRateBps`).
 *
 * @example
 * ```ts
 * Order.resolveFeeRateBps({ marketFeeRateBps: 0, userFeeRateBps: 25 }) // '0'
 * Order.resolveFeeRateBps({ marketFeeRateBps: 100, userFeeRateBps: 25 }) // throws INVALID_FEE_RATE
 * ```
 */
export function resolveFeeRateBps(params: {
  readonly marketFeeRateBps: IntegerInput
  readonly userFeeRateBps?: IntegerInput | undefined
}): string {
  if (typeof params !== 'object' || params === null)
    invalid('INVALID_FEE_RATE', 'marketFeeRateBps', 'expected an object')
  const market = BigInt(uint(params.marketFeeRateBps, 'marketFeeRateBps', 'INVALID_FEE_RATE'))
  const user = params.userFeeRateBps
  if (user !== undefined) {
    const u = uint(user, 'feeRateBps', 'INVALID_FEE_RATE')
    if (market > 0n && BigInt(u) !== market) {
      throw new InvalidParameterError(
        'INVALID_FEE_RATE',
        'feeRateBps',
        `invalid user provided fee rate: ${u}, fee rate for the market must be ${market}`,
        { userFeeRateBps: u, marketFeeRateBps: String(market) },
      )
    }
  }
  return String(market)
}
