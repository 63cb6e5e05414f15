/**
 * What the engine tells an observer (the stream hub, `ws/`) while it changes the
 * exchange: level sizes, order life-cycle steps and trades. Plain synchronous
 * callbacks keyed by state, so the engine stays free of I/O and a state with no
 * observer pays one WeakMap lookup.
 * @module
 */
import type { Side } from '@clobkit/eip712-order'
import type { SimOrder, SimState, SimTrade, TokenState } from './state.js'

/** The user-channel order event types (PROTOCOL-WS.md §3.3). */
export type OrderEventKind = 'PLACEMENT' | 'UPDATE' | 'CANCELLATION'

export interface EngineObserver {
  /** The total size of a level changed (it may now be gone). */
  level(token: TokenState, side: Side, priceMicros: number, nowMs: number): void
  /** An order was accepted, (partly) matched, or cancelled; read it now, it changes later. */
  order(o: SimOrder, kind: OrderEventKind, nowMs: number): void
  /** A trade was made (MATCHED) or its settlement moved on (MINED, CONFIRMED, FAILED). */
  trade(t: SimTrade, nowMs: number): void
}

const observers = new WeakMap<SimState, EngineObserver>()

/** Sets (or with `undefined` removes) the observer of `state`. */
export function observe(state: SimState, observer: EngineObserver | undefined): void {
  if (observer) observers.set(state, observer)
  else observers.delete(state)
}

export function observerOf(state: SimState): EngineObserver | undefined {
  return observers.get(state)
}
