/**
 * Creating orders (PROTOCOL.md §2.9, §3.7, §3.8, §2.10): limit, market and from-amount
 * orders, signed, with the market facts (tick size, neg risk, version, fees) resolved
 * automatically. No order is sent here; see `orders-post`. Published as part of `Orders`.
 * @module
 */
import {
  type Address,
  type DecimalInput,
  type ExchangeDomain,
  type ExchangeVersion,
  type Hex,
  InvalidParameterError,
  MarketPrice,
  Order,
  type OrderType,
  type Side,
  type SignedOrder,
  type TickSize,
} from '@clobkit/eip712-order'
import { type ClientContext, requireSigner } from './context.js'
import * as Info from './market-info.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Seconds the server adds to GTD expirations (§5.4): a lifetime of N s needs `now + 60 + N`. */
export const GTD_SECURITY_THRESHOLD_SECONDS = 60

/** What limit and market orders share. */
export interface CommonOrderParams {
  readonly tokenId: string
  readonly side: Side
  /** V2/V3: bytes32 metadata. */
  readonly metadata?: Hex | undefined
  /** V2/V3: builder code (bytes32); defaults to the client's `builderCode`. */
  readonly builderCode?: Hex | undefined
  /** V2/V3 BUY: collateral balance; the size is reduced so size·price + fees fit (§3.9). */
  readonly userUSDCBalance?: DecimalInput | undefined
  /** V1: must equal the market fee rate when that is non-zero. */
  readonly feeRateBps?: number | undefined
  /** V1 exchange nonce. */
  readonly nonce?: number | string | undefined
  /** V1 taker (default: public order). */
  readonly taker?: Address | undefined
}

/** A limit order: `size` shares at `price`. */
export interface LimitOrderParams extends CommonOrderParams {
  readonly price: DecimalInput
  readonly size: DecimalInput
  /** Unix seconds; only for GTD (see `gtdExpiration`). */
  readonly expiration?: number | string | undefined
}

/** A market order: BUY spends `amount` collateral, SELL sells `amount` shares. */
export interface MarketOrderParams extends CommonOrderParams {
  readonly amount: DecimalInput
  /** Worst acceptable price; computed from the book when omitted (§3.7). */
  readonly price?: DecimalInput | undefined
  /** How the book price is computed (FOK needs full depth; default FOK). */
  readonly orderType?: 'FOK' | 'FAK' | undefined
}

/** An ExchangeV3 order from exact base-unit amounts (§2.10). */
export interface AmountsOrderParams {
  readonly tokenId: string
  readonly side: Side
  readonly makerAmount: string
  readonly takerAmount: string
  readonly metadata?: Hex | undefined
  readonly builderCode?: Hex | undefined
  readonly expiration?: number | string | undefined
}

/** Overrides of the automatically resolved market facts. */
export interface CreateOptions extends CallOptions {
  /** Must not be finer than the market's minimum tick. */
  readonly tickSize?: TickSize | undefined
  readonly negRisk?: boolean | undefined
  /** Exchange version; default: `GET /version` (cached). */
  readonly version?: ExchangeVersion | undefined
  /**
   * Refuse a price off the market's tick (`PRICE_NOT_ON_TICK`, param `price`) or a size /
   * amount with more decimals than the lot of 0.01 (`SIZE_NOT_ON_LOT`, param `size` /
   * `amount`) instead of rounding it (eip712-order's `strict`). Default false.
   */
  readonly strict?: boolean | undefined
}

/** A signed order with its order ID and domain. */
export interface CreatedOrder {
  readonly order: SignedOrder
  /** The order ID: the EIP-712 order hash (PROTOCOL.md §2.7), the id the exchange answers with (`orderID`). */
  readonly orderId: Hex
  /** @deprecated The same value as `orderId`, clobkit's one name for the order ID; this alias will be removed. */
  readonly hash: Hex
  readonly domain: ExchangeDomain
  readonly version: ExchangeVersion
  readonly tokenId: string
}

/** `now + 60 + lifetime` seconds: a GTD expiration that keeps the order alive for `lifetimeSeconds`. */
export function gtdExpiration(lifetimeSeconds: number, nowMs: number = Date.now()): number {
  if (!Number.isSafeInteger(lifetimeSeconds) || lifetimeSeconds <= 0) {
    throw new InvalidParameterError('INVALID_EXPIRATION', 'lifetimeSeconds', 'expected a positive integer')
  }
  return Math.floor(nowMs / 1000) + GTD_SECURITY_THRESHOLD_SECONDS + lifetimeSeconds
}

