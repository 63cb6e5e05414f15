/**
 * One small request function over a pluggable transport (PROTOCOL.md §5.0, §6.4).
 *
 * - Per-attempt and total timeouts; every call honours the caller's `AbortSignal`.
 * - Automatic retries only for GET, on network errors and 408/425/429/500/502/503/504,
 *   with exponential backoff, jitter and `Retry-After`. POST/DELETE are never retried.
 * - The body is serialised once by the caller; the L2 HMAC is computed over exactly
 *   that string, and that string is what goes on the wire.
 * @module
 */
import {
  AbortedError,
  AuthenticationError,
  type AuthFailureCause,
  GeoblockError,
  HttpError,
  NetworkError,
  RateLimitError,
  ResponseValidationError,
  serverMessage,
  TimeoutError,
} from './errors.js'

export type HttpMethod = 'GET' | 'POST' | 'DELETE' | 'PUT'

/** What a transport is asked to send. `url` includes the query string. */
export interface TransportRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  readonly signal: AbortSignal
}

/** What a transport hands back: status, lower-case header map, full body text. */
export interface TransportResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>
  readonly body: string
}

/**
 * Sends one HTTP request. Reject on connection failure; resolve with any status.
 * A transport that knows the request never left the machine may reject with an
 * error carrying `requestSent: false` (the built-in ones do), which lets order
 * POSTs fail with a plain `NetworkError` instead of an outcome-unknown error.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

/** Timeouts in milliseconds. `attempt` bounds one try; `total` bounds the call with its retries. */
export interface Timeouts {
  readonly attempt: number
  readonly total: number
}

/** Retry policy for idempotent reads (GET). */
export interface RetryOptions {
  /** Extra attempts after the first. 0 disables retries. */
  readonly limit: number
  /** First backoff delay; doubles per attempt. */
  readonly baseDelayMs: number
  /** Cap on one backoff delay. */
  readonly maxDelayMs: number
  /** A `Retry-After` longer than this is not waited for; the error is thrown instead. */
  readonly maxRetryAfterMs: number
}

export const DEFAULT_TIMEOUTS: Timeouts = { attempt: 10_000, total: 30_000 }
export const DEFAULT_RETRY: RetryOptions = {
  limit: 2,
  baseDelayMs: 100,
  maxDelayMs: 2_000,
  maxRetryAfterMs: 10_000,
}

/** Statuses worth another try of an idempotent read. */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 425, 429, 500, 502, 503, 504])

/** Query parameters in the order they are sent; `undefined` values are left out. */
export type Query = Readonly<Record<string, string | number | boolean | undefined>>

/** How a request authenticates: none, L1 (EIP-712 ClobAuth) or L2 (HMAC). */
export type AuthKind = 'none' | 'l1' | 'l2'

/** Supplies authentication headers for one attempt; bound by the client. */
export interface Authenticator {
  headers(
    kind: AuthKind,
    method: HttpMethod,
    path: string,
    body: string | undefined,
    nonce?: number,
  ): Promise<Record<string, string>> | Record<string, string>
  /** Called on a 401 so a server clock can be re-synced before the next call. */
  onUnauthorized?(): void
  /** Best guess at the local clock skew in seconds (server − local) from a response `Date` header. */
  readonly skewHint?: (dateHeader: string | undefined) => number | undefined
}

/** Everything a request needs from the client; see `createClient`. */
export interface RequestContext {
  readonly host: string
  readonly transport: Transport
  readonly timeouts: Timeouts
  readonly retry: RetryOptions
  readonly auth: Authenticator
  /** Milliseconds since epoch (injectable for tests). */
  readonly now: () => number
  /** Uniform [0, 1) for jitter (injectable for tests). */
  readonly random: () => number
}

/** One request. `body` is the exact string to sign and send. */
export interface RequestSpec {
  readonly method: HttpMethod
  readonly path: string
  readonly query?: Query | undefined
  readonly body?: string | undefined
  readonly auth?: AuthKind | undefined
  readonly nonce?: number | undefined
  readonly signal?: AbortSignal | undefined
  readonly timeouts?: Partial<Timeouts> | undefined
  /** Override the retry policy for this call (ignored for non-GET). */
  readonly retry?: Partial<RetryOptions> | false | undefined
  /** The response body must not be copied into errors (key endpoints). */
  readonly sensitive?: boolean | undefined
  /** Accept a non-JSON text body (e.g. `GET /ok`). */
  readonly text?: boolean | undefined
}

