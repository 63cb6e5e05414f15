/**
 * What the keeper calls to send one heartbeat, and what it expects back.
 * @module
 */

/** The exchange's answer to an accepted heartbeat. */
export interface HeartbeatResponse {
  readonly heartbeat_id: string
}

/**
 * Posts one heartbeat carrying `heartbeatId` and resolves with the next id. It must
 * honour `signal` (abort the request) and throw (or resolve with an object that has
 * an `error` key, as the official clients do) on failure.
 */
export type PostHeartbeat = (heartbeatId: string, signal: AbortSignal) => PromiseLike<HeartbeatResponse>
