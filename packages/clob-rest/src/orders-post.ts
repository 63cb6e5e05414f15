/**
 * Posting orders (PROTOCOL.md §5.4, §2.9): one (`POST /order`) or a batch (`POST /orders`,
 * chunked by 15), and create-and-post with the version-mismatch re-sign. Published as part
 * of `Orders`.
 *
 * Order POSTs are never retried. A POST whose outcome is unknown (timeout or
 * connection loss after sending, a 5xx, an unreadable 2xx) throws
 * `OrderOutcomeUnknownError` with the locally computed order IDs; pass it to
 * `reconcile`.
 * @module
 */
import {
  Exchange,
  type ExchangeVersion,
  type Hex,
  InvalidParameterError,
  Order,
  type OrderType,
  OrderTypes,
  type SignedOrder,
} from '@clobkit/eip712-order'
import { type ClientContext, requireCredentials } from './context.js'
import {
  AbortedError,
  AuthenticationError,
  GeoblockError,
  HttpError,
  NetworkError,
  OrderOutcomeUnknownError,
  OrderRejectedError,
  RateLimitError,
  ResponseValidationError,
  serverMessage,
  TimeoutError,
} from './errors.js'
import * as Info from './market-info.js'
import {
  type CreatedOrder,
  type CreateOptions,
  checkGtd,
  create,
  createMarket,
  type LimitOrderParams,
  type MarketOrderParams,
} from './orders-create.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Largest batch `POST /orders` accepts (DOCS). */
export const MAX_BATCH = 15

/** How an order is posted. */
export interface PostOptions extends CallOptions {
  /** Time in force; default GTC (FOK for market orders). */
  readonly orderType?: OrderType | undefined
  /** Rest only; rejected locally with FOK/FAK. */
  readonly postOnly?: boolean | undefined
  readonly deferExec?: boolean | undefined
}

/** Anything `post` accepts: a created order, or a bare signed order. */
export type Postable = CreatedOrder | SignedOrder

/**
 * The server's answer to an order POST (its wire `orderID` as sent) plus `orderId`: the order
 * ID, always known for an accepted order (computed locally, or the server's for a bare signed
 * order whose domain is not known).
 */
export type PostedOrder = S.OrderResponse & {
  readonly orderId: Hex
  /** @deprecated The same value as `orderId`, clobkit's one name for the order ID; this alias will be removed. */
  readonly orderHash: Hex
}

/** One entry of a batch result: the response for one order, or why it was refused. */
export interface BatchEntry {
  /** The order ID: always set for created orders; for a bare signed order, when it could be computed or the server sent it. */
  readonly orderId: Hex | undefined
  /** @deprecated The same value as `orderId`; this alias will be removed. */
  readonly orderHash: Hex | undefined
  readonly response: S.OrderResponse | undefined
  /** Set when the server refused this order (`success: false`). */
  readonly error: OrderRejectedError | undefined
}

/** One item of a batch: an order and its time in force. */
export interface BatchItem {
  readonly order: Postable
  readonly orderType?: OrderType | undefined
}

function isCreated(value: Postable): value is CreatedOrder {
  return typeof value === 'object' && value !== null && 'order' in value && 'domain' in value
}

function checkOrderType(orderType: unknown, param = 'orderType'): OrderType {
  if (!(OrderTypes as readonly unknown[]).includes(orderType)) {
    throw new InvalidParameterError('INVALID_ORDER_TYPE', param, `expected one of ${OrderTypes.join(', ')}`)
  }
  return orderType as OrderType
}

/** Local checks that must fail before any request (post-only with FOK/FAK). */
export function checkPostOptions(orderType: OrderType, postOnly: boolean | undefined): void {
  if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
    throw new InvalidParameterError(
      'INVALID_POST_ONLY',
      'postOnly',
      'postOnly is not supported for FOK/FAK orders',
    )
  }
}

function signedOf(p: Postable): SignedOrder {
  return isCreated(p) ? p.order : p
}

