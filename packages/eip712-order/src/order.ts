/**
 * Orders: building (PROTOCOL.md §2.4 fields and defaults, §2.9 exchange by version,
 * §2.10 V3 orders from exact amounts, §3 amounts via `Amounts`), EIP-712 typed data and
 * order hash (§2.3, §2.7), signing for signature types 0–3 (§2.5, §2.6), recovery and
 * verification, the V1 fee-rate rule (§3.9), and the POST body (§5.4).
 *
 * Orders are plain data with the official client's key order. Orders built here are
 * frozen and remembered, so signing them skips re-validation; any other object is
 * validated field by field with typed errors naming the field.
 * @module
 */
import * as Addr from './address.js'
import * as Amounts from './amounts.js'
import { ClobError, InvalidParameterError, isClobError } from './errors.js'
import * as Exchange from './exchange.js'
import { fromBytes, isHex, ZERO_BYTES32 } from './hex.js'
import * as Poly1271 from './poly1271.js'
import * as Salt from './salt.js'
import { recoverDigest } from './signer.js'
import { hashExchangeDomain, hashOrder, orderV1Types, orderV2Types, digest as typedDigest } from './struct.js'
import {
  type Address,
  type ChainId,
  type DecimalInput,
  type ExchangeDomain,
  type ExchangeVersion,
  type Hex,
  type OrderType,
  OrderTypes,
  type Side,
  type SignatureType,
  type SignedOrder,
  type Signer,
  type TickSize,
  type TypedData,
  type UnsignedOrder,
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

/**
 * `order` of a V1 POST body (§5.4): `salt` is a JSON number.
 *
 * @example
 * ```ts
 * const wire = Order.toWire(signedV1, { owner }).order as Order.WireOrderV1
 * ```
 */
export interface WireOrderV1 {
  readonly salt: number
  readonly maker: Address
  readonly signer: Address
  readonly taker: Address
  readonly tokenId: string
  readonly makerAmount: string
  readonly takerAmount: string
  readonly side: Side
  readonly expiration: string
  readonly nonce: string
  readonly feeRateBps: string
  readonly signatureType: SignatureType
  readonly signature: Hex
}

/**
 * `order` of a V2/V3 POST body (§5.4): no taker, nonce or feeRateBps.
 *
 * @example
 * ```ts
 * const wire = Order.toWire(signedV2, { owner }).order as Order.WireOrderV2
 * wire.salt // a number
 * ```
 */
export interface WireOrderV2 {
  readonly salt: number
  readonly maker: Address
  readonly signer: Address
  readonly tokenId: string
  readonly makerAmount: string
  readonly takerAmount: string
  readonly side: Side
  readonly signatureType: SignatureType
  readonly timestamp: string
  readonly expiration: string
  readonly metadata: Hex
  readonly builder: Hex
  readonly signature: Hex
}

/**
 * The `POST /order` body (one element of the `POST /orders` array), TSv2 key order.
 *
 * @example
 * ```ts
 * const bodies: Order.NewOrder[] = signed.map((s) => Order.toWire(s, { owner: creds.key }))
 * const body = JSON.stringify(bodies) // POST /orders
 * ```
 */
export interface NewOrder<O extends WireOrderV1 | WireOrderV2 = WireOrderV1 | WireOrderV2> {
  readonly deferExec: boolean
  readonly postOnly: boolean
  readonly order: O
  /** The API key (not an address). */
  readonly owner: string
  readonly orderType: OrderType
}

/**
 * Options of {@link toWire}.
 *
 * @example
 * ```ts
 * const options: Order.WireOptions = { owner: creds.key, orderType: 'GTD', postOnly: true }
 * ```
 */
export interface WireOptions {
  /** The API key. */
  readonly owner: string
  /** Default `GTC`. */
  readonly orderType?: OrderType | undefined
  /** Default false; only with GTC/GTD. */
  readonly postOnly?: boolean | undefined
  /** Default false. */
  readonly deferExec?: boolean | undefined
}

/**
 * A parsed and validated POST body.
 *
 * @example
 * ```ts
 * const parsed: Order.ParsedWire = Order.fromWire(requestBody)
 * ```
 */
export interface ParsedWire {
  readonly order: SignedOrder
  readonly owner: string
  readonly orderType: OrderType
  readonly postOnly: boolean
  readonly deferExec: boolean
}

/**
 * Why {@link verify} rejected an order.
 *
 * @example
 * ```ts
 * const r = Order.verify(signed, domain)
 * if (!r.ok && r.reason === 'SIGNER_MISMATCH') reject(r.message)
 * ```
 */
export type VerifyFailure =
  | 'INVALID_ORDER'
  | 'INVALID_SIGNATURE'
  | 'SIGNER_MISMATCH'
  | 'MAKER_MISMATCH'
  | 'DOMAIN_MISMATCH'
  | 'CONTENTS_MISMATCH'

/**
 * Result of {@link verify}; never thrown.
 *
 * @example
 * ```ts
 * const r: Order.VerifyResult = Order.verify(signed, domain)
 * if (r.ok) console.log(r.signer, r.owner)
 * ```
 */
export type VerifyResult =
  | {
      readonly ok: true
      /** The order's signer (EOA for types 0–2, the deposit wallet for POLY_1271), checksummed. */
      readonly signer: Address
      /** POLY_1271 only: the EOA that signed for the wallet (its owner must be checked on chain). */
      readonly owner?: Address
    }
  | { readonly ok: false; readonly reason: VerifyFailure; readonly message: string }

// ---------------------------------------------------------------------------
// validation helpers

const DIGITS = /^[0-9]+$/

function invalid(code: string, param: string, message: string): never {
  throw new InvalidParameterError(code, param, message)
}

/** A uint256 decimal string (strings verbatim), from a string, safe integer or bigint. */
function uint(value: unknown, param: string, code = 'INVALID_ORDER'): string {
  const s =
    typeof value === 'string'
      ? value
      : typeof value === 'bigint' || Number.isSafeInteger(value)
        ? String(value)
        : ''
  if (!DIGITS.test(s) || s.length > 78 || (s.length === 78 && BigInt(s) >> 256n > 0n)) {
    invalid(code, param, 'expected a uint256')
  }
  return s
}

/** A uint256 decimal string field of an existing order (strings only). */
function uintField(value: unknown, param: string, code = 'INVALID_ORDER'): void {
  if (typeof value !== 'string') invalid(code, param, 'expected a uint256 string')
  uint(value, param, code)
}

function side(value: unknown): Side {
  if (value !== 'BUY' && value !== 'SELL') invalid('INVALID_SIDE', 'side', 'expected "BUY" or "SELL"')
  return value
}

function signatureType(value: unknown, version: 1 | 2): SignatureType {
  if ((value !== 0 && value !== 1 && value !== 2 && value !== 3) || (value === 3 && version === 1)) {
    invalid(
      'UNSUPPORTED_SIGNATURE_TYPE',
      'signatureType',
      value === 3 ? 'POLY_1271 is V2/V3 only' : 'expected 0, 1, 2 or 3',
    )
  }
  return value as SignatureType
}

function bytes32(value: unknown, param: string): Hex {
  if (!isHex(value, { bytes: 32 })) invalid('INVALID_HEX', param, 'expected 32-byte hex')
  return value
}

function address(value: unknown, param: string): Address {
  Addr.assert(value, param)
  return value
}

/** Orders and domains built here (frozen): signing them needs no re-validation. */
const trusted = new WeakSet<object>()

// Key orders (significant: they are the official client's, and JSON keeps them).
/** V1 order = its EIP-712 struct and typed-data message. */
const V1_KEYS = [
  'salt',
  'maker',
  'signer',
  'taker',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'expiration',
  'nonce',
  'feeRateBps',
  'side',
  'signatureType',
]
/** V2/V3 order. */
const V2_KEYS = [
  'salt',
  'maker',
  'signer',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'side',
  'signatureType',
  'metadata',
  'builder',
  'timestamp',
  'expiration',
]
/** V2/V3 typed-data message (viem's order). */
const V2_MESSAGE_KEYS = [
  'salt',
  'maker',
  'signer',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'timestamp',
  'side',
  'signatureType',
  'metadata',
  'builder',
]
/** `order` of a V1 POST body. */
const WIRE_V1_KEYS = [
  'salt',
  'maker',
  'signer',
  'taker',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'side',
  'expiration',
  'nonce',
  'feeRateBps',
  'signatureType',
  'signature',
]
/** `order` of a V2/V3 POST body. */
const WIRE_V2_KEYS = [
  'salt',
  'maker',
  'signer',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'side',
  'signatureType',
  'timestamp',
  'expiration',
  'metadata',
  'builder',
  'signature',
]

/** A new object with `keys` of `src` in that order, then `signature` when given. */
function pick(src: object, keys: readonly string[], signature?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of keys) out[k] = (src as Record<string, unknown>)[k]
  if (signature !== undefined) out.signature = signature
  return out
}