/** Per-call options every resource method accepts. */
export interface CallOptions {
  readonly signal?: AbortSignal | undefined
  readonly timeouts?: Partial<Timeouts> | undefined
  readonly retry?: Partial<RetryOptions> | false | undefined
}

/** A zod (or any) schema with `safeParse`; kept structural so zod is not a direct dependency. */
export interface Schema<T> {
  safeParse(value: unknown):
    | { readonly success: true; readonly data: T }
    | {
        readonly success: false
        readonly error: {
          readonly issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]
        }
      }
}

/** axios-compatible query encoding (PROTOCOL.md §5.0): `encodeURIComponent`, then `: $ , [ ]` kept and spaces as `+`. */
export function encodeQueryValue(value: string): string {
  const encoded = encodeURIComponent(value)
  if (!encoded.includes('%')) return encoded
  return encoded
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+')
    .replace(/%5B/gi, '[')
    .replace(/%5D/gi, ']')
}

/** `?a=1&b=2` from a query object (empty string when nothing is set). */
export function queryString(query: Query | undefined): string {
  if (query === undefined) return ''
  let out = ''
  for (const key in query) {
    const value = query[key]
    if (value === undefined) continue
    out += `${out === '' ? '?' : '&'}${encodeQueryValue(key)}=${encodeQueryValue(String(value))}`
  }
  return out
}

/** Strip one trailing `/` from a host, as the official clients do (§1.2). */
export function normalizeHost(host: string): string {
  return host.endsWith('/') ? host.slice(0, -1) : host
}

const JSON_HEADERS: Readonly<Record<string, string>> = {
  Accept: 'application/json',
  'Content-Type': 'application/json',
}
const ACCEPT_ONLY: Readonly<Record<string, string>> = { Accept: 'application/json' }

function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0]
}

/** `Retry-After` in seconds, from delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined
  const trimmed = value.trim()
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed)
  const at = Date.parse(trimmed)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, Math.ceil((at - nowMs) / 1000))
}

/** True when a body looks like an HTML page (Cloudflare, proxies), never parsed as JSON. */
export function isHtml(contentType: string | undefined, body: string): boolean {
  if (contentType?.toLowerCase().includes('text/html')) return true
  let i = 0
  while (i < body.length && (body[i] === ' ' || body[i] === '\n' || body[i] === '\r' || body[i] === '\t')) i++
  return body[i] === '<'
}

const CLOUDFLARE = /cloudflare|cf-ray|attention required|access denied|you have been blocked/i
const REGION = /geoblock|region|restricted in your|not available in your|jurisdiction/i

function parseErrorBody(contentType: string | undefined, text: string): { body: unknown; html: boolean } {
  if (isHtml(contentType, text)) return { body: text, html: true }
  if (text.length === 0) return { body: undefined, html: false }
  try {
    return { body: JSON.parse(text), html: false }
  } catch {
    return { body: text, html: false }
  }
}

function authCause(
  status: number,
  message: string | undefined,
  skew: number | undefined,
  kind: AuthKind,
): AuthFailureCause {
  const m = message ?? ''
  if (skew !== undefined && Math.abs(skew) > 30) return 'clock_skew'
  if (/timestamp|expired|clock|too old|in the future/i.test(m)) return 'clock_skew'
  if (/signer|signature type|signature_type|maker|funder|proxy|safe/i.test(m))
    return 'wrong_signer_or_signature_type'
  if (/api.?key|unknown key|no key|not found|revoked|owner/i.test(m)) return 'unknown_api_key'
  if (/signature|hmac/i.test(m)) return 'invalid_signature'
  if (/missing|required|header/i.test(m)) return 'missing_credentials'
  if (kind === 'none') return 'missing_credentials'
  if (status === 401 && kind === 'l1') return 'invalid_signature'
  return 'unknown'
}

