/**
 * Order inputs: flags → validated values, the order client, and the checks that
 * keep the CLI from signing a value the user did not type (a price off the tick,
 * a size or amount finer than the 0.01 lot). Library errors about flag values
 * become usage errors named by flag.
 * @module
 */
import type { Client } from '@clobkit/clob-rest'
import type { Hex } from '@clobkit/eip712-order'
import * as Decimal from '@clobkit/eip712-order/decimal'
import {
  bool,
  type Expiry,
  type OrderTypeName,
  parseAddress,
  parseBytes32,
  parseDecimal,
  parseExpires,
  parseNonNegInt,
  parseOrderType,
  parsePrice,
  parseSide,
  parseTick,
  parseTokenId,
  required,
  type SideName,
  str,
  type Tick,
} from '../../args.js'
import type { Context } from '../../context.js'
import { isUnknownToken, tokenNotFound, UsageError } from '../../errors.js'

export const PARAM_FLAGS: Record<string, string> = {
  price: '--price',
  size: '--size',
  amount: '--amount',
  tickSize: '--tick-size',
  expiration: '--expires',
  salt: '--salt',
  timestamp: '--timestamp',
  metadata: '--metadata',
  builder: '--builder-code',
  builderCode: '--builder-code',
  feeRateBps: '--fee-rate-bps',
  nonce: '--nonce',
  tokenId: '--token',
  side: '--side',
  signatureType: '--signature-type',
  maker: '--funder',
  signer: '--funder',
  postOnly: '--post-only',
  orderType: '--type',
  version: '--exchange-version',
}

/**
 * Errors about the order's own inputs are usage errors (exit 2), named by flag.
 * Only parameters that come from flags qualify: a bad value in a server response
 * (say an unknown tick size or version) stays a runtime failure.
 */
export async function asUsage<T>(fn: () => Promise<T> | T, prefix = ''): Promise<T> {
  try {
    return await fn()
  } catch (e) {
    const err = e as { name?: unknown; code?: unknown; param?: unknown; message?: unknown }
    const flag = typeof err?.param === 'string' ? PARAM_FLAGS[err.param] : undefined
    if (
      err?.name === 'InvalidParameterError' &&
      typeof err.code === 'string' &&
      flag !== undefined &&
      err.code !== 'UNSUPPORTED_VERSION'
    ) {
      const raw = typeof err.message === 'string' ? err.message : err.code
      const message = raw.startsWith(`${String(err.param)}: `) ? raw.slice(String(err.param).length + 2) : raw
      throw new UsageError(err.code, `${prefix}${flag}`, `${prefix}${message}`)
    }
    throw e
  }
}

export interface CommonOrderInput {
  readonly tokenId: string
  readonly side: SideName
  readonly tickSize: Tick | undefined
  readonly negRisk: boolean | undefined
  readonly version: 1 | 2 | 3 | undefined
  readonly metadata: Hex | undefined
  readonly builderCode: Hex | undefined
  readonly feeRateBps: number | undefined
  readonly nonce: string | undefined
  readonly taker: `0x${string}` | undefined
  readonly salt: string | undefined
  readonly timestamp: string | undefined
}

export interface LimitInput extends CommonOrderInput {
  readonly price: string
  readonly size: string
  readonly orderType: OrderTypeName
  readonly expiry: Expiry | undefined
  readonly postOnly: boolean
}