/** Runs `fn`; an `InvalidParameterError` it throws gets its param renamed by `rename`. */
function renamed<T>(fn: () => T, rename: (param: string) => string | undefined): T {
  try {
    return fn()
  } catch (e) {
    const from = e instanceof InvalidParameterError ? e.param : undefined
    const to = from === undefined ? undefined : rename(from)
    if (to === undefined) throw e
    const err = e as InvalidParameterError
    throw new InvalidParameterError(err.code, to, err.message.slice(from!.length + 2), err.details)
  }
}

// ---------------------------------------------------------------------------
// building

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

// ---------------------------------------------------------------------------
// shape, validation, typed data

/**
 * The order schema by shape: 2 (V2/V3 share one struct) when the order has `timestamp`,
 * `metadata` and `builder`, else 1 — the official client's rule (§2.9).
 *
 * @example
 * ```ts
 * Order.version(built.order) // 2 for a V3 order
 * ```
 */
export function version(order: UnsignedOrder | SignedOrder): 1 | 2 {
  const o = order as unknown as Record<string, unknown>
  return o.timestamp !== undefined && o.metadata !== undefined && o.builder !== undefined ? 2 : 1
}

/** Validates every field of an order object; returns its shape version. */
function checkOrder(order: unknown): 1 | 2 {
  if (typeof order !== 'object' || order === null) invalid('INVALID_ORDER', 'order', 'expected an object')
  const v = version(order as UnsignedOrder)
  if (trusted.has(order)) return v
  const o = order as Record<string, unknown>
  uintField(o.salt, 'salt')
  address(o.maker, 'maker')
  address(o.signer, 'signer')
  uintField(o.tokenId, 'tokenId')
  uintField(o.makerAmount, 'makerAmount', 'INVALID_AMOUNT')
  uintField(o.takerAmount, 'takerAmount', 'INVALID_AMOUNT')
  uintField(o.expiration, 'expiration')
  side(o.side)
  signatureType(o.signatureType, v)
  if (v === 1) {
    address(o.taker, 'taker')
    uintField(o.nonce, 'nonce')
    uintField(o.feeRateBps, 'feeRateBps', 'INVALID_FEE_RATE')
  } else {
    uintField(o.timestamp, 'timestamp')
    bytes32(o.metadata, 'metadata')
    bytes32(o.builder, 'builder')
  }
  return v
}