/** Turn a non-2xx response into the right typed error. */
export function errorFromResponse(
  spec: { method: string; path: string; auth?: AuthKind | undefined; sensitive?: boolean | undefined },
  response: TransportResponse,
  nowMs: number,
  skewHint?: (date: string | undefined) => number | undefined,
): HttpError {
  const contentType = firstHeader(response.headers['content-type'])
  const parsed = parseErrorBody(contentType, response.body)
  const status = response.status
  const body = spec.sensitive ? '[redacted]' : parsed.body
  const info = { method: spec.method, path: spec.path, status, body }
  if (status === 429) {
    return new RateLimitError({
      ...info,
      retryAfter: parseRetryAfter(firstHeader(response.headers['retry-after']), nowMs),
    })
  }
  const message = parsed.html ? undefined : serverMessage(parsed.body)
  if (status === 403 || status === 451) {
    if (parsed.html && (status === 451 || CLOUDFLARE.test(parsed.body as string))) {
      return new GeoblockError({ ...info, body: '[html]', source: 'cloudflare' })
    }
    if (status === 451 || (message !== undefined && REGION.test(message))) {
      return new GeoblockError({ ...info, source: 'geoblock' })
    }
  }
  if (status === 401 || status === 403) {
    const skew = skewHint?.(firstHeader(response.headers.date))
    return new AuthenticationError({
      ...info,
      likelyCause: authCause(status, message, skew, spec.auth ?? 'none'),
    })
  }
  return new HttpError(
    parsed.html ? { ...info, body: spec.sensitive ? body : `[html] ${response.body}` } : info,
  )
}

/** Parse a 2xx body as JSON (HTML is refused, never parsed). */
export function parseSuccessBody(
  spec: { method: string; path: string; text?: boolean | undefined },
  response: TransportResponse,
): unknown {
  const text = response.body
  const contentType = firstHeader(response.headers['content-type'])
  if (isHtml(contentType, text)) {
    throw new ResponseValidationError({
      method: spec.method,
      path: spec.path,
      status: response.status,
      schemaPath: '',
      reason: 'expected JSON, got an HTML page',
    })
  }
  if (text.length === 0) return null
  try {
    return JSON.parse(text)
  } catch (cause) {
    if (spec.text) return text
    throw new ResponseValidationError({
      method: spec.method,
      path: spec.path,
      status: response.status,
      schemaPath: '',
      reason: 'body is not valid JSON',
      cause,
    })
  }
}

/** Format a schema issue path as `a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out
}

/** Validate a parsed body; throw `ResponseValidationError` naming the schema path. */
export function validate<T>(schema: Schema<T>, value: unknown, info: { method: string; path: string }): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new ResponseValidationError({
    method: info.method,
    path: info.path,
    status: 200,
    schemaPath: issue ? formatPath(issue.path) : '',
    reason: issue?.message ?? 'schema mismatch',
  })
}

const TIMEOUT_REASON = Symbol('clob-rest timeout')

function backoff(retry: RetryOptions, attempt: number, random: () => number): number {
  const exp = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** attempt)
  return Math.round(exp / 2 + (random() * exp) / 2)
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Raised inside `send` so callers can tell "maybe sent" from "never sent". */
function isNotSent(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { requestSent?: unknown }).requestSent === false
  )
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}

/**
 * One attempt: builds its own AbortController so a per-attempt timeout, the total
 * deadline and the caller's signal all cancel the transport call.
 */
async function attemptOnce(
  ctx: RequestContext,
  spec: RequestSpec,
  url: string,
  headers: Record<string, string>,
  attemptMs: number,
  deadline: number,
  totalMs: number,
): Promise<TransportResponse> {
  const remaining = deadline - ctx.now()
  const scope: 'attempt' | 'total' = attemptMs < remaining ? 'attempt' : 'total'
  const waitMs = Math.max(0, scope === 'attempt' ? attemptMs : remaining)
  const controller = new AbortController()
  const userSignal = spec.signal
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(TIMEOUT_REASON)
  }, waitMs)
  const onAbort = () => controller.abort(userSignal?.reason)
  if (userSignal) {
    if (userSignal.aborted) {
      clearTimeout(timer)
      throw new AbortedError({
        method: spec.method,
        path: spec.path,
        cause: userSignal.reason,
        requestSent: false,
      })
    }
    userSignal.addEventListener('abort', onAbort, { once: true })
  }
  try {
    return await ctx.transport({
      method: spec.method,
      url,
      headers,
      body: spec.body,
      signal: controller.signal,
    })
  } catch (error) {
    if (timedOut) {
      throw new TimeoutError({
        method: spec.method,
        path: spec.path,
        timeoutMs: scope === 'attempt' ? attemptMs : totalMs,
        scope,
      })
    }
    if (userSignal?.aborted) {
      throw new AbortedError({
        method: spec.method,
        path: spec.path,
        cause: userSignal.reason,
        requestSent: isNotSent(error) ? false : undefined,
      })
    }
    throw new NetworkError({
      method: spec.method,
      path: spec.path,
      requestSent: isNotSent(error) ? false : undefined,
      reason: reasonOf(error),
      cause: error,
    })
  } finally {
    clearTimeout(timer)
    userSignal?.removeEventListener('abort', onAbort)
  }
}

