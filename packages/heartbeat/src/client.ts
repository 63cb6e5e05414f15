/**
 * Adapting a `@clobkit/clob-rest` client (or anything shaped like one) to the
 * keeper's `post` function.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'
import type { HeartbeatResponse, PostHeartbeat } from './post.js'

/**
 * The part of a client the keeper uses: `client.heartbeats.post(id, { signal })`,
 * as `createClient` from `@clobkit/clob-rest` provides it.
 */
export interface HeartbeatClient {
  readonly heartbeats: {
    post(heartbeatId: string, options: { signal: AbortSignal }): PromiseLike<HeartbeatResponse>
  }
}

/**
 * A `post` function for {@link startHeartbeat} over a clob-rest client. Each call
 * passes the keeper's signal through, so stopping or a timeout cancels the request;
 * an already-aborted signal sends nothing.
 *
 * @example
 * ```ts
 * const keeper = startHeartbeat({ post: heartbeatPoster(createClient({ host, chainId: 137, signer, credentials })) })
 * ```
 */
export function heartbeatPoster(client: HeartbeatClient): PostHeartbeat {
  if (
    typeof client !== 'object' ||
    client === null ||
    typeof client.heartbeats !== 'object' ||
    client.heartbeats === null ||
    typeof client.heartbeats.post !== 'function'
  ) {
    throw new InvalidParameterError(
      'INVALID_CLIENT',
      'client',
      'must have heartbeats.post(heartbeatId, { signal })',
    )
  }
  const { heartbeats } = client
  return (heartbeatId, signal) => {
    if (signal.aborted) return Promise.reject(signal.reason)
    return heartbeats.post(heartbeatId, { signal })
  }
}