function checkDomain(domain: unknown, v: 1 | 2): ExchangeDomain {
  if (typeof domain !== 'object' || domain === null) invalid('INVALID_ORDER', 'domain', 'expected an object')
  const d = domain as Record<string, unknown>
  if (!trusted.has(domain)) {
    if (d.name !== Exchange.DOMAIN_NAME)
      invalid('INVALID_ORDER', 'domain.name', `expected "${Exchange.DOMAIN_NAME}"`)
    if (d.version !== '1' && d.version !== '2' && d.version !== '3') {
      invalid('UNSUPPORTED_VERSION', 'domain.version', 'expected "1", "2" or "3"')
    }
  }
  if ((v === 1) !== (d.version === '1')) {
    invalid('UNSUPPORTED_VERSION', 'domain.version', 'does not match the order version')
  }
  if (!trusted.has(domain)) {
    if (typeof d.chainId !== 'number' || !Number.isSafeInteger(d.chainId) || d.chainId <= 0) {
      invalid('UNSUPPORTED_CHAIN', 'domain.chainId', 'expected a positive safe integer')
    }
    address(d.verifyingContract, 'domain.verifyingContract')
  }
  return domain as ExchangeDomain
}

/** The typed-data message: the struct's fields, `side` as 0/1. */
function messageOf(order: UnsignedOrder, v: 1 | 2): Record<string, unknown> {
  const m = pick(order, v === 1 ? V1_KEYS : V2_MESSAGE_KEYS)
  m.side = order.side === 'BUY' ? 0 : 1
  return m
}

