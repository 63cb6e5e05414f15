/**
 * What a signed order says: its hash, price, shares, notional, expiry and fee
 * estimate, as `order sign`, `--dry-run` and batch dry runs print them.
 * @module
 */
import type { Client, CreatedOrder } from '@clobkit/clob-rest'
import type { ExchangeDomain, Hex, SignedOrder } from '@clobkit/eip712-order'
import type { OrderTypeName } from '../../args.js'
import type { Context } from '../../context.js'
import { complement, fromUnits, loose, multiply, sideStyle, text } from '../../util.js'
import { ownerOf } from './input.js'

export function notionalOf(order: SignedOrder): string {
  return fromUnits(order.side === 'BUY' ? order.makerAmount : order.takerAmount)
}

export function sharesOf(order: SignedOrder): string {
  return fromUnits(order.side === 'BUY' ? order.takerAmount : order.makerAmount)
}

/** Limit price implied by the signed amounts (collateral per share). */
export function priceOf(order: SignedOrder): string {
  const cash = BigInt(order.side === 'BUY' ? order.makerAmount : order.takerAmount)
  const shares = BigInt(order.side === 'BUY' ? order.takerAmount : order.makerAmount)
  if (shares === 0n) return '0'
  return fromUnits((cash * 1_000_000n) / shares)
}

export interface Described {
  /** The order id (its EIP-712 hash). */
  readonly orderId: Hex
  /** @deprecated the same as `orderId`. */
  readonly orderHash: Hex
  readonly signature: Hex
  readonly signedOrder: SignedOrder
  readonly payload: unknown
  readonly domain: ExchangeDomain
  readonly exchange: string
  readonly version: 1 | 2 | 3
  readonly side: string
  readonly price: string
  readonly size: string
  readonly notional: string
  readonly orderType: OrderTypeName
  readonly postOnly: boolean
  readonly expiration: string
  readonly effectiveExpiration: string | null
}

export async function describe(
  created: { order: SignedOrder; hash: Hex; domain: ExchangeDomain; version: 1 | 2 | 3 },
  orderType: OrderTypeName,
  postOnly: boolean,
  owner: string | undefined,
): Promise<Described> {
  const { Order } = await import('../../order-lib.js')
  const o = created.order
  const exp = Number(o.expiration)
  return {
    orderId: created.hash,
    orderHash: created.hash,
    signature: o.signature,
    signedOrder: o,
    payload:
      owner === undefined || owner === ''
        ? null
        : Order.toWire(o, { owner, orderType, postOnly, deferExec: false }),
    domain: created.domain,
    exchange: created.domain.verifyingContract,
    version: created.version,
    side: o.side,
    price: priceOf(o),
    size: sharesOf(o),
    notional: notionalOf(o),
    orderType,
    postOnly,
    expiration: o.expiration,
    effectiveExpiration: exp > 0 ? new Date((exp - 60) * 1000).toISOString() : null,
  }
}

export function printDescribed(
  ctx: Context,
  d: Described,
  extra: readonly (readonly [string, string])[] = [],
): void {
  ctx.out.fields([
    ['order hash', d.orderHash],
    ['side', ctx.out.paint(d.side, sideStyle(d.side))],
    ['price', d.price],
    ['size', `${d.size} shares`],
    ['notional', `${d.notional} USDC`],
    ['type', `${d.orderType}${d.postOnly ? ' post-only' : ''}`],
    ...(d.effectiveExpiration === null
      ? []
      : ([['expires', `${d.expiration} (live until ${d.effectiveExpiration})`]] as const)),
    ['exchange', `${d.exchange} (v${d.version}, chain ${d.domain.chainId})`],
    [
      'signature',
      d.signature.length > 140
        ? `${d.signature.slice(0, 132)}… (${(d.signature.length - 2) / 2} bytes)`
        : d.signature,
    ],
    ...extra,
  ])
}

export interface FeeEstimate {
  readonly kind: 'platform' | 'v1'
  readonly rate: string
  readonly exponent: string
  readonly takerOnly: boolean
  /** Fee if the whole order fills as taker, collateral (V2/V3) or the V1 formula. */
  readonly takerFee: string
  readonly builderTakerRate: string
  readonly builderFee: string
}

/** Fee estimate (§3.9): platform fee = shares · rate · (p(1−p))^exponent; builder fee = notional · rate. */
export async function feeEstimate(client: Client, created: CreatedOrder): Promise<FeeEstimate> {
  const o = created.order
  const price = priceOf(o)
  const shares = sharesOf(o)
  const notional = notionalOf(o)
  if (created.version === 1) {
    const bps = text(loose(o).feeRateBps, '0')
    // V1 (CTF CalculatorHelper): fee = bps/10^4 · min(p, 1−p) · shares.
    const minP = Number(price) <= 0.5 ? price : complement(price)
    const fee = multiply([bps, '0.0001', minP, shares])
    return {
      kind: 'v1',
      rate: bps,
      exponent: '1',
      takerOnly: false,
      takerFee: fee,
      builderTakerRate: '0',
      builderFee: '0',
    }
  }
  const info = await client.marketInfo.feeInfo(created.tokenId)
  const builder = loose(o).builder as Hex | undefined
  const bRates = await client.marketInfo.builderFees(builder)
  const rate = String(info.rate)
  const exponent = info.exponent
  let takerFee = '0'
  if (info.rate !== 0) {
    if (Number.isInteger(exponent) && exponent >= 0 && exponent <= 8) {
      const pq = multiply([price, complement(price)], 12)
      takerFee = multiply([shares, rate, ...Array<string>(exponent).fill(pq)])
    } else {
      // A fractional exponent has no exact decimal form; show a rounded estimate.
      takerFee = (Number(shares) * info.rate * (Number(price) * (1 - Number(price))) ** exponent).toFixed(6)
    }
  }
  const builderTakerRate = String(bRates.taker)
  const builderFee = bRates.taker === 0 ? '0' : multiply([notional, builderTakerRate])
  return {
    kind: 'platform',
    rate,
    exponent: String(exponent),
    takerOnly: info.takerOnly,
    takerFee,
    builderTakerRate,
    builderFee,
  }
}

export async function dryRun(
  ctx: Context,
  client: Client,
  created: CreatedOrder,
  orderType: OrderTypeName,
  postOnly: boolean,
): Promise<number> {
  const d = await describe(created, orderType, postOnly, ownerOf(ctx))
  const fees = await feeEstimate(client, created)
  if (ctx.out.json) {
    ctx.out.data({ dryRun: true, ...d, fees })
    return 0
  }
  ctx.out.line(ctx.out.paint('DRY RUN — nothing was sent', 'yellow'))
  printDescribed(ctx, d, [
    [
      'taker fee',
      `${fees.takerFee} USDC if filled as taker (${fees.kind === 'v1' ? `${fees.rate} bps` : `rate ${fees.rate}, exponent ${fees.exponent}`})`,
    ],
    ...(fees.builderFee !== '0' ? ([['builder fee', `${fees.builderFee} USDC`]] as const) : []),
  ])
  if (d.payload !== null) {
    ctx.out.line()
    ctx.out.line(JSON.stringify(d.payload, null, 2))
  } else ctx.out.note('no API key in the profile: payload owner unknown (run `clob keys create-or-derive`)')
  return 0
}
