/**
 * Server status: health, time, version (PROTOCOL.md §5.1, §2.9).
 * @module
 */
import type { ExchangeVersion } from '@clobkit/eip712-order'
import type { ClientContext } from './context.js'
import * as Info from './market-info.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** `GET /ok`: true when the server answers 2xx. */
export async function health(ctx: ClientContext, options: CallOptions = {}): Promise<boolean> {
  await request(ctx, { method: 'GET', path: '/ok', text: true, ...options })
  return true
}

/** `GET /time`: server time in unix seconds. */
export function time(ctx: ClientContext, options: CallOptions = {}): Promise<number> {
  return request(ctx, { method: 'GET', path: '/time', ...options }, S.TimeResponse)
}

/** `GET /version`: the exchange (order) version, cached; `force` refetches. */
export function version(
  ctx: ClientContext,
  options: CallOptions & { force?: boolean } = {},
): Promise<ExchangeVersion> {
  return Info.version(ctx, options)
}
