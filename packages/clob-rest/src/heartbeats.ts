/**
 * Heartbeats (PROTOCOL.md §5.6): once started, the exchange cancels all open
 * orders when no valid heartbeat arrives within ~10 s. Each call carries the most
 * recent id; a 400 carries the correct id in its body (`HttpError.body`), which
 * `heartbeatIdOf` reads. For a drift-free keeper use `@clobkit/heartbeat`.
 * @module
 */
import { type ClientContext, requireCredentials } from './context.js'
import { HttpError } from './errors.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** `POST /v1/heartbeats` with `{"heartbeat_id": id}` (`""` on the first call). Never retried. */
export function post(
  ctx: ClientContext,
  heartbeatId = '',
  options: CallOptions = {},
): Promise<S.HeartbeatResponse> {
  requireCredentials(ctx, 'sending a heartbeat')
  return request(
    ctx,
    {
      method: 'POST',
      path: '/v1/heartbeats',
      body: JSON.stringify({ heartbeat_id: heartbeatId }),
      auth: 'l2',
      ...options,
    },
    S.HeartbeatResponse,
  )
}

/** The `heartbeat_id` a failed heartbeat's body carries (top level or under `error`), if any. */
export function heartbeatIdOf(error: unknown): string | undefined {
  if (!(error instanceof HttpError)) return undefined
  const body = error.body
  if (typeof body !== 'object' || body === null) return undefined
  const top = (body as { heartbeat_id?: unknown }).heartbeat_id
  if (typeof top === 'string' && top !== '') return top
  const nested = (body as { error?: unknown }).error
  if (typeof nested === 'object' && nested !== null) {
    const id = (nested as { heartbeat_id?: unknown }).heartbeat_id
    if (typeof id === 'string' && id !== '') return id
  }
  return undefined
}
