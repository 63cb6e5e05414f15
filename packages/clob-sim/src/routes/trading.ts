/**
 * Orders (PROTOCOL.md §5.3–§5.4, §6.2): posting single and batch orders with
 * the exchange's verification (wire format, version, signature under the right
 * domain, signer owning the API key), cancels, open orders, trades and scoring.
 * @module
 */
import {
  Exchange,
  type ExchangeDomain,
  type ExchangeVersion,
  isClobError,
  Order,
  type SignedOrder,
  type SignedOrderV1,
} from '@clobkit/eip712-order'
import { type L2Auth, verifyBuilder } from '../auth.js'
import { remaining } from '../book.js'
import { cancel, fail, type InsertError, type InsertResult, type PlaceInput, place } from '../engine.js'
import {
  type Ctx,
  END_CURSOR,
  error,
  isObject,
  isTokenId,
  json,
  ok,
  optionalJson,
  page,
  type Reply,
} from '../http.js'
import { type SigCache, sigCacheOf } from '../sigcache.js'
import type { SimOrder, SimTrade } from '../state.js'
import { orderView, scoring, tradeView } from '../views.js'
import { l2, type RouteTable } from './route.js'

const MAX_BATCH = 15
const ZERO32 = `0x${'0'.repeat(64)}`

/** The version-mismatch answer (PROTOCOL.md §2.9): the TS client looks for this substring in `error`. */
interface Mismatch {
  readonly mismatch: string
}

type Intake = PlaceInput | InsertError | Mismatch

/** The `OrderResponse`-shaped failure body (README "Error shapes"). */
export function failureBody(code: string, message: string): Record<string, unknown> {
  const text = `${code}: ${message}`
  return {
    error: text,
    success: false,
    errorMsg: text,
    errorCode: code,
    orderID: '',
    status: 'unmatched',
    makingAmount: '',
    takingAmount: '',
    transactionsHashes: [],
    tradeIDs: [],
  }
}

function mismatchText(orderVersion: number | string, configured: number): string {
  return `order_version_mismatch: the order is signed for exchange version ${orderVersion}, the exchange runs version ${configured}`
}

/**
 * The full signature check (`Order.verify`, which recovers the signer) with the sim's
 * signer rule and the version-mismatch probe: the order id, or the rejection. An order
 * it accepts teaches the cache its owner's public key.
 */
function verifyFully(
  order: SignedOrder,
  domain: ExchangeDomain,
  auth: L2Auth,
  cache: SigCache,
  shape: 1 | 2,
  selector: { readonly chainId: number; readonly version: ExchangeVersion; readonly negRisk: boolean },
): string | InsertError | Mismatch {
  const res = Order.verify(order, domain)
  if (!res.ok) {
    if (shape === 2 && res.reason !== 'INVALID_ORDER' && res.reason !== 'MAKER_MISMATCH') {
      const { chainId, version, negRisk } = selector
      const other: ExchangeVersion = version === 2 ? 3 : 2
      if (Order.verify(order, Exchange.domain({ chainId, version: other, negRisk })).ok) {
        return { mismatch: mismatchText(other, version) }
      }
    }
    if (res.reason === 'MAKER_MISMATCH') return fail('INVALID_ORDER_SIGNATURE_TYPE', res.message)
    if (res.reason === 'INVALID_ORDER')
      return fail('INVALID_ORDER_PAYLOAD', `invalid order payload: ${res.message}`)
    return fail('INVALID_ORDER_SIGNATURE', `invalid order signature: ${res.message}`)
  }
  const eoa = order.signatureType === 3 ? res.owner : res.signer
  if (eoa === undefined || eoa.toLowerCase() !== auth.address) {
    return fail('INVALID_ORDER_SIGNER', 'the order signer address has to be the address of the API KEY')
  }
  cache.learn(order, domain, auth.address)
  return Order.hash(order, domain).toLowerCase()
}

