/**
 * `order_limit`, `order_market`, `order_v3_amounts`: the official client's
 * `createOrder` / `createMarketOrder` / `createExchangeV3OrderFromAmounts` flows,
 * replayed on clobkit's public API with the case's market facts (vectors README).
 */
import {
  Amounts,
  type ExchangeDomain,
  type Hex,
  isClobError,
  MarketPrice,
  Order,
  Poly1271,
  type SignedOrder,
  Signer,
  type TickSize,
} from '@clobkit/eip712-order'
import type { Case } from '../corpus.js'
import { describeError, diff, fail, type Outcome, pass } from '../outcome.js'

type Json = Record<string, unknown>
interface Client {
  privateKey: string
  signatureType?: 0 | 1 | 2 | 3
  funderAddress?: Hex
  feeSlippage?: number
  builderConfig?: { builderCode?: string }
}
interface Market {
  minTickSize: string
  negRisk: boolean
  feeRateBps?: number
  feeInfo?: { r: number; e: number }
  builderFees?: Record<string, { makerBps: number; takerBps: number }>
  book?: { bids?: { price: string; size: string }[]; asks?: { price: string; size: string }[] }
}

const ZERO32 = `0x${'0'.repeat(64)}`
const signers = new Map<string, Signer>()
function signerFor(privateKey: string): Signer {
  let s = signers.get(privateKey)
  if (s === undefined) {
    s = Signer.fromPrivateKey(privateKey)
    signers.set(privateKey, s)
  }
  return s
}

/** The order's own builder code, else the client's configured one (TSv2 §3.8 step 2). */
function builderCodeOf(order: Json, client: Client): Hex | undefined {
  const own = order.builderCode as Hex | undefined
  return (own ? own : client.builderConfig?.builderCode || own) as Hex | undefined
}

function feesOf(market: Market, client: Client, builder: string | undefined) {
  const bf = builder && builder !== ZERO32 ? market.builderFees?.[builder] : undefined
  return {
    rate: market.feeInfo?.r ?? 0,
    exponent: market.feeInfo?.e ?? 0,
    builderTakerRate: bf === undefined ? 0 : bf.takerBps / 10000,
    slippage: client.feeSlippage ?? 0,
  }
}

interface Result {
  readonly signed: SignedOrder
  readonly domain: ExchangeDomain
  readonly marketPrice?: number
}

async function replay(c: Case): Promise<Result> {
  const input = c.input
  const client = input.client as Client
  const signer = signerFor(client.privateKey)
  const common = {
    chainId: input.chainId as number,
    signer: signer.address,
    maker: client.funderAddress,
    signatureType: client.signatureType ?? 0,
    salt: input.salt as string,
    timestamp: input.nowMs as number,
  }
  if (c.kind === 'order_v3_amounts') {
    const u = input.userOrder as Json
    const built = Order.fromAmounts({
      ...common,
      tokenId: u.tokenID as string,
      side: u.side as 'BUY' | 'SELL',
      makerAmount: u.makerAmount as string,
      takerAmount: u.takerAmount as string,
      metadata: u.metadata as Hex | undefined,
      builder: builderCodeOf(u, client),
      expiration: u.expiration as number | undefined,
    })
    return { signed: await Order.sign(built, signer), domain: built.domain }
  }
  const market = input.market as Market
  const options = input.options as { tickSize: string; version: 1 | 2 | 3; negRisk?: boolean }
  const version = options.version
  const tickSize: TickSize = Amounts.assertTickSize(options.tickSize, market.minTickSize)
  const negRisk = options.negRisk ?? market.negRisk
  const isMarket = c.kind === 'order_market'
  const u = (isMarket ? input.userMarketOrder : input.userOrder) as Json
  const side = u.side as 'BUY' | 'SELL'
  let price = u.price as number | undefined
  let marketPrice: number | undefined
  if (isMarket && !price) {
    const book = market.book ?? {}
    // The official calculateMarketPrice returns parseFloat(level.price): a JS number.
    marketPrice = Number(
      MarketPrice.fromBook({
        side,
        levels: side === 'BUY' ? book.asks : book.bids,
        amount: u.amount as number,
        orderType: (u.orderType as 'FOK' | 'FAK' | undefined) ?? 'FOK',
      }),
    )
    price = marketPrice
  }
  const builder = builderCodeOf(u, client)
  const v1 = version === 1
  const params = {
    ...common,
    version,
    negRisk,
    tickSize,
    tokenId: u.tokenID as string,
    side,
    price: price as number,
    metadata: v1 ? undefined : (u.metadata as Hex | undefined),
    builder: v1 ? undefined : builder,
    taker: v1 ? (u.taker as Hex | undefined) : undefined,
    nonce: v1 ? (u.nonce as number | undefined) : undefined,
    feeRateBps: v1
      ? Order.resolveFeeRateBps({
          marketFeeRateBps: market.feeRateBps ?? 0,
          userFeeRateBps: u.feeRateBps as number | undefined,
        })
      : undefined,
    userUSDCBalance: u.userUSDCBalance as number | undefined,
    fees: feesOf(market, client, builder),
  }
  const built = isMarket
    ? Order.market({ ...params, amount: u.amount as number })
    : Order.limit({ ...params, size: u.size as number, expiration: u.expiration as number | undefined })
  const signed = await Order.sign(built, signer)
  return marketPrice === undefined
    ? { signed, domain: built.domain }
    : { signed, domain: built.domain, marketPrice }
}

