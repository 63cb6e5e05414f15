/**
 * Orders: `limit` (GTC / GTD), `market` (FOK / FAK with a worst price), `batch`
 * (JSON or CSV, 15 per request), `sign` (with `--offline`, no network at all) and
 * `get`. `--dry-run` signs and prints the payload, order hash, notional and fee
 * estimate without sending. A rejected order exits 1.
 * @module
 */
import { readFileSync } from 'node:fs'
import type { Client, CreatedOrder, PostedOrder } from '@clobkit/clob-rest'
import type { ExchangeDomain, Hex, SignedOrder } from '@clobkit/eip712-order'
import {
  bool,
  type Expiry,
  type OrderTypeName,
  parseAddress,
  parseBytes32,
  parseDecimal,
  parseExpires,
  parseNonNegInt,
  parseOrderId,
  parseOrderType,
  parsePrice,
  parseSide,
  parseTick,
  parseTokenId,
  required,
  type SideName,
  str,
  type Tick,
} from '../args.js'
import type { Context } from '../context.js'
import { CliError, RejectedError, UsageError } from '../errors.js'
import { checkSignatureSetup, signer as loadSigner } from '../signing.js'
import { complement, fromUnits, loose, multiply, sideStyle, text } from '../util.js'

const PARAM_FLAGS: Record<string, string> = {
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

interface CommonOrderInput {
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

interface LimitInput extends CommonOrderInput {
  readonly price: string
  readonly size: string
  readonly orderType: OrderTypeName
  readonly expiry: Expiry | undefined
  readonly postOnly: boolean
}

function commonInput(ctx: Context): CommonOrderInput {
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

function limitInput(ctx: Context, allowed: readonly OrderTypeName[]): LimitInput {
  const v = ctx.values
  const common = commonInput(ctx)
  const price = parsePrice(required(v, 'price', 'a price between 0 and 1'))
  const size = parseDecimal(required(v, 'size', 'the size in shares'), '--size', { positive: true })
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

function notionalOf(order: SignedOrder): string {
  return fromUnits(order.side === 'BUY' ? order.makerAmount : order.takerAmount)
}

function sharesOf(order: SignedOrder): string {
  return fromUnits(order.side === 'BUY' ? order.takerAmount : order.makerAmount)
}

/** Limit price implied by the signed amounts (collateral per share). */
function priceOf(order: SignedOrder): string {
  const cash = BigInt(order.side === 'BUY' ? order.makerAmount : order.takerAmount)
  const shares = BigInt(order.side === 'BUY' ? order.takerAmount : order.makerAmount)
  if (shares === 0n) return '0'
  return fromUnits((cash * 1_000_000n) / shares)
}

interface Described {
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

async function describe(
  created: { order: SignedOrder; hash: Hex; domain: ExchangeDomain; version: 1 | 2 | 3 },
  orderType: OrderTypeName,
  postOnly: boolean,
  owner: string | undefined,
): Promise<Described> {
  const { Order } = await import('../order-lib.js')
  const o = created.order
  const exp = Number(o.expiration)
  return {
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

function printDescribed(
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

// ---- order sign ----------------------------------------------------------------

export async function orderSign(ctx: Context): Promise<number> {
  const input = limitInput(ctx, ['GTC', 'GTD', 'FOK', 'FAK'])
  const offline = bool(ctx.values, 'offline')
  const ownerFlag = str(ctx.values, 'owner')
  const owner = ownerFlag ?? ctx.profile.credentials?.key
  let created: CreatedOrder
  if (offline) {
    if (input.tickSize === undefined) {
      throw new UsageError(
        'MISSING_OPTION',
        '--tick-size',
        '--offline needs --tick-size (the market tick cannot be fetched)',
      )
    }
    const version = input.version ?? 2
    const s = await loadSigner(ctx)
    checkSignatureSetup(ctx, s.address, version)
    const { Order } = await import('../order-lib.js')
    const { signatureTypeNumber } = await import('../args.js')
    const built = await asUsage(() =>
      Order.limit({
        chainId: ctx.settings.chain,
        version,
        negRisk: input.negRisk ?? false,
        tickSize: input.tickSize!,
        tokenId: input.tokenId,
        side: input.side,
        price: input.price,
        size: input.size,
        signer: s.address,
        ...(ctx.settings.funder === undefined
          ? {}
          : { maker: parseAddress(ctx.settings.funder, '--funder') }),
        signatureType: signatureTypeNumber(ctx.settings.signatureType),
        ...(input.salt === undefined ? {} : { salt: input.salt }),
        ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
        ...(input.expiry === undefined ? {} : { expiration: input.expiry.expiration }),
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        ...(input.builderCode === undefined ? {} : { builder: input.builderCode }),
        ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
        ...(input.taker === undefined ? {} : { taker: input.taker }),
        ...(input.feeRateBps === undefined ? {} : { feeRateBps: input.feeRateBps }),
      }),
    )
    const signed = await asUsage(() => Order.sign(built, s))
    created = {
      order: signed,
      hash: Order.hash(built.order, built.domain),
      domain: built.domain,
      version,
      tokenId: input.tokenId,
    }
    if (!ctx.out.json && ctx.settings.exchangeVersion === undefined) {
      ctx.out.note('exchange version 2 assumed offline; pass --exchange-version to choose')
    }
  } else {
    const client = await orderClient(ctx, input, { credentials: false })
    created = await asUsage(() => client.orders.create(limitParams(input), createOptions(input)))
  }
  const d = await describe(created, input.orderType, input.postOnly, owner)
  if (ctx.out.json) ctx.out.data(d)
  else {
    printDescribed(ctx, d)
    if (d.payload === null)
      ctx.out.note('no API key known: payload omitted (pass --owner or run `clob keys create-or-derive`)')
  }
  return 0
}

// ---- shared online helpers ---------------------------------------------------------

async function orderClient(
  ctx: Context,
  input: CommonOrderInput,
  opts: { credentials: boolean },
): Promise<Client> {
  const { createClient } = await import('@clobkit/clob-rest')
  const { signingClient } = await import('../client.js')
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

function limitParams(input: LimitInput) {
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

function createOptions(input: CommonOrderInput) {
  return {
    ...(input.tickSize === undefined ? {} : { tickSize: input.tickSize }),
    ...(input.negRisk === undefined ? {} : { negRisk: input.negRisk }),
    ...(input.version === undefined ? {} : { version: input.version }),
  }
}

interface FeeEstimate {
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
async function feeEstimate(client: Client, created: CreatedOrder): Promise<FeeEstimate> {
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

function ownerOf(ctx: Context): string | undefined {
  return ctx.profile.credentials?.key
}

async function dryRun(
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

interface PostReport {
  readonly success: boolean
  readonly orderID: string
  readonly orderHash: string | null
  readonly status: string
  readonly errorMsg: string
  readonly insertCode: string | null
  readonly makingAmount: string
  readonly takingAmount: string
  readonly transactionsHashes: readonly string[]
  readonly tradeIDs: readonly string[]
  readonly side: string
  readonly price: string
  readonly size: string
  readonly orderType: OrderTypeName
}

function report(
  posted: PostedOrder | undefined,
  rejected: unknown,
  base: { side: string; price: string; size: string; orderType: OrderTypeName },
): PostReport {
  if (posted !== undefined) {
    const p = loose(posted)
    return {
      success: p.success !== false,
      orderID: text(p.orderID),
      orderHash: posted.orderHash ?? null,
      status: text(p.status),
      errorMsg: text(p.errorMsg ?? p.error),
      insertCode: null,
      makingAmount: text(p.makingAmount),
      takingAmount: text(p.takingAmount),
      transactionsHashes: Array.isArray(p.transactionsHashes) ? p.transactionsHashes.map((x) => text(x)) : [],
      tradeIDs: Array.isArray(p.tradeIDs) ? p.tradeIDs.map((x) => text(x)) : [],
      ...base,
    }
  }
  const r = loose(rejected)
  return {
    success: false,
    orderID: '',
    orderHash: typeof r.orderHash === 'string' ? r.orderHash : null,
    status: 'rejected',
    errorMsg: text(r.serverMessage, text(r.message)),
    insertCode: typeof r.insertCode === 'string' ? r.insertCode : null,
    makingAmount: '',
    takingAmount: '',
    transactionsHashes: [],
    tradeIDs: [],
    ...base,
  }
}

function isRejection(e: unknown): boolean {
  return loose(e).name === 'OrderRejectedError'
}

function outcomeUnknown(e: unknown): CliError | undefined {
  const err = loose(e)
  if (err.name !== 'OrderOutcomeUnknownError') return undefined
  const hashes = Array.isArray(err.orderHashes) ? err.orderHashes.map((h) => text(h)) : []
  return new CliError('ORDER_OUTCOME_UNKNOWN', text(err.message), {
    hint: `the order may or may not be live — check with \`clob order get ${hashes[0] ?? '<hash>'}\` or \`clob orders\` before re-posting`,
    cause: e,
  })
}

function printReport(ctx: Context, r: PostReport): number {
  if (ctx.out.json) ctx.out.data(r)
  else if (r.success) {
    ctx.out.fields([
      ['order id', r.orderID || (r.orderHash ?? '')],
      ['status', ctx.out.paint(r.status, r.status === 'matched' ? 'green' : undefined)],
      ['side', ctx.out.paint(r.side, sideStyle(r.side))],
      ['price', r.price],
      ['size', r.size],
      ['type', r.orderType],
      ...(r.makingAmount ? ([['making', fromUnitsSafe(r.makingAmount)]] as const) : []),
      ...(r.takingAmount ? ([['taking', fromUnitsSafe(r.takingAmount)]] as const) : []),
      ...(r.tradeIDs.length > 0 ? ([['trades', r.tradeIDs.join(', ')]] as const) : []),
      ...(r.transactionsHashes.length > 0 ? ([['tx', r.transactionsHashes.join(', ')]] as const) : []),
    ])
    if (r.errorMsg) ctx.out.warn(`server note: ${r.errorMsg}`)
  }
  if (!r.success) {
    throw new RejectedError(
      'ORDER_REJECTED',
      `order rejected${r.insertCode ? ` (${r.insertCode})` : ''}: ${r.errorMsg || 'no reason given'}`,
      rejectionHint(r.insertCode),
    )
  }
  return 0
}

function fromUnitsSafe(v: string): string {
  return /^\d+$/.test(v) ? fromUnits(v) : v
}

function rejectionHint(code: string | null): string | undefined {
  switch (code) {
    case 'INVALID_ORDER_NOT_ENOUGH_BALANCE':
      return 'check `clob balance` (open orders reserve balance too)'
    case 'INVALID_ORDER_MIN_TICK_SIZE':
      return 'the price is off the market tick; see `clob tick-size <token>`'
    case 'INVALID_ORDER_MIN_SIZE':
      return 'the size is below the market minimum; see `clob book <token>`'
    case 'FOK_ORDER_NOT_FILLED_ERROR':
      return 'not enough liquidity at that price; use --type FAK or a worse --price'
    case 'INVALID_POST_ONLY_ORDER':
      return 'a post-only order would have crossed the book'
    case 'INVALID_ORDER_EXPIRATION':
      return 'GTD expirations need more than 60 s of lead time'
    case 'ORDER_VERSION_MISMATCH':
      return 'the exchange version changed; retry (or pass --exchange-version)'
    default:
      return undefined
  }
}

async function postOne(
  ctx: Context,
  run: () => Promise<PostedOrder>,
  base: { side: string; price: string; size: string; orderType: OrderTypeName },
): Promise<number> {
  let posted: PostedOrder | undefined
  let rejected: unknown
  try {
    posted = await asUsage(run)
  } catch (e) {
    const unknown = outcomeUnknown(e)
    if (unknown !== undefined) throw unknown
    if (!isRejection(e)) throw e
    rejected = e
  }
  return printReport(ctx, report(posted, rejected, base))
}

// ---- order limit ----------------------------------------------------------------

export async function orderLimit(ctx: Context): Promise<number> {
  const input = limitInput(ctx, ['GTC', 'GTD'])
  const dry = bool(ctx.values, 'dry-run')
  if (!dry && (input.salt !== undefined || input.timestamp !== undefined)) {
    throw new UsageError(
      'CONFLICTING_OPTIONS',
      '--salt',
      '--salt/--timestamp are only for --dry-run and `order sign`',
    )
  }
  const client = await orderClient(ctx, input, { credentials: !dry })
  if (dry) {
    const created = await asUsage(() => client.orders.create(limitParams(input), createOptions(input)))
    return dryRun(ctx, client, created, input.orderType, input.postOnly)
  }
  return postOne(
    ctx,
    () =>
      client.orders.createAndPost(limitParams(input), {
        ...createOptions(input),
        orderType: input.orderType,
        postOnly: input.postOnly,
      }),
    { side: input.side, price: input.price, size: input.size, orderType: input.orderType },
  )
}

// ---- order market ----------------------------------------------------------------

export async function orderMarket(ctx: Context): Promise<number> {
  const v = ctx.values
  const common = commonInput(ctx)
  const amount = parseDecimal(required(v, 'amount', 'BUY: collateral to spend; SELL: shares'), '--amount', {
    positive: true,
  })
  const priceFlag = str(v, 'price')
  const price = priceFlag === undefined ? undefined : parsePrice(priceFlag)
  const typeFlag = str(v, 'type')
  const orderType = (typeFlag === undefined ? 'FOK' : parseOrderType(typeFlag, ['FOK', 'FAK'])) as
    | 'FOK'
    | 'FAK'
  const dry = bool(v, 'dry-run')
  if (!dry && (common.salt !== undefined || common.timestamp !== undefined)) {
    throw new UsageError(
      'CONFLICTING_OPTIONS',
      '--salt',
      '--salt/--timestamp are only for --dry-run and `order sign`',
    )
  }
  const client = await orderClient(ctx, common, { credentials: !dry })
  const params = {
    tokenId: common.tokenId,
    side: common.side,
    amount,
    orderType,
    ...(price === undefined ? {} : { price }),
    ...(common.metadata === undefined ? {} : { metadata: common.metadata }),
    ...(common.builderCode === undefined ? {} : { builderCode: common.builderCode }),
    ...(common.feeRateBps === undefined ? {} : { feeRateBps: common.feeRateBps }),
    ...(common.nonce === undefined ? {} : { nonce: common.nonce }),
    ...(common.taker === undefined ? {} : { taker: common.taker }),
  }
  if (dry) {
    const created = await asUsage(() => client.orders.createMarket(params, createOptions(common)))
    return dryRun(ctx, client, created, orderType, false)
  }
  return postOne(
    ctx,
    () => client.orders.createAndPostMarket(params, { ...createOptions(common), orderType }),
    {
      side: common.side,
      price: price ?? '(book)',
      size: amount,
      orderType,
    },
  )
}

// ---- order batch ----------------------------------------------------------------

interface BatchRow {
  readonly token: string
  readonly side: string
  readonly price: string
  readonly size: string
  readonly type?: string
  readonly expires?: string
  readonly tick_size?: string
  readonly neg_risk?: string | boolean
  readonly post_only?: string | boolean
}

function parseCsv(textIn: string): Record<string, string>[] {
  const rows: string[][] = []
  let field = ''
  let row: string[] = []
  let quoted = false
  const s = textIn.replace(/^\uFEFF/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++
      row.push(field)
      field = ''
      if (row.some((c) => c.trim() !== '')) rows.push(row)
      row = []
    } else field += ch
  }
  row.push(field)
  if (row.some((c) => c.trim() !== '')) rows.push(row)
  const [header, ...body] = rows
  if (header === undefined) return []
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  )
  return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])))
}

function readBatch(path: string): BatchRow[] {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `cannot read ${path}`, { cause: e })
  }
  let rows: unknown
  if (/\.json$/i.test(path) || /^\s*[[{]/.test(content)) {
    try {
      rows = JSON.parse(content)
    } catch {
      throw new UsageError('INVALID_BATCH_FILE', 'file', `${path} is not valid JSON`)
    }
    if (!Array.isArray(rows))
      throw new UsageError('INVALID_BATCH_FILE', 'file', 'a JSON batch file holds an array of orders')
  } else rows = parseCsv(content)
  const list = rows as unknown[]
  if (list.length === 0) throw new UsageError('INVALID_BATCH_FILE', 'file', `${path} holds no orders`)
  return list.map((r, i) => {
    const o = loose(r)
    const get = (k: string): string | undefined => {
      const v = o[k] ?? o[k.replace(/_(.)/g, (_m, c: string) => c.toUpperCase())]
      return v === undefined || v === null || v === '' ? undefined : String(v)
    }
    const token = get('token') ?? get('token_id')
    const side = get('side')
    const price = get('price')
    const size = get('size')
    for (const [k, val] of [
      ['token', token],
      ['side', side],
      ['price', price],
      ['size', size],
    ] as const) {
      if (val === undefined)
        throw new UsageError('INVALID_BATCH_ROW', `row ${i + 1}`, `row ${i + 1}: missing ${k}`)
    }
    return {
      token: token!,
      side: side!,
      price: price!,
      size: size!,
      ...(get('type') === undefined ? {} : { type: get('type')! }),
      ...(get('expires') === undefined ? {} : { expires: get('expires')! }),
      ...(get('tick_size') === undefined ? {} : { tick_size: get('tick_size')! }),
      ...(get('neg_risk') === undefined ? {} : { neg_risk: get('neg_risk')! }),
      ...(get('post_only') === undefined ? {} : { post_only: get('post_only')! }),
    }
  })
}

function flag(value: string | boolean | undefined, param: string): boolean {
  if (value === undefined || value === false) return false
  if (value === true) return true
  const v = value.toLowerCase()
  if (['1', 'true', 'yes', 'y'].includes(v)) return true
  if (['0', 'false', 'no', 'n', ''].includes(v)) return false
  throw new UsageError('INVALID_BOOLEAN', param, `${param}: ${JSON.stringify(value)} is not true/false`)
}

const BATCH_SIZE = 15

/** Validates one batch row; every usage error names the row. */
function rowInput(r: BatchRow, i: number, allPostOnly: boolean, now: number) {
  const p = `row ${i + 1}: `
  try {
    const orderType =
      r.type === undefined
        ? r.expires === undefined
          ? 'GTC'
          : 'GTD'
        : parseOrderType(r.type, ['GTC', 'GTD', 'FOK', 'FAK'], `${p}type`)
    if (orderType === 'GTD' && r.expires === undefined)
      throw new UsageError('MISSING_OPTION', `${p}expires`, 'GTD needs expires')
    if (orderType !== 'GTD' && r.expires !== undefined)
      throw new UsageError('CONFLICTING_OPTIONS', `${p}expires`, 'expires only applies to GTD')
    const postOnly = allPostOnly || flag(r.post_only, `${p}post_only`)
    if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
      throw new UsageError(
        'INVALID_POST_ONLY',
        `${p}post_only`,
        'postOnly is not supported for FOK/FAK orders',
      )
    }
    return {
      tokenId: parseTokenId(r.token, `${p}token`),
      side: parseSide(r.side, `${p}side`),
      price: parsePrice(r.price, `${p}price`),
      size: parseDecimal(r.size, `${p}size`, { positive: true }),
      orderType,
      postOnly,
      expiry: r.expires === undefined ? undefined : parseExpires(r.expires, now, `${p}expires`),
      tickSize: r.tick_size === undefined ? undefined : parseTick(r.tick_size, `${p}tick_size`),
      negRisk: r.neg_risk === undefined ? undefined : flag(r.neg_risk, `${p}neg_risk`),
    }
  } catch (e) {
    if (e instanceof UsageError && !e.message.startsWith(p))
      throw new UsageError(e.code, e.param ?? p, `${p}${e.message}`, e.hint)
    throw e
  }
}

export async function orderBatch(ctx: Context): Promise<number> {
  const file = ctx.positionals[0]
  if (file === undefined)
    throw new UsageError('MISSING_ARGUMENT', 'file', 'which file?', 'clob order batch orders.csv')
  const rows = readBatch(file)
  const dry = bool(ctx.values, 'dry-run')
  const allPostOnly = bool(ctx.values, 'post-only')
  const now = Math.floor(ctx.nowMs() / 1000)
  const inputs = rows.map((r, i) => rowInput(r, i, allPostOnly, now))
  const common = commonInputForBatch(ctx)
  const client = await orderClient(ctx, common, { credentials: !dry })
  const created: {
    order: CreatedOrder
    orderType: OrderTypeName
    postOnly: boolean
    price: string
    size: string
  }[] = []
  for (const [i, inp] of inputs.entries()) {
    ctx.out.progress(`signing ${i + 1}/${inputs.length}…`)
    const order = await asUsage(
      () =>
        client.orders.create(
          {
            tokenId: inp.tokenId,
            side: inp.side,
            price: inp.price,
            size: inp.size,
            ...(inp.expiry === undefined ? {} : { expiration: inp.expiry.expiration }),
            ...(common.builderCode === undefined ? {} : { builderCode: common.builderCode }),
          },
          {
            ...(inp.tickSize === undefined ? {} : { tickSize: inp.tickSize }),
            ...(inp.negRisk === undefined ? {} : { negRisk: inp.negRisk }),
            ...(common.version === undefined ? {} : { version: common.version }),
          },
        ),
      `row ${i + 1}: `,
    )
    created.push({
      order,
      orderType: inp.orderType,
      postOnly: inp.postOnly,
      price: inp.price,
      size: inp.size,
    })
  }
  ctx.out.endProgress()
  if (dry) {
    const owner = ownerOf(ctx)
    const described = await Promise.all(created.map((c) => describe(c.order, c.orderType, c.postOnly, owner)))
    if (ctx.out.json)
      ctx.out.data({ dryRun: true, orders: described, requests: Math.ceil(described.length / BATCH_SIZE) })
    else {
      ctx.out.line(ctx.out.paint(`DRY RUN — ${described.length} order(s) signed, nothing was sent`, 'yellow'))
      ctx.out.table(described, [
        { header: '#', value: (d) => String(described.indexOf(d) + 1), align: 'right' },
        { header: 'SIDE', value: (d) => d.side, style: (d) => sideStyle(d.side) },
        { header: 'PRICE', value: (d) => d.price, align: 'right' },
        { header: 'SIZE', value: (d) => d.size, align: 'right' },
        { header: 'NOTIONAL', value: (d) => d.notional, align: 'right' },
        { header: 'TYPE', value: (d) => d.orderType },
        { header: 'ORDER HASH', value: (d) => d.orderHash },
      ])
    }
    return 0
  }
  const results: PostReport[] = []
  const chunks = Math.ceil(created.length / BATCH_SIZE)
  for (let c = 0; c < chunks; c++) {
    const chunk = created.slice(c * BATCH_SIZE, (c + 1) * BATCH_SIZE)
    ctx.out.progress(`posting batch ${c + 1}/${chunks} (${chunk.length} orders)…`)
    // postOnly is per request in the official API; split a chunk that mixes it.
    for (const postOnly of [false, true]) {
      const part = chunk.filter((x) => x.postOnly === postOnly)
      if (part.length === 0) continue
      let entries: Awaited<ReturnType<Client['orders']['postMany']>>
      try {
        entries = await client.orders.postMany(
          part.map((x) => ({ order: x.order, orderType: x.orderType })),
          { postOnly },
        )
      } catch (e) {
        ctx.out.endProgress()
        const unknown = outcomeUnknown(e)
        if (unknown !== undefined) {
          if (ctx.out.json)
            ctx.out.data({
              results,
              posted: results.filter((r) => r.success).length,
              rejected: results.filter((r) => !r.success).length,
              incomplete: true,
            })
          throw unknown
        }
        throw e
      }
      entries.forEach((entry, i) => {
        const x = part[i]!
        const base = { side: x.order.order.side, price: x.price, size: x.size, orderType: x.orderType }
        if (entry.error === undefined && entry.response !== undefined) {
          results.push(report({ ...entry.response, orderHash: entry.orderHash }, undefined, base))
        } else {
          const r = report(undefined, entry.error, base)
          results.push({ ...r, orderHash: r.orderHash ?? entry.orderHash ?? null })
        }
      })
    }
  }
  ctx.out.endProgress()
  const rejected = results.filter((r) => !r.success).length
  if (ctx.out.json) ctx.out.data({ results, posted: results.length - rejected, rejected })
  else {
    ctx.out.table(results, [
      { header: 'SIDE', value: (r) => r.side, style: (r) => sideStyle(r.side) },
      { header: 'PRICE', value: (r) => r.price, align: 'right' },
      { header: 'SIZE', value: (r) => r.size, align: 'right' },
      { header: 'STATUS', value: (r) => r.status, style: (r) => (r.success ? undefined : 'red') },
      { header: 'ORDER ID', value: (r) => r.orderID || (r.orderHash ?? '') },
      { header: 'ERROR', value: (r) => (r.insertCode ?? r.errorMsg) || '' },
    ])
    ctx.out.line(`${results.length - rejected} posted, ${rejected} rejected`)
  }
  if (rejected > 0) {
    throw new RejectedError(
      'ORDER_REJECTED',
      `${rejected} of ${results.length} order(s) rejected`,
      'see the ERROR column',
    )
  }
  return 0
}

function commonInputForBatch(ctx: Context): CommonOrderInput {
  return {
    tokenId: '0',
    side: 'BUY',
    tickSize: undefined,
    negRisk: undefined,
    version: ctx.settings.exchangeVersion,
    metadata: undefined,
    builderCode: ctx.settings.builderCode,
    feeRateBps: undefined,
    nonce: undefined,
    taker: undefined,
    salt: undefined,
    timestamp: undefined,
  }
}

// ---- order get ----------------------------------------------------------------

export async function orderGet(ctx: Context): Promise<number> {
  const id = ctx.positionals[0]
  if (id === undefined) throw new UsageError('MISSING_ARGUMENT', 'order-id', 'which order?')
  const { authClient } = await import('../client.js')
  const order = await authClient(ctx).orders.get(parseOrderId(id))
  if (ctx.out.json) {
    ctx.out.data(order)
    return 0
  }
  const o = loose(order)
  ctx.out.fields([
    ['id', text(o.id)],
    ['status', text(o.status)],
    ['market', text(o.market)],
    ['token', text(o.asset_id)],
    ['side', ctx.out.paint(text(o.side), sideStyle(o.side))],
    ['price', text(o.price)],
    ['size', `${text(o.size_matched, '0')} / ${text(o.original_size)} matched`],
    ['type', text(o.order_type)],
    ['expiration', text(o.expiration) === '0' ? 'none' : text(o.expiration)],
    [
      'created',
      typeof o.created_at === 'number' ? new Date(o.created_at * 1000).toISOString() : text(o.created_at),
    ],
  ])
  return 0
}