/** Parses, version-checks and verifies one `NewOrder` from an authenticated key. */
function intake(ctx: Ctx, auth: L2Auth, body: unknown): Intake {
  const state = ctx.rt.state
  const { chainId, version } = state.config
  let parsed: ReturnType<typeof Order.fromWire>
  try {
    parsed = Order.fromWire(body)
  } catch (e) {
    const code = isClobError(e) ? e.code : ''
    const msg = e instanceof Error ? e.message : 'invalid order'
    if (code === 'INVALID_POST_ONLY') {
      return fail(
        'INVALID_POST_ONLY_ORDER_TYPE',
        'invalid post-only order: post-only is only supported for GTC and GTD orders',
      )
    }
    if (code === 'UNSUPPORTED_SIGNATURE_TYPE') return fail('INVALID_ORDER_SIGNATURE_TYPE', msg)
    return fail('INVALID_ORDER_PAYLOAD', `invalid order payload: ${msg}`)
  }
  const order = parsed.order
  if (parsed.owner !== auth.key.key) {
    return fail('INVALID_ORDER_OWNER', 'the order owner has to be the owner of the API KEY')
  }
  const token = state.tokens.get(order.tokenId)
  if (!token) return fail('INVALID_ORDER_MARKET', `order is invalid. No market for token id ${order.tokenId}`)
  const shape = Order.version(order)
  if (shape === 1 && version !== 1) return { mismatch: mismatchText(1, version) }
  if (shape === 2 && version === 1) return { mismatch: mismatchText('2 or 3', version) }
  const negRisk = token.market.negRisk
  const domain = Exchange.domain({ chainId, version, negRisk })
  const cache = sigCacheOf(state)
  // a cached owner's key verifies most orders; anything else takes the full path below
  const id =
    cache.verify(order, domain, auth.address) ??
    verifyFully(order, domain, auth, cache, shape, { chainId, version, negRisk })
  if (typeof id !== 'string') return id

  let feeRateBps = token.market.fees.baseFeeBps
  if (shape === 1) {
    const fee = Number((order as SignedOrderV1).feeRateBps)
    if (fee !== feeRateBps) {
      return fail(
        'INVALID_ORDER_FEE_RATE',
        `invalid user provided fee rate: ${(order as SignedOrderV1).feeRateBps}, fee rate for the market must be ${feeRateBps}`,
      )
    }
    feeRateBps = fee
  }
  const builderRaw = 'builder' in order ? order.builder.toLowerCase() : ''
  const maker = order.maker.toLowerCase()
  if (order.signatureType !== 0) state.funders.set(`${auth.address}|${order.signatureType}`, maker)
  return {
    id,
    owner: auth.key.key,
    ownerAddress: auth.address,
    maker,
    makerDisplay: order.maker,
    signer: order.signer.toLowerCase(),
    token,
    side: order.side,
    makerAmount: BigInt(order.makerAmount),
    takerAmount: BigInt(order.takerAmount),
    orderType: parsed.orderType,
    postOnly: parsed.postOnly,
    expiration: order.expiration,
    version: shape === 1 ? 1 : version,
    signatureType: order.signatureType,
    builder: builderRaw === ZERO32 ? '' : builderRaw,
    feeRateBps,
  }
}

function isMismatch(i: Intake): i is Mismatch {
  return 'mismatch' in i
}

function isError(i: Intake): i is InsertError {
  return 'ok' in i
}

function toBody(r: InsertResult): Record<string, unknown> {
  return r.ok ? { ...r.response } : failureBody(r.code, r.message)
}

function postOrder(ctx: Ctx, auth: L2Auth): Reply {
  const builder = verifyBuilder(ctx)
  if (builder !== undefined && 'status' in builder) return builder
  const body = json(ctx)
  const i = intake(ctx, auth, body)
  if (isMismatch(i)) return error(400, i.mismatch)
  const r = isError(i) ? i : place(ctx.rt.state, i, ctx.rt.clock.now())
  return r.ok ? ok(r.response) : { status: 400, body: toBody(r) }
}