/** D1: the official order has a "0" amount, or viem's parseUnits threw on an exponent-form amount. */
function officialZeroAmount(c: Case): boolean {
  const e = c.expected
  if (typeof e.error === 'string') return e.errorName === 'Value.InvalidDecimalNumberError'
  return e.signedOrder?.makerAmount === '0' || e.signedOrder?.takerAmount === '0'
}

/** Price decimals of the two ticks whose grid is finer than their decimals (PROTOCOL.md §3.1). */
const D2_PRICE_DECIMALS: Readonly<Record<string, number>> = { '0.005': 3, '0.0025': 4 }

/** `decimalPlaces` of the official TS client (PROTOCOL.md §3.2): digits after "." of `String(x)`. */
function decimalPlaces(x: number): number {
  if (Number.isInteger(x)) return 0
  return String(x).split('.')[1]?.length ?? 0
}

/**
 * The price the official client signs for this case: the builder's input price (the
 * user's, or the book's for a market order without one) rounded to the tick's price
 * decimals — half up for limit orders, down for market orders (PROTOCOL.md §3.2, §3.4,
 * §3.5). `undefined` when the case has no price to judge.
 */
export function officialSignedPrice(c: Case): number | undefined {
  const decimals = D2_PRICE_DECIMALS[c.input.options?.tickSize as string]
  if (decimals === undefined) return undefined
  const isMarket = c.kind === 'order_market'
  const given =
    c.expected.builderCall?.userOrder?.price ??
    (isMarket ? c.input.userMarketOrder : c.input.userOrder)?.price
  const price = isMarket ? given || 1 : given
  if (typeof price !== 'number' || decimalPlaces(price) <= decimals) return price
  const scale = 10 ** decimals
  return isMarket ? Math.floor(price * scale) / scale : Math.round((price + Number.EPSILON) * scale) / scale
}

/**
 * D2: tick 0.005 / 0.0025, and the price the official client signed is off the tick grid
 * — its own rounding can move an on-tick-looking input off it (a SELL market order at
 * 0.99749990 rounds down to 0.9974), so the input price is not what is judged.
 */
function officialOffTick(c: Case): boolean {
  const tick = c.input.options?.tickSize as string
  const decimals = D2_PRICE_DECIMALS[tick]
  const price = officialSignedPrice(c)
  if (decimals === undefined || price === undefined) return false
  const units = Math.round(price * 10 ** decimals)
  return units % Math.round(Number(tick) * 10 ** decimals) !== 0
}

export async function orders(c: Case): Promise<Outcome> {
  const e = c.expected
  let result: Result
  try {
    result = await replay(c)
  } catch (err) {
    if (!isClobError(err)) return fail(`threw an untyped error: ${describeError(err)}`)
    if (e.error !== undefined) {
      if (err.code === 'PRICE_NOT_ON_TICK' && officialOffTick(c))
        return { outcome: 'rejected-by-rule', rule: 'D2', detail: describeError(err) }
      return pass
    }
    if (err.code === 'ZERO_AMOUNT' && officialZeroAmount(c))
      return { outcome: 'rejected-by-rule', rule: 'D1', detail: describeError(err) }
    if (err.code === 'PRICE_NOT_ON_TICK' && officialOffTick(c))
      return { outcome: 'rejected-by-rule', rule: 'D2', detail: describeError(err) }
    return fail(`threw ${describeError(err)}; the official client signed an order`)
  }
  if (e.error !== undefined) return fail(`signed an order; the official client threw "${e.error}"`)
  const { signed, domain } = result
  const checks: [string, unknown, unknown][] = [
    ['signedOrder', signed, e.signedOrder],
    ['signature', signed.signature, e.signature],
    ['domain', domain, e.domain],
    ['exchangeAddress', domain.verifyingContract, e.exchangeAddress],
    ['orderHash', Order.hash(signed, domain), e.orderHash],
    [
      'signedTypedData',
      signed.signatureType === 3
        ? Poly1271.typedData({ domain, contents: Order.typedData(signed, domain).message })
        : Order.typedData(signed, domain),
      e.signedTypedData,
    ],
  ]
  if (e.marketPrice !== undefined) checks.push(['marketPrice', result.marketPrice, e.marketPrice])
  for (const [name, actual, expected] of checks) {
    const d = diff(actual, expected, name)
    if (d) return fail(d)
  }
  return pass
}