/** The order ID; best effort for a bare signed order (V3, or V1/V2 with a cached neg-risk flag). */
function idOf(ctx: ClientContext, p: Postable): Hex | undefined {
  if (isCreated(p)) return p.orderId
  try {
    const shape = Order.version(p)
    const version: ExchangeVersion = shape === 1 ? 1 : (Info.cachedVersion(ctx) ?? 2)
    const negRisk = version === 3 ? false : fresh(ctx, p.tokenId)
    if (negRisk === undefined) return undefined
    const domain = Exchange.domain({ chainId: ctx.chainId, version, negRisk })
    return Order.hash(p, domain)
  } catch {
    return undefined
  }
}

/** The server's `orderID`, when it sent a bytes32 one. */
function serverId(response: S.OrderResponse): Hex | undefined {
  const id = response.orderID
  return typeof id === 'string' && /^0x[0-9a-fA-F]{64}$/.test(id) ? (id as Hex) : undefined
}

function fresh(ctx: ClientContext, tokenId: string): boolean | undefined {
  const entry = ctx.marketInfo.negRisk.get(tokenId)
  return entry !== undefined && entry.expiresAt > ctx.now() ? entry.value : undefined
}

/** `POST /order` body exactly as the official client serialises it (§5.4). */
export function body(owner: string, p: Postable, options: PostOptions = {}): string {
  return JSON.stringify(
    Order.toWire(signedOf(p), {
      owner,
      orderType: options.orderType ?? 'GTC',
      postOnly: options.postOnly ?? false,
      deferExec: options.deferExec ?? false,
    }),
  )
}

/**
 * Side effects of a rejection: refresh the version on a mismatch, and drop cached
 * market facts the rejection points at (tick size, fee rate, neg risk via the
 * signature), so the next order refetches them.
 */
function onRejected(ctx: ClientContext, error: OrderRejectedError, tokenIds: readonly string[]): void {
  if (error.insertCode === 'ORDER_VERSION_MISMATCH') Info.invalidateVersion(ctx)
  const msg = error.serverMessage
  for (const t of tokenIds) {
    if (error.insertCode === 'INVALID_ORDER_MIN_TICK_SIZE') Info.invalidate(ctx, t, 'tick')
    if (/fee rate/i.test(msg)) Info.invalidate(ctx, t, 'fee')
    if (/invalid (order )?signature/i.test(msg)) Info.invalidate(ctx, t, 'negRisk')
  }
}

function codeOf(body: unknown): string | undefined {
  const code =
    typeof body === 'object' && body !== null ? (body as { errorCode?: unknown }).errorCode : undefined
  return typeof code === 'string' && code !== '' ? code : undefined
}

interface PostMeta {
  readonly path: '/order' | '/orders'
  readonly items: readonly Postable[]
}

/** Send an order POST; translate failures into rejected / outcome-unknown errors. */
async function send<T>(
  ctx: ClientContext,
  meta: PostMeta,
  payload: string,
  schema: S.Schema<T>,
  options: CallOptions,
): Promise<T> {
  const sentAt = ctx.now()
  const unknown = (cause: unknown, extra?: Record<string, unknown>) =>
    new OrderOutcomeUnknownError({
      method: 'POST',
      path: meta.path,
      orderIds: meta.items.map((p) => idOf(ctx, p)).filter((h): h is Hex => h !== undefined),
      tokenIds: meta.items.map((p) => signedOf(p).tokenId),
      sentAt,
      cause,
      ...(extra ? { extra } : {}),
    })
  const refuse = (status: number, message: string, body: unknown, cause: unknown) => {
    const rejected = new OrderRejectedError({
      method: 'POST',
      path: meta.path,
      status,
      serverMessage: message,
      serverCode: codeOf(body),
      orderId: meta.items.length === 1 && meta.items[0] ? idOf(ctx, meta.items[0]) : undefined,
      cause,
    })
    onRejected(
      ctx,
      rejected,
      meta.items.map((p) => signedOf(p).tokenId),
    )
    return rejected
  }
  let raw: unknown
  try {
    raw = await request(ctx, {
      method: 'POST',
      path: meta.path,
      body: payload,
      auth: 'l2',
      signal: options.signal,
      timeouts: options.timeouts,
      retry: false,
    })
  } catch (error) {
    if (error instanceof NetworkError) {
      if (error.requestSent === false) throw error
      throw unknown(error)
    }
    if (error instanceof AbortedError) {
      if (error.requestSent === false) throw error
      throw unknown(error)
    }
    if (error instanceof TimeoutError) throw unknown(error)
    if (error instanceof ResponseValidationError) throw unknown(error)
    if (error instanceof HttpError) {
      if (error.status >= 500) throw unknown(error)
      if (
        error instanceof AuthenticationError ||
        error instanceof GeoblockError ||
        error instanceof RateLimitError ||
        error.status === 408 ||
        error.status === 425
      ) {
        throw error
      }
      throw refuse(error.status, error.serverMessage ?? `HTTP ${error.status}`, error.body, error)
    }
    throw error
  }
  // A 2xx whose body is an `{error}` object (TSv2 checks `error` for the version
  // mismatch on any status) is a refusal, not an unreadable answer.
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const r = raw as { error?: unknown; success?: unknown }
    if (r.error !== undefined && r.error !== null && r.error !== '' && r.success !== true) {
      throw refuse(200, serverMessage(raw) ?? '', raw, undefined)
    }
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    throw unknown(
      new ResponseValidationError({
        method: 'POST',
        path: meta.path,
        status: 200,
        schemaPath: result.error.issues[0]?.path.map(String).join('.') ?? '',
        reason: result.error.issues[0]?.message ?? 'schema mismatch',
      }),
    )
  }
  return result.data
}

