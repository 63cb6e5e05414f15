/**
 * Reading orders (PROTOCOL.md §5.3): one order, the open orders and the pre-migration
 * orders (paginated), and reward scoring. Published as part of `Orders`.
 * @module
 */
import { type ClientContext, requireCredentials } from './context.js'
import { getPager, type Pager, type PagerOptions } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Filters of `GET /data/orders`. */
export interface OpenOrderParams {
  readonly id?: string | undefined
  readonly market?: string | undefined
  readonly asset_id?: string | undefined
}

/** `GET /data/order/{id}`: one order of the caller. */
export async function get(
  ctx: ClientContext,
  orderId: string,
  options: CallOptions = {},
): Promise<S.OpenOrder> {
  requireCredentials(ctx, 'reading an order')
  return request(ctx, { method: 'GET', path: `/data/order/${orderId}`, auth: 'l2', ...options }, S.OpenOrder)
}

/** `GET /data/orders`: the caller's open orders, paginated. */
export function open(
  ctx: ClientContext,
  params: OpenOrderParams = {},
  options: PagerOptions & CallOptions = {},
): Pager<S.OpenOrder> {
  const { id, market, asset_id } = params
  return getPager(ctx, '/data/orders', { id, market, asset_id }, 'l2', S.OpenOrdersPage, options)
}

/** `GET /data/pre-migration-orders`: orders from before the exchange migration, paginated. */
export function preMigration(
  ctx: ClientContext,
  options: PagerOptions & CallOptions = {},
): Pager<S.OpenOrder> {
  return getPager(ctx, '/data/pre-migration-orders', {}, 'l2', S.OpenOrdersPage, options)
}

/** `GET /order-scoring`: whether an order earns rewards. */
export async function isScoring(
  ctx: ClientContext,
  orderId: string,
  options: CallOptions = {},
): Promise<boolean> {
  requireCredentials(ctx, 'reading order scoring')
  const res = await request(
    ctx,
    { method: 'GET', path: '/order-scoring', query: { order_id: orderId }, auth: 'l2', ...options },
    S.OrderScoring,
  )
  return res.scoring
}

/** `POST /orders-scoring`: scoring of many orders, keyed by order id. */
export async function areScoring(
  ctx: ClientContext,
  orderIds: readonly string[],
  options: CallOptions = {},
): Promise<Record<string, boolean>> {
  requireCredentials(ctx, 'reading order scoring')
  return request(
    ctx,
    { method: 'POST', path: '/orders-scoring', body: JSON.stringify(orderIds), auth: 'l2', ...options },
    S.OrdersScoring,
  )
}