/**
 * The EIP-712 typed data of an order, as the official client hands it to viem: domain,
 * `types: { Order }` for the order's schema, `primaryType: 'Order'`, and the message with
 * `side` as 0/1 (§2.3, §2.5). POLY_1271 signers sign `Poly1271.typedData` instead.
 *
 * @example
 * ```ts
 * const td = Order.typedData(built.order, built.domain)
 * await viemWallet.signTypedData({ account, ...td })
 * ```
 */
export function typedData(order: UnsignedOrder, domain: ExchangeDomain): TypedData {
  const v = checkOrder(order)
  const d = checkDomain(domain, v)
  return {
    domain: { name: d.name, version: d.version, chainId: d.chainId, verifyingContract: d.verifyingContract },
    types: v === 1 ? orderV1Types : orderV2Types,
    primaryType: 'Order',
    message: messageOf(order, v),
  }
}

function digestOf(
  order: UnsignedOrder,
  domain: ExchangeDomain,
): { digest: Uint8Array; structHash: Uint8Array; sep: Uint8Array; v: 1 | 2 } {
  const v = checkOrder(order)
  const sep = hashExchangeDomain(checkDomain(domain, v))
  const structHash = hashOrder(order as unknown as Record<string, unknown>, v)
  return { digest: typedDigest(sep, structHash), structHash, sep, v }
}

/**
 * The order hash = order ID (PROTOCOL.md §2.7): the EIP-712 hash of the `Order` under
 * the exchange domain. For POLY_1271 orders too (not the `TypedDataSign` digest).
 *
 * @example
 * ```ts
 * Order.hash(built.order, built.domain) // '0x…' (32 bytes)
 * ```
 */
export function hash(order: UnsignedOrder, domain: ExchangeDomain): Hex {
  return fromBytes(digestOf(order, domain).digest)
}

function checkSignatureHex(value: unknown, bytes: number): Hex {
  if (!isHex(value, { bytes })) {
    throw new ClobError('INVALID_SIGNATURE', `expected a ${bytes}-byte hex signature`)
  }
  return value.toLowerCase() as Hex
}

/**
 * Signs a built order (PROTOCOL.md §2.5, §2.6). For signature types 0–2 the signer's
 * address must equal `order.signer` (case-insensitive) or `SIGNER_MISMATCH` is thrown;
 * for POLY_1271 the signer (the wallet owner) signs the `TypedDataSign` digest and the
 * result is the 317-byte wrapper. Uses `signer.signDigest` when present, else
 * `signer.signTypedData`. Returns the order with `signature` appended (key order kept).
 *
 * @example
 * ```ts
 * const signer = Signer.fromPrivateKey(process.env.PK!)
 * const signed = await Order.sign(Order.limit({ ...params, signer: signer.address }), signer)
 * ```
 */
