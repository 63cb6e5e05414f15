/**
 * Cancels (PROTOCOL.md §5.3): one, many, all, by market or asset. DELETE is
 * never retried automatically; cancelling twice is harmless, so callers may.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { type ClientContext, requireCredentials } from './context.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

function cancel(ctx: ClientContext, path: string, body: string | undefined, options: CallOptions) {
  requireCredentials(ctx, 'cancelling orders')
  return request(ctx, { method: 'DELETE', path, body, auth: 'l2', ...options }, S.CancelResponse)
}

/** `DELETE /order` with `{"orderID": …}`. */
export function one(
  ctx: ClientContext,
  orderId: string,
  options: CallOptions = {},
): Promise<S.CancelResponse> {
  return cancel(ctx, '/order', JSON.stringify({ orderID: orderId }), options)
}

/** `DELETE /orders` with a JSON array of order ids. */
export function many(
  ctx: ClientContext,
  orderIds: readonly string[],
  options: CallOptions = {},
): Promise<S.CancelResponse> {
  return cancel(ctx, '/orders', JSON.stringify(orderIds), options)
}

/** `DELETE /cancel-all`: every open order of the caller. */
export function all(ctx: ClientContext, options: CallOptions = {}): Promise<S.CancelResponse> {
  return cancel(ctx, '/cancel-all', undefined, options)
}

/** `DELETE /cancel-market-orders` with `{market?, asset_id?}` (at least one). */
export function market(
  ctx: ClientContext,
  params: { readonly market?: string | undefined; readonly asset_id?: string | undefined },
  options: CallOptions = {},
): Promise<S.CancelResponse> {
  if (params.market === undefined && params.asset_id === undefined) {
    throw new InvalidParameterError('INVALID_CANCEL_FILTER', 'market', 'pass market and/or asset_id')
  }
  return cancel(ctx, '/cancel-market-orders', JSON.stringify(params), options)
}
