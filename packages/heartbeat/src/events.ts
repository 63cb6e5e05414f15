/**
 * What the keeper reports. Every event is a plain JSON-serialisable object with a
 * `type` and `at` (the keeper clock's monotonic milliseconds), so a program can
 * act on it and a CLI can write it as one JSON line.
 * @module
 */
import type { ErrorInfo } from './failure.js'

/** A heartbeat was accepted. `latencyMs` is request start to response. */
export interface BeatEvent {
  readonly type: 'beat'
  readonly at: number
  readonly latencyMs: number
  /** The new id the next beat will carry. */
  readonly heartbeatId: string
}

/** The first accepted beat after failures: a stale id fixed from a 400, or errors. */
export interface RecoveredEvent {
  readonly type: 'recovered'
  readonly at: number
  /** `stale_id` when only stale-id 400s preceded the success, `error` when anything else failed. */
  readonly from: 'stale_id' | 'error'
  /** Failed attempts before this success. */
  readonly failures: number
  readonly heartbeatId: string
}

/** The deadline is near and the last attempt failed (or is failing): act now. */
export interface AtRiskEvent {
  readonly type: 'at-risk'
  readonly at: number
  /** Milliseconds until the orders are presumed cancelled. */
  readonly timeLeftMs: number
  /** The last failure. */
  readonly error: ErrorInfo | null
}

/**
 * No accepted beat within the deadline: every open order of the key must be
 * presumed cancelled by the exchange. Reported once per lapse; the keeper keeps
 * trying so the chain (and protection of new orders) resumes.
 */
export interface LapsedEvent {
  readonly type: 'lapsed'
  readonly at: number
  /** Milliseconds since the last accepted beat was sent (or since start, if none). */
  readonly sinceLastSuccessMs: number
  /** Clock time the last accepted beat was sent, `null` when none was accepted yet. */
  readonly lastSuccessAt: number | null
}

/** The event loop was blocked: a timer fired `delayMs` late. */
export interface StallEvent {
  readonly type: 'stall'
  readonly at: number
  readonly delayMs: number
}

/** One heartbeat attempt failed (other than a stale id, which is retried at once). */
export interface ErrorEvent {
  readonly type: 'error'
  readonly at: number
  readonly error: ErrorInfo
  readonly consecutiveFailures: number
  /** Whether the failure looked transient (retried with backoff) or not (retried at the next beat). */
  readonly transient: boolean
  /** Milliseconds until the next attempt. */
  readonly retryInMs: number
  readonly timeLeftMs: number
}

/** The keeper stopped; no request is in flight and none will be sent. */
export interface StoppedEvent {
  readonly type: 'stopped'
  readonly at: number
  /** `stop` (stop() called), `signal` (the AbortSignal fired) or `dispose` (`await using`). */
  readonly reason: 'stop' | 'signal' | 'dispose'
  readonly beats: number
  readonly lapses: number
}

/** Events by type. */
export interface HeartbeatEventMap {
  beat: BeatEvent
  recovered: RecoveredEvent
  'at-risk': AtRiskEvent
  lapsed: LapsedEvent
  stall: StallEvent
  error: ErrorEvent
  stopped: StoppedEvent
}

export type HeartbeatEventType = keyof HeartbeatEventMap
export type HeartbeatEvent = HeartbeatEventMap[HeartbeatEventType]

/** Every event type, in no particular order. */
export const heartbeatEventTypes: readonly HeartbeatEventType[] = [
  'beat',
  'recovered',
  'at-risk',
  'lapsed',
  'stall',
  'error',
  'stopped',
]