function rejection(
  ctx: ClientContext,
  path: string,
  response: S.OrderResponse,
  orderId: Hex | undefined,
  tokenId: string,
): OrderRejectedError | undefined {
  const msg = serverMessage(response) ?? ''
  const mismatch = msg.includes('order_version_mismatch')
  if (response.success !== false && !mismatch) return undefined
  const error = new OrderRejectedError({
    method: 'POST',
    path,
    status: 200,
    serverMessage: msg,
    serverCode: codeOf(response),
    orderId,
  })
  onRejected(ctx, error, [tokenId])
  return error
}

/**
 * `POST /order`. Throws `OrderRejectedError` when the exchange refuses it,
 * `OrderOutcomeUnknownError` when the outcome is unknown. Never retried.
 */
export async function post(
  ctx: ClientContext,
  order: Postable,
  options: PostOptions = {},
): Promise<PostedOrder> {
  const orderType = checkOrderType(options.orderType ?? 'GTC')
  checkPostOptions(orderType, options.postOnly)
  const creds = requireCredentials(ctx, 'posting an order')
  const payload = body(creds.key, order, { ...options, orderType })
  const sentAt = ctx.now()
  const response = await send(ctx, { path: '/order', items: [order] }, payload, S.OrderResponse, options)
  const local = idOf(ctx, order)
  const error = rejection(ctx, '/order', response, local, signedOf(order).tokenId)
  if (error) throw error
  const orderId = local ?? serverId(response)
  if (orderId === undefined) {
    // accepted, but neither side knows which order it is: as good as an unreadable answer
    throw new OrderOutcomeUnknownError({
      method: 'POST',
      path: '/order',
      orderIds: [],
      tokenIds: [signedOf(order).tokenId],
      sentAt,
      cause: new ResponseValidationError({
        method: 'POST',
        path: '/order',
        status: 200,
        schemaPath: 'orderID',
        reason: 'an accepted order without an order ID',
      }),
    })
  }
  return { ...response, orderId, orderHash: orderId }
}

/**
 * `POST /orders`, chunked into requests of at most 15 sent one after another.
 * Per-order refusals come back as entries with `error` set. A chunk whose outcome
 * is unknown throws `OrderOutcomeUnknownError` whose `details` hold the entries of
 * the chunks already answered (`settled`) and the order IDs never sent (`notSent`).
 */