export async function sign(built: BuiltOrder, signer: Signer): Promise<SignedOrder> {
  if (typeof built !== 'object' || built === null) invalid('INVALID_ORDER', 'built', 'expected an object')
  if (typeof signer !== 'object' || signer === null || typeof signer.signTypedData !== 'function') {
    invalid('SIGNER_MISMATCH', 'signer', 'expected a Signer')
  }
  const { order, domain } = built
  const { digest, structHash, sep, v } = digestOf(order, domain)
  const fast = typeof signer.signDigest === 'function'
  let signature: Hex
  if (order.signatureType !== 3) {
    if (!Addr.equal(signer.address, order.signer)) {
      invalid('SIGNER_MISMATCH', 'signer', 'the signer address must equal order.signer')
    }
    signature = checkSignatureHex(
      fast ? await signer.signDigest!(digest) : await signer.signTypedData(typedData(order, domain)),
      65,
    )
  } else {
    const inner = fast
      ? await signer.signDigest!(
          Poly1271.digest({
            domainSeparator: sep,
            contentsHash: structHash,
            chainId: domain.chainId,
            wallet: order.signer,
          }),
        )
      : await signer.signTypedData(Poly1271.typedData({ domain, contents: messageOf(order, v) }))
    signature = Poly1271.wrap({
      innerSignature: checkSignatureHex(inner, 65),
      domainSeparator: sep,
      contentsHash: structHash,
    })
  }
  return pick(order, v === 1 ? V1_KEYS : V2_KEYS, signature) as unknown as SignedOrder
}

function checkSigned(signed: unknown): SignedOrder {
  if (typeof signed !== 'object' || signed === null) invalid('INVALID_ORDER', 'order', 'expected an object')
  if (!isHex((signed as { signature?: unknown }).signature)) {
    invalid('INVALID_SIGNATURE', 'signature', 'expected 0x-prefixed hex')
  }
  return signed as SignedOrder
}

/** A POLY_1271 wrapper that does not match the order; `reason` is for {@link verify}. */
function mismatch(reason: VerifyFailure, message: string): never {
  throw new InvalidParameterError('INVALID_SIGNATURE', 'signature', message, { reason })
}

/**
 * Recovers the EOA that signed an order: for types 0–2 the ECDSA signer of the order
 * hash; for POLY_1271 the wallet owner, after checking that the wrapper's domain
 * separator, contents hash and contents type match this order and domain. Throws
 * `INVALID_SIGNATURE` otherwise.
 *
 * @example
 * ```ts
 * Order.recover(signed, built.domain) === signer.address // true
 * ```
 */
export function recover(signed: SignedOrder, domain: ExchangeDomain): Address {
  const order = checkSigned(signed)
  const { digest, structHash, sep } = digestOf(order, domain)
  if (order.signatureType !== 3) return recoverDigest(digest, order.signature)
  const parts = Poly1271.parse(order.signature)
  if (fromBytes(sep) !== parts.domainSeparator)
    mismatch('DOMAIN_MISMATCH', 'POLY_1271 domain separator does not match the domain')
  if (fromBytes(structHash) !== parts.contentsHash || parts.contentsType !== Poly1271.CONTENTS_TYPE) {
    mismatch('CONTENTS_MISMATCH', 'POLY_1271 contents hash or type does not match the order')
  }
  const d = Poly1271.digest({
    domainSeparator: sep,
    contentsHash: structHash,
    chainId: domain.chainId,
    wallet: order.signer,
  })
  return recoverDigest(d, parts.innerSignature)
}

function failure(reason: VerifyFailure, message: string): VerifyResult {
  return { ok: false, reason, message }
}

/**
 * Verifies a signed order against a domain without throwing (safe on hostile input):
 * - EOA (0): the signature recovers to `signer`, and `maker == signer` (on-chain rule;
 *   the official client can build EOA orders with a funder, which this reports);
 * - POLY_PROXY / POLY_GNOSIS_SAFE (1, 2): recovers to `signer` (wallet ownership is on chain);
 * - POLY_1271 (3): `signer == maker`, the wrapper matches the order and domain, and the
 *   inner signature recovers; `owner` is that EOA (its control of the wallet is on chain).
 *
 * @example
 * ```ts
 * const result = Order.verify(signed, Exchange.domain({ chainId: 137, version: 2, negRisk: false }))
 * if (!result.ok) console.log(result.reason)
 * ```
 */
