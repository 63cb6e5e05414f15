/**
 * Heartbeats (PROTOCOL.md §5.6): id chaining per API key, a 400 carrying the
 * correct id for a stale one, and the dead-man switch that cancels all of a
 * key's open orders when no valid heartbeat arrives within timeout + buffer.
 * @module
 */
import { randomUUID } from 'node:crypto'
import { cancel } from './engine.js'
import type { SimState } from './state.js'

export type HeartbeatResult =
  | { readonly ok: true; readonly id: string }
  | { readonly ok: false; readonly id: string; readonly message: string }

/** Handles one heartbeat for `key` carrying `id` ('' or null = "first heartbeat"). */
export function beat(state: SimState, key: string, id: string | null, nowMs: number): HeartbeatResult {
  const session = state.heartbeats.get(key)
  if (!session) {
    const next = randomUUID()
    state.heartbeats.set(key, { id: next, lastMs: nowMs, expired: false })
    // An id we never issued: the session starts, and the 400 carries the id to chain from.
    if (id !== null && id !== '') return { ok: false, id: next, message: 'Invalid Heartbeat ID' }
    return { ok: true, id: next }
  }
  if (id !== session.id) {
    return { ok: false, id: session.id, message: 'Invalid Heartbeat ID' }
  }
  session.id = randomUUID()
  session.lastMs = nowMs
  session.expired = false
  return { ok: true, id: session.id }
}

/**
 * Cancels the open orders of every key whose heartbeat session lapsed; the
 * session stays with a fresh id, so the next heartbeat with the old id gets a
 * 400 with the id to continue from.
 */
export function expireHeartbeats(state: SimState, nowMs: number): number {
  const limit = state.config.heartbeatTimeoutMs + state.config.heartbeatBufferMs
  let canceled = 0
  for (const [key, session] of state.heartbeats) {
    if (session.expired || nowMs - session.lastMs <= limit) continue
    session.expired = true
    session.id = randomUUID()
    const open = state.openByKey.get(key)
    if (!open) continue
    for (const id of [...open]) {
      const o = state.orders.get(id)
      if (o && cancel(state, o, 'heartbeat expired', nowMs)) canceled++
    }
  }
  return canceled
}