function postOrders(ctx: Ctx, auth: L2Auth): Reply {
  const builder = verifyBuilder(ctx)
  if (builder !== undefined && 'status' in builder) return builder
  const body = json(ctx)
  if (!Array.isArray(body)) return error(400, 'Invalid payload: expected an array of orders')
  if (body.length === 0) return error(400, 'Invalid payload: no orders')
  if (body.length > MAX_BATCH) return error(400, `Invalid payload: at most ${MAX_BATCH} orders per request`)
  const intakes = body.map((item) => intake(ctx, auth, item))
  const mismatch = intakes.find(isMismatch)
  if (mismatch) return error(400, mismatch.mismatch)
  const now = ctx.rt.clock.now()
  return ok(
    intakes.map((i) =>
      toBody(isError(i) || isMismatch(i) ? (i as InsertError) : place(ctx.rt.state, i, now)),
    ),
  )
}

// ---------------------------------------------------------------- cancels

const NOT_FOUND = "order can't be found - already canceled or matched, or owned by another key"

function cancelIds(ctx: Ctx, auth: L2Auth, ids: readonly string[]): Reply {
  const canceled: string[] = []
  const notCanceled: Record<string, string> = {}
  const now = ctx.rt.clock.now()
  for (const raw of ids) {
    const id = raw.toLowerCase()
    const o = ctx.rt.state.orders.get(id)
    if (!o || o.owner !== auth.key.key) notCanceled[raw] = NOT_FOUND
    else if (o.status === 'MATCHED') notCanceled[raw] = 'order already matched'
    else if (o.status === 'CANCELED') notCanceled[raw] = 'order already canceled'
    else if (cancel(ctx.rt.state, o, 'canceled by user', now)) canceled.push(o.id)
    else notCanceled[raw] = NOT_FOUND
  }
  return ok({ canceled, not_canceled: notCanceled })
}

function openOrders(ctx: Ctx, auth: L2Auth): SimOrder[] {
  const ids = ctx.rt.state.openByKey.get(auth.key.key)
  if (!ids) return []
  const out: SimOrder[] = []
  for (const id of ids) {
    const o = ctx.rt.state.orders.get(id)
    if (o && o.status === 'LIVE') out.push(o)
  }
  return out.sort((a, b) => a.seq - b.seq)
}

function cancelWhere(ctx: Ctx, auth: L2Auth, keep: (o: SimOrder) => boolean): Reply {
  const canceled: string[] = []
  const now = ctx.rt.clock.now()
  for (const o of openOrders(ctx, auth)) {
    if (keep(o) && cancel(ctx.rt.state, o, 'canceled by user', now)) canceled.push(o.id)
  }
  return ok({ canceled, not_canceled: {} })
}

const BYTES32 = /^0x[0-9a-fA-F]{64}$/

function cancelOne(ctx: Ctx, auth: L2Auth): Reply {
  const body = json(ctx)
  if (!isObject(body)) return error(400, 'Invalid payload: expected {"orderID": "0x…"}')
  const id = body.orderID ?? body.orderId
  if (typeof id !== 'string' || !BYTES32.test(id))
    return error(400, 'Invalid payload: orderID must be a bytes32 hex string')
  return cancelIds(ctx, auth, [id])
}

function cancelMany(ctx: Ctx, auth: L2Auth): Reply {
  const body = json(ctx)
  if (!Array.isArray(body) || !body.every((id) => typeof id === 'string' && BYTES32.test(id))) {
    return error(400, 'Invalid payload: expected an array of order ids')
  }
  if (body.length > 3000) return error(400, 'Invalid payload: at most 3000 order ids per request')
  return cancelIds(ctx, auth, body as string[])
}

function cancelMarket(ctx: Ctx, auth: L2Auth): Reply {
  const body = optionalJson(ctx)
  const b = body === undefined ? {} : body
  if (!isObject(b)) return error(400, 'Invalid payload: expected {"market"?: "0x…", "asset_id"?: "…"}')
  const market = b.market
  const asset = b.asset_id
  if (market !== undefined && (typeof market !== 'string' || !BYTES32.test(market))) {
    return error(400, 'Invalid payload: market must be a condition id')
  }
  if (asset !== undefined && !isTokenId(asset))
    return error(400, 'Invalid payload: asset_id must be a token id')
  if (market === undefined && asset === undefined)
    return error(400, 'Invalid payload: market or asset_id is required')
  const cid = typeof market === 'string' ? market.toLowerCase() : undefined
  return cancelWhere(
    ctx,
    auth,
    (o) => (cid === undefined || o.market === cid) && (asset === undefined || o.assetId === asset),
  )
}