/**
 * Send one request and return the parsed JSON body (validated when `schema` is
 * given). Throws a typed error for every failure (see `errors.ts`).
 */
export async function request<T = unknown>(
  ctx: RequestContext,
  spec: RequestSpec,
  schema?: Schema<T>,
): Promise<T> {
  const url = ctx.host + spec.path + queryString(spec.query)
  const attemptMs = spec.timeouts?.attempt ?? ctx.timeouts.attempt
  const totalMs = spec.timeouts?.total ?? ctx.timeouts.total
  const start = ctx.now()
  const deadline = start + totalMs
  const retry: RetryOptions | undefined =
    spec.method !== 'GET' || spec.retry === false
      ? undefined
      : spec.retry === undefined
        ? ctx.retry
        : { ...ctx.retry, ...spec.retry }
  const limit = retry ? retry.limit : 0
  const auth = spec.auth ?? 'none'
  for (let attempt = 0; ; attempt++) {
    const base = spec.body === undefined ? ACCEPT_ONLY : JSON_HEADERS
    const headers =
      auth === 'none'
        ? { ...base }
        : Object.assign(
            { ...base },
            await ctx.auth.headers(auth, spec.method, spec.path, spec.body, spec.nonce),
          )
    let failure!: HttpError | NetworkError | TimeoutError
    let retryAfterMs: number | undefined
    let response: TransportResponse | undefined
    try {
      response = await attemptOnce(ctx, spec, url, headers, attemptMs, deadline, totalMs)
    } catch (error) {
      if (!(error instanceof NetworkError) && !(error instanceof TimeoutError && error.scope === 'attempt'))
        throw error
      failure = error
    }
    if (response !== undefined) {
      if (response.status >= 200 && response.status < 300) {
        const value = parseSuccessBody(spec, response)
        return schema ? validate(schema, value, spec) : (value as T)
      }
      const error = errorFromResponse(spec, response, ctx.now(), ctx.auth.skewHint)
      if (response.status === 401) ctx.auth.onUnauthorized?.()
      if (!retry || !RETRY_STATUSES.has(response.status)) throw error
      const after = parseRetryAfter(firstHeader(response.headers['retry-after']), ctx.now())
      retryAfterMs = after === undefined ? undefined : after * 1000
      failure = error
    }
    if (!retry || attempt >= limit) throw failure
    if (retryAfterMs !== undefined && retryAfterMs > retry.maxRetryAfterMs) throw failure
    const delay = retryAfterMs ?? backoff(retry, attempt, ctx.random)
    if (ctx.now() + delay >= deadline) throw failure
    try {
      await sleep(delay, spec.signal)
    } catch (reason) {
      throw new AbortedError({ method: spec.method, path: spec.path, cause: reason, requestSent: false })
    }
  }
}

/** Options of the built-in transports (`createDefaultTransport`). */
export interface DefaultTransportOptions {
  /** Node: sockets per origin (default 64). */
  readonly maxSockets?: number
  /** Node: close idle keep-alive sockets after this many ms (default 4000). */
  readonly idleSocketMs?: number
  /** Node: TLS settings for https hosts (extra CA certificates in PEM, or verification off for tests). */
  readonly tls?:
    | { readonly ca?: string | readonly string[]; readonly rejectUnauthorized?: boolean }
    | undefined
  /** Fetch transport: the `fetch` to use (default `globalThis.fetch`). */
  readonly fetch?: typeof globalThis.fetch
}
