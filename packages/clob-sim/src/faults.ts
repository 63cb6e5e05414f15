/**
 * Fault injection for tests and the demo (admin only): latency, 5xx answers,
 * 429 with `Retry-After`, and connections dropped before or after the request
 * was processed. Faults are consumed in the order they were added.
 * @module
 */
import { isObject } from './http.js'
import type { Fault, SimState } from './state.js'

export type FaultSpec = Omit<Fault, 'id' | 'remaining'> & { readonly count: number }

function int(v: unknown, min: number, max: number): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined
}

/** Validates a `POST /_sim/faults` body; a message on error. */
export function parseFault(body: unknown): FaultSpec | string {
  if (!isObject(body)) return 'expected a JSON object'
  const allowed = new Set([
    'path',
    'method',
    'count',
    'latencyMs',
    'status',
    'dropAfterProcess',
    'dropBeforeProcess',
    'rateLimit',
  ])
  for (const k of Object.keys(body))
    if (!allowed.has(k)) return `unknown field ${JSON.stringify(k).slice(0, 40)}`
  const path = body.path
  if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/') || path.length > 300)) {
    return 'path must be a request path ("/order", or a prefix ending in "*")'
  }
  const method = body.method
  if (method !== undefined && (typeof method !== 'string' || !/^[A-Za-z]{1,10}$/.test(method))) {
    return 'method must be an HTTP method'
  }
  const count = body.count === undefined ? 1 : int(body.count, -1, 1_000_000)
  if (count === undefined || count === 0) return 'count must be a positive integer, or -1 for unlimited'
  const latencyMs = body.latencyMs === undefined ? 0 : int(body.latencyMs, 0, 120_000)
  if (latencyMs === undefined) return 'latencyMs must be an integer between 0 and 120000'
  const status = body.status === undefined ? undefined : int(body.status, 400, 599)
  if (body.status !== undefined && status === undefined)
    return 'status must be an HTTP status between 400 and 599'
  for (const k of ['dropAfterProcess', 'dropBeforeProcess'] as const) {
    if (body[k] !== undefined && typeof body[k] !== 'boolean') return `${k} must be a boolean`
  }
  let retryAfter: number | undefined
  if (body.rateLimit !== undefined) {
    const rl = body.rateLimit
    if (!isObject(rl)) return 'rateLimit must be {"retryAfter": seconds}'
    retryAfter = rl.retryAfter === undefined ? 1 : int(rl.retryAfter, 0, 3600)
    if (retryAfter === undefined) return 'rateLimit.retryAfter must be an integer number of seconds (0..3600)'
  }
  const spec: FaultSpec = {
    path: path as string | undefined,
    method: typeof method === 'string' ? method.toUpperCase() : undefined,
    count,
    latencyMs,
    status,
    dropAfterProcess: body.dropAfterProcess === true,
    dropBeforeProcess: body.dropBeforeProcess === true,
    retryAfter,
  }
  if (
    spec.latencyMs === 0 &&
    spec.status === undefined &&
    !spec.dropAfterProcess &&
    !spec.dropBeforeProcess &&
    spec.retryAfter === undefined
  ) {
    return 'a fault needs at least one of latencyMs, status, rateLimit, dropAfterProcess, dropBeforeProcess'
  }
  return spec
}

export function addFault(state: SimState, spec: FaultSpec): Fault {
  state.counters.fault++
  const { count, ...rest } = spec
  const fault: Fault = { id: state.counters.fault, remaining: count, ...rest }
  state.faults.push(fault)
  return fault
}

function matches(f: Fault, method: string, path: string): boolean {
  if (f.method !== undefined && f.method !== method) return false
  if (f.path === undefined) return true
  return f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : path === f.path
}

/** Takes the first fault that applies to this request, consuming one use of it. */
export function takeFault(state: SimState, method: string, path: string): Fault | undefined {
  if (state.faults.length === 0) return undefined
  const i = state.faults.findIndex((f) => matches(f, method, path))
  if (i < 0) return undefined
  const f = state.faults[i] as Fault
  if (f.remaining > 0) {
    f.remaining--
    if (f.remaining === 0) state.faults.splice(i, 1)
  }
  return f
}

export function faultView(f: Fault): Record<string, unknown> {
  return {
    id: f.id,
    path: f.path ?? null,
    method: f.method ?? null,
    remaining: f.remaining,
    latencyMs: f.latencyMs,
    status: f.status ?? null,
    dropAfterProcess: f.dropAfterProcess,
    dropBeforeProcess: f.dropBeforeProcess,
    rateLimit: f.retryAfter === undefined ? null : { retryAfter: f.retryAfter },
  }
}
