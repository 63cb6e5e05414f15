/**
 * Reconcile orders whose POST outcome is unknown (`OrderOutcomeUnknownError`):
 * look each order ID up directly, among open orders, then among recent trades,
 * and say what happened. Reads only; safe to call repeatedly.
 * @module
 */
import type { ClobError, Hex } from '@clobkit/eip712-order'
import { isClobError } from '@clobkit/eip712-order'
import { type ClientContext, requireCredentials } from './context.js'
import { HttpError, OrderOutcomeUnknownError } from './errors.js'
import * as Orders from './orders.js'
import { getPager, type Page } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request, type Schema } from './transport.js'

const LenientPage: Schema<Page<S.Trade>> = {
  safeParse(value) {
    const v = value as { data?: unknown; next_cursor?: unknown } | null
    if (typeof v === 'object' && v !== null && Array.isArray(v.data)) {
      const data = v.data.filter((t): t is S.Trade => typeof t === 'object' && t !== null)
      return {
        success: true,
        data: { data, next_cursor: typeof v.next_cursor === 'string' ? v.next_cursor : 'LTE=' },
      }
    }
    return { success: false, error: { issues: [{ path: ['data'], message: 'expected a page of trades' }] } }
  },
}

/**
 * - `live`: the order rests on the book (or is delayed / being matched);
 * - `matched`: it traded (fully, or partly and the rest is gone);
 * - `canceled`: it was placed and then cancelled;
 * - `not_found`: no trace of it by id, in open orders or in recent trades;
 * - `unknown`: the lookups themselves failed (see `error`); try again.
 */
export type ReconcileStatus = 'live' | 'matched' | 'canceled' | 'not_found' | 'unknown'

export interface ReconcileEntry {
  /** The order ID looked up. */
  readonly orderId: Hex
  /** @deprecated The same value as `orderId`, clobkit's one name for the order ID; this alias will be removed. */
  readonly orderHash: Hex
  readonly status: ReconcileStatus
  /** The order as the server reports it, when found. */
  readonly order?: S.OpenOrder | undefined
  /** Trades that involve the order, when found there. */
  readonly trades?: readonly S.Trade[] | undefined
  /** Why the status is `unknown`. */
  readonly error?: ClobError | undefined
}

/** What to reconcile: an outcome-unknown error, order IDs, or order IDs with their token ids. */
export type ReconcileTarget =
  | OrderOutcomeUnknownError
  | readonly Hex[]
  | readonly (
      | { readonly orderId: Hex; readonly tokenId?: string | undefined }
      | {
          /** @deprecated Use `orderId`. */
          readonly orderHash: Hex
          readonly tokenId?: string | undefined
        }
    )[]

export interface ReconcileOptions extends CallOptions {
  /** How far before the send time to search trades (default 300 s). */
  readonly lookbackSeconds?: number | undefined
  /** Trade pages to read per token (default 5). */
  readonly maxTradePages?: number | undefined
}

function statusOf(order: S.OpenOrder): ReconcileStatus {
  const s = String(order.status).toUpperCase()
  if (s === 'MATCHED') return 'matched'
  if (s === 'CANCELED' || s === 'CANCELLED') return 'canceled'
  return 'live'
}

function sameHash(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase()
}

function involves(trade: S.Trade, hash: string): boolean {
  if (sameHash(trade.taker_order_id, hash)) return true
  const makers: unknown = trade.maker_orders
  return (
    Array.isArray(makers) &&
    makers.some((m) => typeof m === 'object' && m !== null && sameHash(m.order_id, hash))
  )
}

async function byId(ctx: ClientContext, hash: Hex, options: CallOptions): Promise<S.OpenOrder | undefined> {
  let raw: unknown
  try {
    raw = await request(ctx, {
      method: 'GET',
      path: `/data/order/${encodeURIComponent(hash)}`,
      auth: 'l2',
      ...options,
    })
  } catch (error) {
    if (error instanceof HttpError && (error.status === 404 || error.status === 400)) return undefined
    throw error
  }
  if (typeof raw !== 'object' || raw === null || !sameHash((raw as { id?: unknown }).id, hash))
    return undefined
  const parsed = S.OpenOrder.safeParse(raw)
  return parsed.success ? parsed.data : (raw as S.OpenOrder)
}

async function inOpenOrders(
  ctx: ClientContext,
  hash: Hex,
  options: CallOptions,
): Promise<S.OpenOrder | undefined> {
  const page = await Orders.open(ctx, { id: hash }, options).first()
  return page.data.find((o) => sameHash(o.id, hash))
}

/** Look up each order ID and say whether it is live, matched, cancelled or absent. */
export async function reconcile(
  ctx: ClientContext,
  target: ReconcileTarget,
  options: ReconcileOptions = {},
): Promise<ReconcileEntry[]> {
  requireCredentials(ctx, 'reconciling orders')
  const sentAt = target instanceof OrderOutcomeUnknownError ? target.sentAt : ctx.now()
  const items: { orderId: Hex; tokenId: string | undefined }[] =
    target instanceof OrderOutcomeUnknownError
      ? target.orderIds.map((orderId, i) => ({ orderId, tokenId: target.tokenIds[i] }))
      : (
          target as readonly (
            | Hex
            | Exclude<ReconcileTarget, OrderOutcomeUnknownError | readonly Hex[]>[number]
          )[]
        ).map((t) =>
          typeof t === 'string'
            ? { orderId: t, tokenId: undefined }
            : { orderId: 'orderId' in t ? t.orderId : t.orderHash, tokenId: t.tokenId },
        )
  const call: CallOptions = { signal: options.signal, timeouts: options.timeouts, retry: options.retry }
  const after = Math.floor(sentAt / 1000) - (options.lookbackSeconds ?? 300)
  const tradeCache = new Map<string, Promise<S.Trade[]>>()
  const tradesFor = (tokenId: string | undefined): Promise<S.Trade[]> => {
    const key = tokenId ?? '*'
    let found = tradeCache.get(key)
    if (found === undefined) {
      found = (async () => {
        // Trades are searched leniently: one odd trade must not hide the one we look for.
        const out: S.Trade[] = []
        const pager = getPager<S.Trade>(
          ctx,
          '/data/trades',
          { asset_id: tokenId, after },
          'l2',
          LenientPage,
          {
            ...call,
            maxPages: options.maxTradePages ?? 5,
          },
        )
        for await (const page of pager.pages()) out.push(...page.data)
        return out
      })()
      tradeCache.set(key, found)
    }
    return found
  }
  const results: ReconcileEntry[] = []
  for (const { orderId, tokenId } of items) {
    const id = { orderId, orderHash: orderId }
    try {
      const order = (await byId(ctx, orderId, call)) ?? (await inOpenOrders(ctx, orderId, call))
      if (order !== undefined) {
        results.push({ ...id, status: statusOf(order), order })
        continue
      }
      const trades = (await tradesFor(tokenId)).filter((t) => involves(t, orderId))
      results.push(trades.length > 0 ? { ...id, status: 'matched', trades } : { ...id, status: 'not_found' })
    } catch (error) {
      if (!isClobError(error) || error.code === 'ABORTED') throw error
      results.push({ ...id, status: 'unknown', error })
    }
  }
  return results
}