export async function postMany(
  ctx: ClientContext,
  items: readonly (BatchItem | Postable)[],
  options: Omit<PostOptions, 'orderType'> & { readonly orderType?: OrderType | undefined } = {},
): Promise<BatchEntry[]> {
  const normalized = items.map((item, i) => {
    const isItem = typeof item === 'object' && item !== null && 'order' in item && !('domain' in item)
    const order = isItem ? (item as BatchItem).order : (item as Postable)
    const orderType = checkOrderType(
      (isItem ? (item as BatchItem).orderType : undefined) ?? options.orderType ?? 'GTC',
      `items[${i}].orderType`,
    )
    checkPostOptions(orderType, options.postOnly)
    return { order, orderType }
  })
  const creds = requireCredentials(ctx, 'posting orders')
  const out: BatchEntry[] = []
  for (let start = 0; start < normalized.length; start += MAX_BATCH) {
    const chunk = normalized.slice(start, start + MAX_BATCH)
    const payload = `[${chunk.map((c) => body(creds.key, c.order, { ...options, orderType: c.orderType })).join(',')}]`
    let responses: S.OrderResponse[]
    try {
      responses = await send(
        ctx,
        { path: '/orders', items: chunk.map((c) => c.order) },
        payload,
        S.OrderResponses,
        options,
      )
    } catch (error) {
      if (error instanceof OrderOutcomeUnknownError) {
        throw new OrderOutcomeUnknownError({
          method: 'POST',
          path: '/orders',
          orderIds: error.orderIds,
          tokenIds: error.tokenIds,
          sentAt: error.sentAt,
          cause: error.cause,
          extra: {
            settled: out,
            notSent: normalized
              .slice(start + MAX_BATCH)
              .map((c) => idOf(ctx, c.order))
              .filter((h): h is Hex => h !== undefined),
          },
        })
      }
      throw error
    }
    chunk.forEach((c, i) => {
      const response = responses[i]
      const orderId = idOf(ctx, c.order) ?? (response === undefined ? undefined : serverId(response))
      const tokenId = signedOf(c.order).tokenId
      const error =
        response === undefined
          ? new OrderRejectedError({
              method: 'POST',
              path: '/orders',
              status: 200,
              serverMessage: 'no response entry for this order',
              orderId,
            })
          : rejection(ctx, '/orders', response, orderId, tokenId)
      out.push({ orderId, orderHash: orderId, response, error })
    })
  }
  return out
}

async function withVersionRetry(
  ctx: ClientContext,
  options: CreateOptions & PostOptions,
  make: (version: ExchangeVersion) => Promise<CreatedOrder>,
  orderType: OrderType,
): Promise<PostedOrder> {
  const v0 = options.version ?? (await Info.version(ctx, options))
  let version = v0
  for (let attempt = 0; ; attempt++) {
    const created = await make(version)
    try {
      return await post(ctx, created, { ...options, orderType })
    } catch (error) {
      if (
        attempt === 0 &&
        options.version === undefined &&
        error instanceof OrderRejectedError &&
        error.insertCode === 'ORDER_VERSION_MISMATCH'
      ) {
        const next = await Info.version(ctx, { ...options, force: true })
        if (next !== v0) {
          version = next
          continue
        }
      }
      throw error
    }
  }
}

/**
 * Create, sign and post a limit order. On `order_version_mismatch` the version is
 * refreshed and the order re-signed and posted once more (at most two posts, §2.9).
 */
export async function createAndPost(
  ctx: ClientContext,
  params: LimitOrderParams,
  options: CreateOptions & PostOptions = {},
): Promise<PostedOrder> {
  const orderType = checkOrderType(options.orderType ?? 'GTC')
  checkPostOptions(orderType, options.postOnly)
  checkGtd(ctx, orderType, params.expiration)
  requireCredentials(ctx, 'posting an order')
  return withVersionRetry(ctx, options, (version) => create(ctx, params, { ...options, version }), orderType)
}

/** Create, sign and post a market order (default FOK); same version handling as `createAndPost`. */
export async function createAndPostMarket(
  ctx: ClientContext,
  params: MarketOrderParams,
  options: CreateOptions & PostOptions = {},
): Promise<PostedOrder> {
  const orderType = checkOrderType(options.orderType ?? params.orderType ?? 'FOK')
  checkPostOptions(orderType, options.postOnly)
  requireCredentials(ctx, 'posting an order')
  return withVersionRetry(
    ctx,
    options,
    (version) => createMarket(ctx, params, { ...options, version }),
    orderType,
  )
}
