/**
 * Errors of the stream layer. Bad options throw `InvalidParameterError` (naming the
 * option); runtime conditions are `WsError`s with a stable `code`. No error ever
 * carries the API secret or passphrase: messages are built from codes, URLs and counts.
 * @module
 */
import { ClobError, type ErrorDetails } from '@clobkit/eip712-order'

/** Stable codes of {@link WsError}. */
export const WsErrorCode = {
  /** The user channel refused the credentials (the socket was closed on subscribe). Not retried. */
  authFailed: 'WS_AUTH_FAILED',
  /** An event iterator fell more than its capacity behind on a channel that never drops (user). */
  queueOverflow: 'WS_QUEUE_OVERFLOW',
  /** Neither a global `WebSocket` nor the `ws` package could be loaded. */
  transportUnavailable: 'WS_TRANSPORT_UNAVAILABLE',
  /** A REST call made by the stream layer (book resync, reconcile) failed; it is retried. */
  restFailed: 'WS_REST_FAILED',
  /** An event listener threw; the connection carried on. */
  listener: 'WS_LISTENER_ERROR',
  /** The connection was closed by `close()` or its abort signal. */
  closed: 'WS_CLOSED',
} as const
export type WsErrorCode = (typeof WsErrorCode)[keyof typeof WsErrorCode]

/** A runtime condition of a stream (never bad input: that is `InvalidParameterError`). */
export class WsError extends ClobError {
  override name = 'WsError'
  constructor(code: WsErrorCode, message: string, options: { details?: ErrorDetails; cause?: unknown } = {}) {
    super(code, message, options)
  }
}

/** The user channel closed the socket in answer to the subscribe message: bad or revoked credentials. */
export class WsAuthError extends WsError {
  override name = 'WsAuthError'
  /** WebSocket close code the server sent. */
  readonly closeCode: number
  constructor(url: string, closeCode: number, reason: string) {
    super(
      WsErrorCode.authFailed,
      `${url}: the server refused the credentials (close ${closeCode}); not reconnecting`,
      {
        details: { url, closeCode, reason },
      },
    )
    this.closeCode = closeCode
  }
}

/** An iterator of a never-drop channel fell `capacity` events behind its socket. */
export class QueueOverflowError extends WsError {
  override name = 'QueueOverflowError'
  readonly capacity: number
  constructor(channel: string, capacity: number) {
    super(
      WsErrorCode.queueOverflow,
      `${channel}: the event iterator fell ${capacity} events behind; events are never dropped on this channel, so the iterator ends here (reconcile with REST, or raise queueCapacity)`,
      { details: { channel, capacity } },
    )
    this.capacity = capacity
  }
}