export function commonInput(ctx: Context): CommonOrderInput {
  const v = ctx.values
  const tick = str(v, 'tick-size')
  const meta = str(v, 'metadata')
  const builder = str(v, 'builder-code')
  const fee = str(v, 'fee-rate-bps')
  const nonce = str(v, 'nonce')
  const taker = str(v, 'taker')
  const salt = str(v, 'salt')
  const ts = str(v, 'timestamp')
  return {
    tokenId: parseTokenId(required(v, 'token', 'the outcome token id')),
    side: parseSide(required(v, 'side', 'BUY or SELL')),
    tickSize: tick === undefined ? undefined : parseTick(tick),
    negRisk: bool(v, 'neg-risk') ? true : undefined,
    version: ctx.settings.exchangeVersion,
    metadata: meta === undefined ? undefined : parseBytes32(meta, '--metadata'),
    builderCode: builder === undefined ? ctx.settings.builderCode : parseBytes32(builder, '--builder-code'),
    feeRateBps: fee === undefined ? undefined : parseNonNegInt(fee, '--fee-rate-bps', 10_000),
    nonce: nonce === undefined ? undefined : String(parseNonNegInt(nonce, '--nonce')),
    taker: taker === undefined ? undefined : parseAddress(taker, '--taker'),
    salt: salt === undefined ? undefined : String(parseNonNegInt(salt, '--salt')),
    timestamp: ts === undefined ? undefined : String(parseNonNegInt(ts, '--timestamp')),
  }
}

export function limitInput(ctx: Context, allowed: readonly OrderTypeName[]): LimitInput {
  const v = ctx.values
  const common = commonInput(ctx)
  const price = parsePrice(required(v, 'price', 'a price between 0 and 1'))
  const size = checkLot(
    (m) => ctx.out.warn(m),
    parseDecimal(required(v, 'size', 'the size in shares'), '--size', { positive: true }),
    '--size',
    'shares',
  )
  const typeFlag = str(v, 'type')
  const expires = str(v, 'expires')
  let orderType: OrderTypeName =
    typeFlag === undefined ? (expires === undefined ? 'GTC' : 'GTD') : parseOrderType(typeFlag, allowed)
  if (typeFlag === undefined && expires !== undefined) orderType = 'GTD'
  if (orderType === 'GTD' && expires === undefined) {
    throw new UsageError(
      'MISSING_OPTION',
      '--expires',
      'GTD orders need --expires',
      'e.g. --expires 10m or --expires 2025-06-01T12:00:00Z',
    )
  }
  if (orderType !== 'GTD' && expires !== undefined) {
    throw new UsageError(
      'CONFLICTING_OPTIONS',
      '--expires',
      `--expires only applies to GTD orders, not ${orderType}`,
    )
  }
  // A pinned order timestamp is "now" for the expiry check too (reproducible signing).
  const nowMs = common.timestamp === undefined ? ctx.nowMs() : Number(common.timestamp)
  const expiry = expires === undefined ? undefined : parseExpires(expires, Math.floor(nowMs / 1000))
  const postOnly = bool(v, 'post-only')
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
    throw new UsageError('INVALID_POST_ONLY', '--post-only', 'postOnly is not supported for FOK/FAK orders')
  }
  return { ...common, price, size, orderType, expiry, postOnly }
}

// ---- shared online helpers ---------------------------------------------------------

export async function orderClient(
  ctx: Context,
  input: CommonOrderInput,
  opts: { credentials: boolean },
): Promise<Client> {
  const { createClient } = await import('@clobkit/clob-rest')
  const { signingClient } = await import('../../client.js')
  const base = await signingClient(ctx, {
    withCredentials: opts.credentials,
    ...(input.version === undefined ? {} : { version: input.version }),
  })
  if (input.salt === undefined && input.timestamp === undefined) return base
  // Reproducible signing: a client whose salt / clock are pinned.
  const c = base.context
  return createClient({
    host: c.host,
    chainId: c.chainId as 137 | 80002,
    signer: c.signer,
    credentials: c.credentials,
    signatureType: c.signatureType,
    funder: c.funder,
    builderCode: c.builderCode,
    ...(input.salt === undefined ? {} : { salt: () => input.salt! }),
    ...(input.timestamp === undefined ? {} : { now: () => Number(input.timestamp) }),
  })
}

