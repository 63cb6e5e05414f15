/**
 * Errors raised by the heartbeat keeper. Bad options throw `InvalidParameterError`
 * (naming the option); runtime conditions are `HeartbeatError`s with a stable code.
 * @module
 */
import { ClobError, type ErrorDetails } from '@clobkit/eip712-order'

/** Stable codes of {@link HeartbeatError}. */
export const HeartbeatErrorCode = {
  /** One heartbeat request exceeded its budget (per-attempt timeout or the time left). */
  timeout: 'HEARTBEAT_TIMEOUT',
  /** The keeper was stopped while a request was in flight (the abort reason). */
  stopped: 'HEARTBEAT_STOPPED',
  /** The post function resolved with something that is not `{ heartbeat_id: string }`. */
  invalidResponse: 'INVALID_HEARTBEAT_RESPONSE',
  /** An event listener threw; the keeper carried on. */
  listener: 'HEARTBEAT_LISTENER_ERROR',
} as const
export type HeartbeatErrorCode = (typeof HeartbeatErrorCode)[keyof typeof HeartbeatErrorCode]

/** A runtime condition of the keeper (never bad input: that is `InvalidParameterError`). */
export class HeartbeatError extends ClobError {
  override name = 'HeartbeatError'
  constructor(
    code: HeartbeatErrorCode,
    message: string,
    options: { details?: ErrorDetails; cause?: unknown } = {},
  ) {
    super(code, message, options)
  }
}
