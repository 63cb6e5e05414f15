/** What the transport tests share: a request context with fast retries, and GET specs. */
import { createDefaultTransport, DEFAULT_RETRY, type RequestSpec, type request } from '@clobkit/clob-rest'

export type RequestContext = Parameters<typeof request>[0]

/** A context for `request` against `host`: 2 s / 5 s budgets, 5–20 ms backoff, no jitter. */
export function requestContext(host: string, overrides: Partial<RequestContext> = {}): RequestContext {
  return {
    host,
    transport: createDefaultTransport(),
    timeouts: { attempt: 2_000, total: 5_000 },
    retry: { ...DEFAULT_RETRY, baseDelayMs: 5, maxDelayMs: 20 },
    auth: { headers: () => ({}) },
    now: Date.now,
    random: () => 0.5,
    ...overrides,
  }
}

export const get = (path: string, extra: Partial<RequestSpec> = {}): RequestSpec => ({
  method: 'GET',
  path,
  ...extra,
})