export function limitParams(input: LimitInput) {
  return {
    tokenId: input.tokenId,
    side: input.side,
    price: input.price,
    size: input.size,
    ...(input.expiry === undefined ? {} : { expiration: input.expiry.expiration }),
    ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
    ...(input.builderCode === undefined ? {} : { builderCode: input.builderCode }),
    ...(input.feeRateBps === undefined ? {} : { feeRateBps: input.feeRateBps }),
    ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
    ...(input.taker === undefined ? {} : { taker: input.taker }),
  }
}

export function createOptions(input: CommonOrderInput) {
  return {
    ...(input.tickSize === undefined ? {} : { tickSize: input.tickSize }),
    ...(input.negRisk === undefined ? {} : { negRisk: input.negRisk }),
    ...(input.version === undefined ? {} : { version: input.version }),
  }
}

export function ownerOf(ctx: Context): string | undefined {
  return ctx.profile.credentials?.key
}

// ---- what is typed is what is signed -------------------------------------------

/** The exchange's lot: sizes and amounts are signed in whole cents (2 decimals). */
export const LOT = '0.01'

function neighbours(value: Decimal.Decimal, step: Decimal.Decimal, places: number): string[] {
  const q = value.int * Decimal.pow10(Math.max(0, step.scale - value.scale))
  const s = step.int * Decimal.pow10(Math.max(0, value.scale - step.scale))
  const scale = Math.max(value.scale, step.scale)
  const below = (q / s) * s
  const out = [below, below + s]
    .map((n) => Decimal.toString(Decimal.round(Decimal.from(n, scale), places, 'down')))
    .filter((x) => x !== '0' && !/^[1-9]/.test(x))
  return [...new Set(out)]
}

/**
 * Refuses a price that is not a multiple of the tick: the library would round it
 * and sign a different price. The refusal names the valid prices either side.
 */
export function checkOnTick(price: string, tick: Tick, param = '--price'): void {
  const p = Decimal.parse(price, 'price')
  const t = Decimal.parse(tick, 'tickSize')
  const max = Decimal.sub(Decimal.from(1n), t)
  if (Decimal.lt(p, t) || Decimal.lt(max, p)) {
    // The range first, as the library and the official clients check it.
    throw new UsageError(
      'INVALID_PRICE',
      param,
      `invalid price (${price}), min: ${tick} - max: ${Decimal.toString(max)}`,
      `prices on a ${tick} market go from ${tick} to ${Decimal.toString(max)}`,
    )
  }
  if (Decimal.isMultipleOf(p, t)) return
  const near = neighbours(p, t, t.scale)
  throw new UsageError(
    'PRICE_NOT_ON_TICK',
    param,
    `price ${price} is not on the market tick ${tick}`,
    near.length > 0
      ? `use ${near.join(' or ')} (prices are multiples of ${tick})`
      : `prices are multiples of ${tick}`,
  )
}

/**
 * A size or amount with more decimals than the 0.01 lot is signed rounded down (as
 * the exchange's clients do); say so, with the value that will be signed.
 * Returns that value.
 */
export function checkLot(
  warn: (message: string) => void,
  value: string,
  param: string,
  unit: string,
): string {
  const d = Decimal.parse(value, 'size')
  if (Decimal.decimalPlaces(Decimal.normalize(d)) <= 2) return value
  const signed = Decimal.toString(Decimal.roundDown(d, 2))
  warn(`${param} ${value} has more than 2 decimals: signing ${signed} ${unit} (the lot is ${LOT})`)
  return signed
}

/** The tick the order will be signed at: `--tick-size`, else the market's (which also proves the token exists). */
export async function effectiveTick(
  ctx: Context,
  client: Client,
  tokenId: string,
  given: Tick | undefined,
  param = '--token',
  signal?: AbortSignal,
): Promise<Tick> {
  try {
    const market = await client.marketInfo.tickSize(tokenId, signal === undefined ? {} : { signal })
    return given ?? market
  } catch (e) {
    if (isUnknownToken(e)) throw tokenNotFound([tokenId], ctx.settings.host, e, param)
    throw e
  }
}
