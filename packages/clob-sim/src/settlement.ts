/**
 * Trade settlement on the sim's clock: a trade is `MATCHED` when made, `MINED`
 * `minedAfterMs` later and `CONFIRMED` `confirmedAfterMs` after the match
 * (PROTOCOL-WS.md §3.3). Driven by `settle(state, now)`, which the server calls
 * on every request, every maintenance tick and every clock change, so an
 * injected clock moves trades on without real waiting.
 * @module
 */
import { observerOf } from './events.js'
import type { SimState, SimTrade } from './state.js'

export interface SettlementTimeline {
  /** ms after the match at which a trade is MINED. */
  readonly minedAfterMs: number
  /** ms after the match at which a trade is CONFIRMED (≥ minedAfterMs). */
  readonly confirmedAfterMs: number
}

export const DEFAULT_TIMELINE: SettlementTimeline = { minedAfterMs: 2_000, confirmedAfterMs: 5_000 }

interface Queues {
  readonly toMine: SimTrade[]
  readonly toConfirm: SimTrade[]
  readonly failing: WeakSet<SimTrade>
  failNext: number
}

const queues = new WeakMap<SimState, Queues>()

function queuesOf(state: SimState): Queues {
  let q = queues.get(state)
  if (!q) {
    q = { toMine: [], toConfirm: [], failing: new WeakSet(), failNext: 0 }
    queues.set(state, q)
  }
  return q
}

/** Queues a newly matched trade for settlement (bounded by `retainTrades`: older ones are forgotten). */
export function enqueue(state: SimState, t: SimTrade): void {
  const qs = queuesOf(state)
  if (qs.failNext > 0) {
    qs.failNext--
    qs.failing.add(t)
  }
  const q = qs.toMine
  q.push(t)
  const cap = state.config.retainTrades
  if (q.length > cap * 1.25) q.splice(0, q.length - cap)
}

/** The next `count` trades settle RETRYING → FAILED; returns how many are now marked to fail. */
export function failNext(state: SimState, count: number): number {
  const q = queuesOf(state)
  q.failNext += count
  return q.failNext
}

/** Moves every trade whose time has come to its next status; returns how many moved. */
export function settle(state: SimState, nowMs: number, timeline: SettlementTimeline): number {
  const q = queues.get(state)
  if (!q) return 0
  const obs = observerOf(state)
  let moved = 0
  let i = 0
  while (i < q.toMine.length) {
    const t = q.toMine[i] as SimTrade
    if (nowMs < t.matchTimeMs + timeline.minedAfterMs) break
    i++
    if (t.status !== 'MATCHED') continue
    t.status = q.failing.has(t) ? 'RETRYING' : 'MINED'
    moved++
    obs?.trade(t, nowMs)
    q.toConfirm.push(t)
  }
  if (i > 0) q.toMine.splice(0, i)
  i = 0
  while (i < q.toConfirm.length) {
    const t = q.toConfirm[i] as SimTrade
    if (nowMs < t.matchTimeMs + timeline.confirmedAfterMs) break
    i++
    if (t.status !== 'MINED' && t.status !== 'RETRYING') continue
    t.status = t.status === 'RETRYING' ? 'FAILED' : 'CONFIRMED'
    moved++
    obs?.trade(t, nowMs)
  }
  if (i > 0) q.toConfirm.splice(0, i)
  return moved
}

/** Trades still waiting for a status change. */
export function pendingSettlement(state: SimState): number {
  const q = queues.get(state)
  return q ? q.toMine.length + q.toConfirm.length : 0
}
