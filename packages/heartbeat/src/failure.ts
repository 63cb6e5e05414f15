/**
 * Reading a failed heartbeat: its HTTP status, whether it is worth a quick retry,
 * and the correct `heartbeat_id` a 400 carries (PROTOCOL.md §5.6).
 *
 * The id can sit in several places depending on who produced the failure:
 * - our `clob-rest` `HttpError` keeps the parsed body: `{heartbeat_id}` or
 *   `{error, heartbeat_id}` or `{error: {heartbeat_id}}`;
 * - the official TS clients return (or throw as `ApiError.data`) the body spread at
 *   the top level when it had an `error` key, otherwise nested under `error`;
 * - a raw response body string.
 * We look in all of them.
 * @module
 */
import { isClobError } from '@clobkit/eip712-order'
import { HeartbeatErrorCode } from './errors.js'

type Rec = Record<string, unknown>

const isRecord = (value: unknown): value is Rec => typeof value === 'object' && value !== null

function parseJsonObject(text: string): Rec | undefined {
  const trimmed = text.trim()
  if (!trimmed.startsWith('{') || trimmed.length > 65_536) return undefined
  try {
    const parsed: unknown = JSON.parse(trimmed)
    return isRecord(parsed) ? parsed : undefined
  } catch {
    return undefined
  }
}

/** The objects that may hold a response body, outermost first, bounded in depth. */
function containers(failure: unknown): Rec[] {
  const out: Rec[] = []
  const seen = new Set<unknown>()
  const visit = (value: unknown, depth: number): void => {
    if (depth > 3) return
    const rec = typeof value === 'string' ? parseJsonObject(value) : isRecord(value) ? value : undefined
    if (rec === undefined || seen.has(rec)) return
    seen.add(rec)
    out.push(rec)
    for (const key of ['body', 'data', 'response', 'details', 'cause', 'error']) {
      let child: unknown
      try {
        child = rec[key]
      } catch {
        continue
      }
      if (key === 'error' && typeof child === 'string') {
        // `{error: "<json body>"}` (TS client turning a string body into an error object)
        const parsed = parseJsonObject(child)
        if (parsed !== undefined) visit(parsed, depth + 1)
        continue
      }
      visit(child, depth + 1)
    }
  }
  visit(failure, 0)
  return out
}

/**
 * The `heartbeat_id` carried by a heartbeat failure (a 400 for a stale or unknown
 * id), looking at the top level and under `error`, in errors, error objects and
 * raw bodies. `undefined` when there is none.
 *
 * @example
 * ```ts
 * findHeartbeatId({ error: 'invalid heartbeat id', heartbeat_id: 'hb-7', status: 400 }) // 'hb-7'
 * findHeartbeatId({ error: { heartbeat_id: 'hb-7' }, status: 400 })                    // 'hb-7'
 * ```
 */
export function findHeartbeatId(failure: unknown): string | undefined {
  for (const rec of containers(failure)) {
    let id: unknown
    try {
      id = rec.heartbeat_id
    } catch {
      continue
    }
    if (typeof id === 'string' && id.length > 0 && id.length <= 512) return id
  }
  return undefined
}

/** The HTTP status of a failure, when it has one. */
export function failureStatus(failure: unknown): number | undefined {
  for (const rec of containers(failure)) {
    for (const key of ['status', 'statusCode']) {
      let value: unknown
      try {
        value = rec[key]
      } catch {
        continue
      }
      if (typeof value === 'number' && Number.isInteger(value) && value >= 100 && value <= 599) return value
    }
  }
  return undefined
}

const TRANSIENT_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])
/** Codes (ours and clob-rest's) that no quick retry can fix. */
const PERMANENT_CODES = new Set<string>([
  HeartbeatErrorCode.invalidResponse,
  'AUTHENTICATION_FAILED',
  'GEOBLOCKED',
  'INVALID_RESPONSE',
  'SIGNER_REQUIRED',
  'CREDENTIALS_REQUIRED',
])

/**
 * True when a quick retry may succeed: network errors, timeouts, 408/425/429/5xx,
 * and anything without an HTTP status that is not a known permanent condition.
 * Other 4xx (auth, geoblock, bad request) wait for the next regular beat instead.
 */
export function isTransient(failure: unknown): boolean {
  const status = failureStatus(failure)
  if (status !== undefined) return TRANSIENT_STATUS.has(status) || status >= 500
  if (isClobError(failure) && PERMANENT_CODES.has(failure.code)) return false
  return true
}

/** Milliseconds a failure asks us to wait (`retryAfter` in seconds or `retryAfterMs`), if any. */
export function failureRetryAfterMs(failure: unknown): number | undefined {
  for (const rec of containers(failure)) {
    let ms: unknown
    let s: unknown
    try {
      ms = rec.retryAfterMs
      s = rec.retryAfter
    } catch {
      continue
    }
    if (typeof ms === 'number' && Number.isFinite(ms) && ms >= 0) return ms
    if (typeof s === 'number' && Number.isFinite(s) && s >= 0) return s * 1000
  }
  return undefined
}

/** A JSON-serialisable summary of a failure for events and logs. */
export interface ErrorInfo {
  /** A stable code: the clobkit error code, `HTTP_<status>`, the error's name, or `UNKNOWN`. */
  readonly code: string
  /** A short message (at most 300 characters). */
  readonly message: string
  /** The HTTP status, when the failure came with one. */
  readonly status?: number
}

const MAX_MESSAGE = 300

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text
}

/** Summarise any thrown or returned failure as an {@link ErrorInfo}. */
export function toErrorInfo(failure: unknown): ErrorInfo {
  const status = failureStatus(failure)
  let code = status === undefined ? 'UNKNOWN' : `HTTP_${status}`
  let message = ''
  if (isRecord(failure)) {
    const rec = failure
    if (typeof rec.code === 'string' && rec.code.length > 0) code = rec.code
    else if (status === undefined && typeof rec.name === 'string' && rec.name.length > 0) code = rec.name
    if (typeof rec.message === 'string') message = rec.message
    else if (typeof rec.error === 'string') message = rec.error
    else {
      try {
        message = JSON.stringify(rec) ?? ''
      } catch {
        message = ''
      }
    }
  } else if (failure !== undefined) {
    message = String(failure)
  }
  const info: { code: string; message: string; status?: number } = {
    code: clip(code),
    message: clip(message),
  }
  if (status !== undefined) info.status = status
  return info
}