export function checkGtd(
  ctx: ClientContext,
  orderType: OrderType,
  expiration: number | string | undefined,
): void {
  if (orderType !== 'GTD') return
  const exp = expiration === undefined ? 0 : Number(expiration)
  const min = Math.floor(ctx.now() / 1000) + GTD_SECURITY_THRESHOLD_SECONDS
  if (!Number.isFinite(exp) || exp <= min) {
    throw new InvalidParameterError(
      'INVALID_EXPIRATION',
      'expiration',
      `GTD orders need an expiration after now + ${GTD_SECURITY_THRESHOLD_SECONDS} s (the server's security threshold); use gtdExpiration(lifetimeSeconds)`,
    )
  }
}

async function resolveTick(ctx: ClientContext, tokenId: string, options: CreateOptions): Promise<TickSize> {
  const market = await Info.tickSize(ctx, tokenId, options)
  if (options.tickSize === undefined) return market
  if (Number(options.tickSize) < Number(market)) {
    throw new InvalidParameterError(
      'INVALID_TICK_SIZE',
      'tickSize',
      `invalid tick size (${options.tickSize}), minimum for the market is ${market}`,
    )
  }
  return options.tickSize
}

async function resolveV1Fee(
  ctx: ClientContext,
  tokenId: string,
  user: number | undefined,
  options: CallOptions,
) {
  const market = await Info.feeRateBps(ctx, tokenId, options)
  if (market > 0 && user !== undefined && user !== market) {
    throw new InvalidParameterError(
      'INVALID_FEE_RATE',
      'feeRateBps',
      `invalid user provided fee rate: ${user}, fee rate for the market must be ${market}`,
    )
  }
  return market
}

/** The fee parameters the amounts need (§3.9): the market's rate, the builder's taker rate, the slippage. */
function feesOf(
  ctx: ClientContext,
  info: { readonly rate: number; readonly exponent: number },
  builderRates: { readonly taker: number },
) {
  return {
    rate: info.rate,
    exponent: info.exponent,
    builderTakerRate: builderRates.taker,
    slippage: ctx.feeSlippage,
  }
}

/** The optional order fields limit and market orders share, present only when set. */
function optionalFields(params: CommonOrderParams, builder: Hex | undefined, feeRateBps: number | undefined) {
  return {
    ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
    ...(builder === undefined ? {} : { builder }),
    ...(params.taker === undefined ? {} : { taker: params.taker }),
    ...(params.nonce === undefined ? {} : { nonce: params.nonce }),
    ...(feeRateBps === undefined ? {} : { feeRateBps }),
    ...(params.userUSDCBalance === undefined ? {} : { userUSDCBalance: params.userUSDCBalance }),
  }
}

function makerSigner(ctx: ClientContext) {
  const signer = requireSigner(ctx, 'creating an order')
  return {
    signer,
    common: {
      chainId: ctx.chainId,
      signer: signer.address,
      ...(ctx.funder === undefined ? {} : { maker: ctx.funder }),
      signatureType: ctx.signatureType,
      ...(ctx.salt === undefined ? {} : { salt: ctx.salt() }),
      timestamp: ctx.now(),
    },
  }
}

async function finish(
  built: { order: Parameters<typeof Order.sign>[0]['order']; domain: ExchangeDomain },
  signer: ReturnType<typeof requireSigner>,
  version: ExchangeVersion,
  tokenId: string,
): Promise<CreatedOrder> {
  const order = await Order.sign(built, signer)
  const orderId = Order.hash(built.order, built.domain)
  return { order, orderId, hash: orderId, domain: built.domain, version, tokenId }
}