export function verify(signed: SignedOrder, domain: ExchangeDomain): VerifyResult {
  try {
    let order: SignedOrder
    let v: 1 | 2
    try {
      order = checkSigned(signed)
      v = checkOrder(order)
    } catch (e) {
      return failure(
        isClobError(e) && e.code === 'INVALID_SIGNATURE' ? 'INVALID_SIGNATURE' : 'INVALID_ORDER',
        message(e),
      )
    }
    try {
      checkDomain(domain, v)
    } catch (e) {
      return failure('DOMAIN_MISMATCH', message(e))
    }
    const is1271 = order.signatureType === 3
    if (is1271 && !Addr.equal(order.signer, order.maker)) {
      return failure('MAKER_MISMATCH', 'POLY_1271 orders need signer == maker (the deposit wallet)')
    }
    const bytes = is1271 ? Poly1271.SIGNATURE_BYTES : 65
    if (order.signature.length !== 2 + 2 * bytes) {
      return failure('INVALID_SIGNATURE', `signatures of type ${order.signatureType} are ${bytes} bytes`)
    }
    let recovered: Address
    try {
      recovered = recover(order, domain)
    } catch (e) {
      const reason = isClobError(e) ? (e.details.reason as VerifyFailure | undefined) : undefined
      return failure(reason ?? 'INVALID_SIGNATURE', message(e))
    }
    if (is1271) return { ok: true, signer: Addr.checksum(order.signer), owner: recovered }
    if (!Addr.equal(recovered, order.signer)) {
      return failure('SIGNER_MISMATCH', 'the signature does not recover to order.signer')
    }
    if (order.signatureType === 0 && !Addr.equal(order.maker, order.signer)) {
      return failure('MAKER_MISMATCH', 'EOA orders need maker == signer')
    }
    return { ok: true, signer: recovered }
  } catch (e) {
    return failure('INVALID_ORDER', message(e))
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : 'invalid input'
}

// ---------------------------------------------------------------------------
// wire format (§5.4)

const MAX_SALT = 9007199254740991n

function wireSalt(salt: string): number {
  if (BigInt(salt) > MAX_SALT) {
    invalid('INVALID_ORDER', 'salt', 'must be at most 2^53 - 1 (a JSON number)')
  }
  return Number(salt)
}

function checkBool(value: unknown, param: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') invalid('INVALID_ORDER', param, 'expected a boolean')
  return value === true
}

/** The body fields around the order, validated as both directions need them. */
function wireOptions(
  o: Record<string, unknown>,
  defaultType?: OrderType,
): { owner: string; orderType: OrderType; postOnly: boolean; deferExec: boolean } {
  const owner = o.owner
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > 256) {
    invalid('INVALID_ORDER', 'owner', 'expected the API key')
  }
  const orderType = (o.orderType === undefined ? defaultType : o.orderType) as OrderType
  if (!OrderTypes.includes(orderType)) invalid('INVALID_ORDER', 'orderType', 'expected GTC, GTD, FOK or FAK')
  const postOnly = checkBool(o.postOnly, 'postOnly')
  const deferExec = checkBool(o.deferExec, 'deferExec')
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
    invalid('INVALID_POST_ONLY', 'postOnly', 'postOnly is not supported for FOK/FAK orders')
  }
  return { owner, orderType, postOnly, deferExec }
}

/**
 * The `POST /order` body object for a signed order (PROTOCOL.md §5.4), with TSv2's exact
 * key orders: `{deferExec, postOnly, order, owner, orderType}`, `order.salt` a JSON
 * number (`INVALID_ORDER` above 2^53−1), V1 or V2 fields by the order's shape.
 * `JSON.stringify` of it is the exact body; `POST /orders` sends an array of them.
 * `postOnly` with FOK/FAK throws `INVALID_POST_ONLY`.
 *
 * @example
 * ```ts
 * const body = JSON.stringify(Order.toWire(signed, { owner: creds.key, orderType: 'GTC' }))
 * ```
 */