// ---------------------------------------------------------------- reads

function getOrder(ctx: Ctx, auth: L2Auth): Reply {
  const o = ctx.rt.state.orders.get(ctx.param.toLowerCase())
  if (!o || o.owner !== auth.key.key) return error(404, 'order not found')
  return ok(orderView(o))
}

function listOrders(ctx: Ctx, auth: L2Auth): Reply {
  const id = ctx.query.get('id')?.toLowerCase()
  const market = ctx.query.get('market')?.toLowerCase()
  const asset = ctx.query.get('asset_id')
  const items = openOrders(ctx, auth).filter(
    (o) => (!id || o.id === id) && (!market || o.market === market) && (!asset || o.assetId === asset),
  )
  return page(ctx, items, orderView, ctx.rt.state.config.pageSize)
}

function visible(t: SimTrade, key: string): boolean {
  return t.owner === key || t.makerOrders.some((m) => m.owner === key)
}

function listTrades(ctx: Ctx, auth: L2Auth): Reply {
  const q = ctx.query
  const id = q.get('id')
  const makerAddress = q.get('maker_address')?.toLowerCase()
  const market = q.get('market')?.toLowerCase()
  const asset = q.get('asset_id')
  const before = q.get('before')
  const after = q.get('after')
  for (const [name, v] of [
    ['before', before],
    ['after', after],
  ] as const) {
    if (v !== null && !/^\d{1,12}$/.test(v))
      return error(400, `Invalid payload: ${name} must be unix seconds`)
  }
  const key = auth.key.key
  const items: SimTrade[] = []
  const all = ctx.rt.state.trades
  for (let i = all.length - 1; i >= 0; i--) {
    const t = all[i] as SimTrade
    if (!visible(t, key)) continue
    if (id && t.id !== id) continue
    if (market && t.market !== market) continue
    if (asset && t.assetId !== asset) continue
    if (before !== null && !(t.matchTime < Number(before))) continue
    if (after !== null && !(t.matchTime > Number(after))) continue
    if (
      makerAddress &&
      t.makerAddress.toLowerCase() !== makerAddress &&
      !t.makerOrders.some((m) => m.owner === key && m.makerAddress.toLowerCase() === makerAddress)
    ) {
      continue
    }
    items.push(t)
  }
  return page(ctx, items, (t) => tradeView(t, key), ctx.rt.state.config.pageSize)
}

function isScoring(ctx: Ctx, auth: L2Auth, id: string): boolean {
  const o = ctx.rt.state.orders.get(id.toLowerCase())
  return o !== undefined && o.owner === auth.key.key && remaining(o) > 0n && scoring(ctx.rt.state, o)
}

export const tradingRoutes: RouteTable = {
  '/order': [l2('POST', postOrder), l2('DELETE', cancelOne)],
  '/orders': [l2('POST', postOrders), l2('DELETE', cancelMany)],
  '/cancel-all': [l2('DELETE', (ctx, a) => cancelWhere(ctx, a, () => true))],
  '/cancel-market-orders': [l2('DELETE', cancelMarket)],
  '/data/orders': [l2('GET', listOrders)],
  '/data/pre-migration-orders': [
    l2('GET', () => ok({ limit: 0, count: 0, next_cursor: END_CURSOR, data: [] })),
  ],
  '/data/trades': [l2('GET', listTrades)],
  '/order-scoring': [
    l2('GET', (ctx, a) => {
      const id = ctx.query.get('order_id')
      if (!id) return error(400, 'Invalid payload: order_id is required')
      return ok({ scoring: isScoring(ctx, a, id) })
    }),
  ],
  '/orders-scoring': [
    l2('POST', (ctx, a) => {
      const body = json(ctx)
      if (!Array.isArray(body) || !body.every((id) => typeof id === 'string') || body.length > 1000) {
        return error(400, 'Invalid payload: expected an array of order ids')
      }
      const out: Record<string, boolean> = {}
      for (const id of body as string[]) out[id] = isScoring(ctx, a, id)
      return ok(out)
    }),
  ],
}

export const tradingPrefixRoutes: RouteTable = {
  '/data/order/': [l2('GET', getOrder)],
}