/** Create and sign a limit order, resolving tick size, neg risk, version and fees (§3.8). */
export async function create(
  ctx: ClientContext,
  params: LimitOrderParams,
  options: CreateOptions = {},
): Promise<CreatedOrder> {
  const { signer, common } = makerSigner(ctx)
  const tokenId = params.tokenId
  const [tickSize, version, negRisk] = await Promise.all([
    resolveTick(ctx, tokenId, options),
    options.version ?? Info.version(ctx, options),
    options.negRisk ?? Info.negRisk(ctx, tokenId, options),
  ])
  const builder = params.builderCode ?? ctx.builderCode
  let fees: ReturnType<typeof feesOf> | undefined
  if (version !== 1 && params.side === 'BUY' && params.userUSDCBalance !== undefined) {
    const [info, builderRates] = await Promise.all([
      Info.feeInfo(ctx, tokenId, options),
      Info.builderFees(ctx, builder, options),
    ])
    fees = feesOf(ctx, info, builderRates)
  }
  const feeRateBps = version === 1 ? await resolveV1Fee(ctx, tokenId, params.feeRateBps, options) : undefined
  const built = Order.limit({
    ...common,
    version,
    negRisk,
    tickSize,
    tokenId,
    side: params.side,
    price: params.price,
    size: params.size,
    ...(params.expiration === undefined ? {} : { expiration: params.expiration }),
    ...optionalFields(params, builder, feeRateBps),
    ...(fees === undefined ? {} : { fees }),
    ...(options.strict === undefined ? {} : { strict: options.strict }),
  })
  return finish(built, signer, version, tokenId)
}

/** Create and sign a market order; the price comes from the book when omitted (§3.7, §3.8). */
export async function createMarket(
  ctx: ClientContext,
  params: MarketOrderParams,
  options: CreateOptions = {},
): Promise<CreatedOrder> {
  const { signer, common } = makerSigner(ctx)
  const tokenId = params.tokenId
  await Info.load(ctx, tokenId, options)
  const builder = params.builderCode ?? ctx.builderCode
  const [tickSize, version, negRisk, info, builderRates, price] = await Promise.all([
    resolveTick(ctx, tokenId, options),
    options.version ?? Info.version(ctx, options),
    options.negRisk ?? Info.negRisk(ctx, tokenId, options),
    Info.feeInfo(ctx, tokenId, options),
    Info.builderFees(ctx, builder, options),
    params.price ?? bookPrice(ctx, params, options),
  ])
  const feeRateBps = version === 1 ? await resolveV1Fee(ctx, tokenId, params.feeRateBps, options) : undefined
  const built = Order.market({
    ...common,
    version,
    negRisk,
    tickSize,
    tokenId,
    side: params.side,
    amount: params.amount,
    price,
    ...optionalFields(params, builder, feeRateBps),
    fees: feesOf(ctx, info, builderRates),
    ...(options.strict === undefined ? {} : { strict: options.strict }),
  })
  return finish(built, signer, version, tokenId)
}

/**
 * The worst price from the book (§3.7). It keeps the type of `amount`: for a JS-number
 * amount it is a number, as the official client's `calculateMarketPrice` returns, so the
 * amounts follow the same (official-compatible) arithmetic; for a decimal string, a string.
 */
async function bookPrice(
  ctx: ClientContext,
  params: MarketOrderParams,
  options: CallOptions,
): Promise<DecimalInput> {
  const book = await request(
    ctx,
    { method: 'GET', path: '/book', query: { token_id: params.tokenId }, ...options },
    S.OrderBookSummary,
  )
  const levels = params.side === 'BUY' ? book.asks : book.bids
  const price = MarketPrice.fromBook({
    side: params.side,
    levels: levels ?? [],
    amount: params.amount,
    orderType: params.orderType ?? 'FOK',
  })
  return typeof params.amount === 'number' ? Number(price) : price
}

/** Create and sign an ExchangeV3 order from exact base-unit amounts (§2.10); no request is made. */
export async function createFromAmounts(
  ctx: ClientContext,
  params: AmountsOrderParams,
): Promise<CreatedOrder> {
  const { signer, common } = makerSigner(ctx)
  const builder = params.builderCode ?? ctx.builderCode
  const built = Order.fromAmounts({
    ...common,
    tokenId: params.tokenId,
    side: params.side,
    makerAmount: params.makerAmount,
    takerAmount: params.takerAmount,
    ...(params.metadata === undefined ? {} : { metadata: params.metadata }),
    ...(builder === undefined ? {} : { builder }),
    ...(params.expiration === undefined ? {} : { expiration: params.expiration }),
  })
  return finish(built, signer, 3, params.tokenId)
}