export function toWire(signed: SignedOrder, options: WireOptions): NewOrder {
  if (typeof options !== 'object' || options === null)
    invalid('INVALID_ORDER', 'options', 'expected an object')
  const { owner, orderType, postOnly, deferExec } = wireOptions(
    options as unknown as Record<string, unknown>,
    'GTC',
  )
  const order = checkSigned(signed)
  const wire = pick(order, checkOrder(order) === 1 ? WIRE_V1_KEYS : WIRE_V2_KEYS)
  wire.salt = wireSalt(order.salt)
  return { deferExec, postOnly, order: wire as unknown as WireOrderV1 | WireOrderV2, owner, orderType }
}

function wireSaltIn(value: unknown): string {
  if (
    typeof value === 'number'
      ? Number.isSafeInteger(value) && value >= 0
      : typeof value === 'string' && /^[0-9]{1,16}$/.test(value) && BigInt(value) <= MAX_SALT
  ) {
    return String(BigInt(value as number | string))
  }
  return invalid('INVALID_ORDER', 'order.salt', 'expected an integer in [0, 2^53 - 1]')
}

/**
 * Parses and validates an untrusted `POST /order` body (an object, or its JSON text):
 * every field typed-checked (`INVALID_ORDER`, `INVALID_ADDRESS`, `INVALID_HEX`,
 * `INVALID_SIDE`, `INVALID_AMOUNT`, `INVALID_SIGNATURE`, `UNSUPPORTED_SIGNATURE_TYPE`,
 * `INVALID_POST_ONLY`, params prefixed `order.`), unknown order keys rejected, the
 * signature length checked for the signature type. Signatures are not verified here:
 * use {@link verify}.
 *
 * @example
 * ```ts
 * const { order, owner, orderType } = Order.fromWire(JSON.parse(body))
 * ```
 */
export function fromWire(json: unknown): ParsedWire {
  let body = json
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body)
    } catch {
      invalid('INVALID_ORDER', 'body', 'not valid JSON')
    }
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    invalid('INVALID_ORDER', 'body', 'expected an object')
  const b = body as Record<string, unknown>
  const { owner, orderType, postOnly, deferExec } = wireOptions(b)
  const w = b.order as Record<string, unknown>
  if (typeof w !== 'object' || w === null || Array.isArray(w))
    invalid('INVALID_ORDER', 'order', 'expected an object')
  const isV2 = Object.hasOwn(w, 'timestamp') || Object.hasOwn(w, 'metadata') || Object.hasOwn(w, 'builder')
  const keys = isV2 ? WIRE_V2_KEYS : WIRE_V1_KEYS
  for (const key of Object.keys(w)) {
    if (!keys.includes(key))
      invalid('INVALID_ORDER', `order.${key}`, `unexpected field in a ${isV2 ? 'V2/V3' : 'V1'} order`)
  }
  for (const key of keys) {
    if (!Object.hasOwn(w, key) || w[key] === undefined)
      invalid('INVALID_ORDER', `order.${key}`, 'missing field')
  }
  const salt = wireSaltIn(w.salt)
  const order = pick(w, isV2 ? V2_KEYS : V1_KEYS, w.signature) as unknown as SignedOrder
  ;(order as { salt: string }).salt = salt
  const prefix = (param: string) => (param.startsWith('order.') ? undefined : `order.${param}`)
  renamed(() => checkOrder(order), prefix)
  const bytes = order.signatureType === 3 ? Poly1271.SIGNATURE_BYTES : 65
  if (!isHex(order.signature, { bytes })) {
    invalid('INVALID_SIGNATURE', 'order.signature', `expected ${bytes} bytes of 0x-prefixed hex`)
  }
  if (order.signatureType === 3) renamed(() => Poly1271.parse(order.signature), prefix)
  return { order, owner, orderType, postOnly, deferExec }
}
