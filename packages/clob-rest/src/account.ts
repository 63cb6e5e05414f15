/**
 * Account (PROTOCOL.md §4.4, §5.3): balance and allowance (and the server-side
 * refresh of it), closed-only status, notifications.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import { type ClientContext, requireCredentials } from './context.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Which balance: collateral, or one conditional token. */
export interface BalanceAllowanceParams {
  readonly asset_type: 'COLLATERAL' | 'CONDITIONAL'
  /** Required for CONDITIONAL. */
  readonly token_id?: string | undefined
}

function balanceQuery(ctx: ClientContext, params: BalanceAllowanceParams) {
  if (params?.asset_type !== 'COLLATERAL' && params?.asset_type !== 'CONDITIONAL') {
    throw new InvalidParameterError('INVALID_ASSET_TYPE', 'asset_type', 'expected COLLATERAL or CONDITIONAL')
  }
  if (params.asset_type === 'CONDITIONAL' && !params.token_id) {
    throw new InvalidParameterError('INVALID_TOKEN_ID', 'token_id', 'required for CONDITIONAL balances')
  }
  return { asset_type: params.asset_type, token_id: params.token_id, signature_type: ctx.signatureType }
}

/** `GET /balance-allowance`: balance and allowance(s) of the funder, as decimal strings in base units. */
export function balanceAllowance(
  ctx: ClientContext,
  params: BalanceAllowanceParams,
  options: CallOptions = {},
): Promise<S.BalanceAllowanceResponse> {
  const query = balanceQuery(ctx, params)
  requireCredentials(ctx, 'reading the balance')
  return request(
    ctx,
    { method: 'GET', path: '/balance-allowance', query, auth: 'l2', ...options },
    S.BalanceAllowance,
  )
}

/** `GET /balance-allowance/update`: ask the server to refresh its cached balance and allowance. */
export async function refreshBalanceAllowance(
  ctx: ClientContext,
  params: BalanceAllowanceParams,
  options: CallOptions = {},
): Promise<void> {
  const query = balanceQuery(ctx, params)
  requireCredentials(ctx, 'refreshing the balance')
  await request(ctx, { method: 'GET', path: '/balance-allowance/update', query, auth: 'l2', ...options })
}

/** `GET /auth/ban-status/closed-only`: true when the account may only close positions. */
export async function closedOnly(ctx: ClientContext, options: CallOptions = {}): Promise<boolean> {
  requireCredentials(ctx, 'reading the closed-only status')
  const res = await request(
    ctx,
    { method: 'GET', path: '/auth/ban-status/closed-only', auth: 'l2', ...options },
    S.ClosedOnly,
  )
  return res.closed_only
}

/** `GET /notifications`: the caller's notifications (kept 48 h by the server). */
export function notifications(ctx: ClientContext, options: CallOptions = {}): Promise<S.Notification[]> {
  requireCredentials(ctx, 'reading notifications')
  return request(
    ctx,
    {
      method: 'GET',
      path: '/notifications',
      query: { signature_type: ctx.signatureType },
      auth: 'l2',
      ...options,
    },
    S.Notifications,
  )
}

/** `DELETE /notifications?ids=1,2,3`: mark notifications as read. */
export async function dropNotifications(
  ctx: ClientContext,
  ids: readonly (string | number)[],
  options: CallOptions = {},
): Promise<void> {
  requireCredentials(ctx, 'dropping notifications')
  await request(ctx, {
    method: 'DELETE',
    path: '/notifications',
    query: { ids: ids.join(',') },
    auth: 'l2',
    ...options,
  })
}
