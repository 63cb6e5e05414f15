/**
 * The REST error taxonomy: every failure is thrown, typed, and carries a stable
 * `code`. Messages name the method and path. Request headers (and so API secrets
 * and passphrases) are never copied into an error; bodies of key endpoints are
 * redacted.
 * @module
 */
import { ClobError, type ErrorDetails, type Hex } from '@clobkit/eip712-order'

/** Stable codes of the errors this package throws. */
export const ErrorCode = {
  HTTP: 'HTTP_ERROR',
  AUTHENTICATION: 'AUTHENTICATION_FAILED',
  GEOBLOCKED: 'GEOBLOCKED',
  RATE_LIMITED: 'RATE_LIMITED',
  ORDER_REJECTED: 'ORDER_REJECTED',
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  NETWORK: 'NETWORK_ERROR',
  TIMEOUT: 'TIMEOUT',
  ABORTED: 'ABORTED',
  ORDER_OUTCOME_UNKNOWN: 'ORDER_OUTCOME_UNKNOWN',
  SIGNER_REQUIRED: 'SIGNER_REQUIRED',
  CREDENTIALS_REQUIRED: 'CREDENTIALS_REQUIRED',
} as const
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

const MAX_BODY_CHARS = 2000

/** Where a request went; attached to every transport-level error. */
export interface RequestInfo {
  readonly method: string
  readonly path: string
}

/** A parsed error body: JSON value, or the (truncated) text when it was not JSON. */
export type ErrorBody = unknown

function truncate(text: string): string {
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}…` : text
}

/** The server's message, from `{error}`, `{errorMsg}`, `{error_msg}`, `{message}` or a text body. */
export function serverMessage(body: ErrorBody): string | undefined {
  if (typeof body === 'string') return body.length > 0 ? truncate(body) : undefined
  if (typeof body !== 'object' || body === null) return undefined
  const record = body as Record<string, unknown>
  for (const key of ['error', 'errorMsg', 'error_msg', 'message']) {
    const value = record[key]
    if (typeof value === 'string' && value.length > 0) return truncate(value)
    if (typeof value === 'object' && value !== null) return truncate(JSON.stringify(value))
  }
  return undefined
}

/** A non-2xx HTTP response. `body` is the parsed JSON, or the text when it was not JSON. */
export class HttpError extends ClobError {
  override name = 'HttpError'
  readonly status: number
  readonly method: string
  readonly path: string
  readonly body: ErrorBody
  /** The server's error message when one could be found in the body. */
  readonly serverMessage: string | undefined

  constructor(
    info: RequestInfo & { status: number; body: ErrorBody },
    options: { code?: string; message?: string; details?: ErrorDetails; cause?: unknown } = {},
  ) {
    const msg = serverMessage(info.body)
    super(
      options.code ?? ErrorCode.HTTP,
      options.message ??
        `${info.method} ${info.path} failed with HTTP ${info.status}${msg ? `: ${msg}` : ''}`,
      {
        details: { method: info.method, path: info.path, status: info.status, ...options.details },
        ...(options.cause === undefined ? {} : { cause: options.cause }),
      },
    )
    this.status = info.status
    this.method = info.method
    this.path = info.path
    this.body = typeof info.body === 'string' ? truncate(info.body) : info.body
    this.serverMessage = msg
  }
}

/**
 * Why an authenticated request was refused, as far as the client can tell:
 * - `clock_skew`: the local clock is far from the server's (enable `serverTime`);
 * - `unknown_api_key`: the API key is unknown, revoked or belongs to another signer;
 * - `invalid_signature`: the L1 signature or L2 HMAC did not verify (wrong secret or chain);
 * - `wrong_signer_or_signature_type`: the order's signer/maker/signature type do not fit the key;
 * - `missing_credentials`: the server saw no or incomplete auth headers;
 * - `unknown`: none of the above could be recognised.
 */
export type AuthFailureCause =
  | 'clock_skew'
  | 'unknown_api_key'
  | 'invalid_signature'
  | 'wrong_signer_or_signature_type'
  | 'missing_credentials'
  | 'unknown'

/** HTTP 401/403 from an authenticated endpoint, with the likely cause named. */
export class AuthenticationError extends HttpError {
  override name = 'AuthenticationError'
  readonly likelyCause: AuthFailureCause
  constructor(info: RequestInfo & { status: number; body: ErrorBody; likelyCause: AuthFailureCause }) {
    const msg = serverMessage(info.body)
    super(info, {
      code: ErrorCode.AUTHENTICATION,
      message: `${info.method} ${info.path} was refused (HTTP ${info.status}, likely cause: ${info.likelyCause})${msg ? `: ${msg}` : ''}`,
      details: { likelyCause: info.likelyCause },
    })
    this.likelyCause = info.likelyCause
  }
}

/** The request was blocked for the caller's region, or by Cloudflare (HTML body). */
export class GeoblockError extends HttpError {
  override name = 'GeoblockError'
  /** `cloudflare` when an HTML block page came back, `geoblock` for the exchange's region check. */
  readonly source: 'cloudflare' | 'geoblock'
  constructor(info: RequestInfo & { status: number; body: ErrorBody; source: 'cloudflare' | 'geoblock' }) {
    super(info, {
      code: ErrorCode.GEOBLOCKED,
      message: `${info.method} ${info.path} was blocked (HTTP ${info.status}, ${info.source === 'cloudflare' ? 'Cloudflare block page' : 'region restricted'})`,
      details: { source: info.source },
    })
    this.source = info.source
  }
}

/** HTTP 429. `retryAfter` is the server's `Retry-After` in seconds, when it sent one. */
export class RateLimitError extends HttpError {
  override name = 'RateLimitError'
  /** Seconds to wait, from `Retry-After` (delta-seconds or HTTP date). */
  readonly retryAfter: number | undefined
  constructor(info: RequestInfo & { status: number; body: ErrorBody; retryAfter: number | undefined }) {
    super(info, {
      code: ErrorCode.RATE_LIMITED,
      message: `${info.method} ${info.path} was rate limited (HTTP ${info.status}${info.retryAfter === undefined ? '' : `, retry after ${info.retryAfter} s`})`,
      details: info.retryAfter === undefined ? {} : { retryAfter: info.retryAfter },
    })
    this.retryAfter = info.retryAfter
  }
}

/** Insert error codes of PROTOCOL.md §6.2, plus the version mismatch of §2.9. */
export const InsertErrorCodes = [
  'INVALID_ORDER_MIN_TICK_SIZE',
  'INVALID_ORDER_MIN_SIZE',
  'INVALID_ORDER_DUPLICATED',
  'INVALID_ORDER_NOT_ENOUGH_BALANCE',
  'INVALID_ORDER_EXPIRATION',
  'INSERT_ORDER_ERROR',
  'INVALID_ORDER_ERROR',
  'EXECUTION_ERROR',
  'ORDER_DELAYED',
  'DELAYING_ORDER_ERROR',
  'FOK_ORDER_NOT_FILLED_ERROR',
  'MARKET_NOT_READY',
  'INVALID_POST_ONLY_ORDER_TYPE',
  'INVALID_POST_ONLY_ORDER',
  'ORDER_VERSION_MISMATCH',
] as const
export type InsertErrorCode = (typeof InsertErrorCodes)[number]

const INSERT_PATTERNS: readonly (readonly [RegExp, InsertErrorCode])[] = [
  [/order_version_mismatch/i, 'ORDER_VERSION_MISMATCH'],
  [
    /INVALID_POST_ONLY_ORDER_TYPE|post-?only .*(FOK|FAK)|(FOK|FAK).*post-?only/i,
    'INVALID_POST_ONLY_ORDER_TYPE',
  ],
  [/INVALID_POST_ONLY_ORDER|post-?only .*cross/i, 'INVALID_POST_ONLY_ORDER'],
  [/INVALID_ORDER_MIN_TICK_SIZE|minimum tick size/i, 'INVALID_ORDER_MIN_TICK_SIZE'],
  [/INVALID_ORDER_MIN_SIZE|lower than the minimum/i, 'INVALID_ORDER_MIN_SIZE'],
  [/INVALID_ORDER_DUPLICATED|duplicated/i, 'INVALID_ORDER_DUPLICATED'],
  [/INVALID_ORDER_NOT_ENOUGH_BALANCE|not enough balance/i, 'INVALID_ORDER_NOT_ENOUGH_BALANCE'],
  [/INVALID_ORDER_EXPIRATION|invalid expiration/i, 'INVALID_ORDER_EXPIRATION'],
  [/INSERT_ORDER_ERROR|could not insert order/i, 'INSERT_ORDER_ERROR'],
  [/INVALID_ORDER_ERROR/, 'INVALID_ORDER_ERROR'],
  [/EXECUTION_ERROR|could not run the execution/i, 'EXECUTION_ERROR'],
  [/DELAYING_ORDER_ERROR|error delaying the order/i, 'DELAYING_ORDER_ERROR'],
  [/ORDER_DELAYED|match delayed/i, 'ORDER_DELAYED'],
  [
    /FOK_ORDER_NOT_FILLED_ERROR|fully filled or killed|couldn't be fully filled/i,
    'FOK_ORDER_NOT_FILLED_ERROR',
  ],
  [/MARKET_NOT_READY|not yet ready/i, 'MARKET_NOT_READY'],
]

/** Recognise the §6.2 insert error code in a server message (code literal or documented text). */
export function insertErrorCode(message: string | undefined): InsertErrorCode | undefined {
  if (!message) return undefined
  for (const [pattern, code] of INSERT_PATTERNS) if (pattern.test(message)) return code
  return undefined
}

/** The exchange refused an order (`success: false`, or a 4xx on an order POST). */
export class OrderRejectedError extends ClobError {
  override name = 'OrderRejectedError'
  /** The §6.2 insert error code, when it could be recognised. */
  readonly insertCode: InsertErrorCode | undefined
  /** The server's own code when it sent one (`errorCode`, or a leading `CODE:` in the message). */
  readonly serverCode: string | undefined
  /** The server's message (`errorMsg` / `error`). */
  readonly serverMessage: string
  /** HTTP status of the response that carried the rejection. */
  readonly status: number
  /** The order ID (its EIP-712 hash) computed locally, when known (always for created orders). */
  readonly orderId: Hex | undefined
  readonly method: string
  readonly path: string
  constructor(
    info: RequestInfo & {
      status: number
      serverMessage: string
      serverCode?: string | undefined
      orderId?: Hex | undefined
      /** @deprecated Use `orderId`. */
      orderHash?: Hex | undefined
      cause?: unknown
    },
  ) {
    const orderId = info.orderId ?? info.orderHash
    const insertCode = insertErrorCode(info.serverMessage)
    const serverCode = info.serverCode ?? /^([A-Z][A-Z0-9_]{2,63}):/.exec(info.serverMessage)?.[1]
    super(
      ErrorCode.ORDER_REJECTED,
      `${info.method} ${info.path}: order rejected${insertCode ? ` (${insertCode})` : ''}: ${info.serverMessage || 'no reason given'}`,
      {
        details: {
          method: info.method,
          path: info.path,
          status: info.status,
          ...(insertCode ? { insertCode } : {}),
          ...(serverCode ? { serverCode } : {}),
          ...(orderId ? { orderId } : {}),
        },
        ...(info.cause === undefined ? {} : { cause: info.cause }),
      },
    )
    this.insertCode = insertCode
    this.serverCode = serverCode
    this.serverMessage = truncate(info.serverMessage)
    this.status = info.status
    this.orderId = orderId
    this.method = info.method
    this.path = info.path
  }

  /** @deprecated The same value as `orderId`, clobkit's one name for the order ID; this alias will be removed. */
  get orderHash(): Hex | undefined {
    return this.orderId
  }
}

/** A 2xx response whose body is not what the schema says (or not JSON at all). */
export class ResponseValidationError extends ClobError {
  override name = 'ResponseValidationError'
  readonly method: string
  readonly path: string
  /** Where in the body validation failed, e.g. `bids[0].price`; `''` for the root. */
  readonly schemaPath: string
  readonly status: number
  constructor(info: RequestInfo & { status: number; schemaPath: string; reason: string; cause?: unknown }) {
    super(
      ErrorCode.INVALID_RESPONSE,
      `${info.method} ${info.path}: invalid response at ${info.schemaPath || '(root)'}: ${info.reason}`,
      {
        details: { method: info.method, path: info.path, status: info.status, schemaPath: info.schemaPath },
        ...(info.cause === undefined ? {} : { cause: info.cause }),
      },
    )
    this.method = info.method
    this.path = info.path
    this.schemaPath = info.schemaPath
    this.status = info.status
  }
}

/** The connection failed. `requestSent` is false when the request certainly never reached the server. */
export class NetworkError extends ClobError {
  override name = 'NetworkError'
  readonly method: string
  readonly path: string
  readonly requestSent: boolean | undefined
  constructor(info: RequestInfo & { requestSent: boolean | undefined; reason: string; cause?: unknown }) {
    super(ErrorCode.NETWORK, `${info.method} ${info.path}: network error: ${info.reason}`, {
      details: { method: info.method, path: info.path, requestSent: info.requestSent },
      ...(info.cause === undefined ? {} : { cause: info.cause }),
    })
    this.method = info.method
    this.path = info.path
    this.requestSent = info.requestSent
  }
}

/** A per-attempt or total timeout expired. */
export class TimeoutError extends ClobError {
  override name = 'TimeoutError'
  readonly method: string
  readonly path: string
  readonly timeoutMs: number
  readonly scope: 'attempt' | 'total'
  constructor(info: RequestInfo & { timeoutMs: number; scope: 'attempt' | 'total' }) {
    super(
      ErrorCode.TIMEOUT,
      `${info.method} ${info.path} timed out after ${info.timeoutMs} ms (${info.scope})`,
      {
        details: { method: info.method, path: info.path, timeoutMs: info.timeoutMs, scope: info.scope },
      },
    )
    this.method = info.method
    this.path = info.path
    this.timeoutMs = info.timeoutMs
    this.scope = info.scope
  }
}

/** The caller's `AbortSignal` fired. `cause` is the signal's reason. */
export class AbortedError extends ClobError {
  override name = 'AbortedError'
  readonly method: string
  readonly path: string
  /** False when the request had certainly not been sent yet. */
  readonly requestSent: boolean | undefined
  constructor(info: RequestInfo & { cause?: unknown; requestSent?: boolean | undefined }) {
    super(ErrorCode.ABORTED, `${info.method} ${info.path} was aborted`, {
      details: { method: info.method, path: info.path, requestSent: info.requestSent },
      ...(info.cause === undefined ? {} : { cause: info.cause }),
    })
    this.method = info.method
    this.path = info.path
    this.requestSent = info.requestSent
  }
}

/**
 * An order POST whose outcome is unknown: it timed out or lost its connection
 * after the request was sent, or got a 5xx. The orders may or may not be live.
 * Never re-post blindly: pass this error to `client.orders.reconcile(err)`.
 */
export class OrderOutcomeUnknownError extends ClobError {
  override name = 'OrderOutcomeUnknownError'
  readonly method: string
  readonly path: string
  /** Order IDs (EIP-712 hashes) computed locally for every order in the request. */
  readonly orderIds: readonly Hex[]
  /** Token IDs of those orders, same order, used by `reconcile` to search trades. */
  readonly tokenIds: readonly string[]
  /** When the request was sent (ms since epoch). */
  readonly sentAt: number
  constructor(
    info: RequestInfo & {
      tokenIds: readonly string[]
      sentAt: number
      cause: unknown
      extra?: ErrorDetails
    } & (
        | { orderIds: readonly Hex[] }
        | {
            /** @deprecated Use `orderIds`. */
            orderHashes: readonly Hex[]
          }
      ),
  ) {
    const orderIds = 'orderIds' in info ? info.orderIds : info.orderHashes
    super(
      ErrorCode.ORDER_OUTCOME_UNKNOWN,
      `${info.method} ${info.path}: outcome unknown for ${orderIds.length} order(s); reconcile before re-posting`,
      {
        details: { method: info.method, path: info.path, orderIds, ...info.extra },
        cause: info.cause,
      },
    )
    this.method = info.method
    this.path = info.path
    this.orderIds = orderIds
    this.tokenIds = info.tokenIds
    this.sentAt = info.sentAt
  }

  /** @deprecated The same value as `orderIds`, clobkit's one name for the order ID; this alias will be removed. */
  get orderHashes(): readonly Hex[] {
    return this.orderIds
  }
}

/** A method needs a signer (L1 auth or order signing) that the client was not given. */
export function signerRequired(operation: string): ClobError {
  return new ClobError(
    ErrorCode.SIGNER_REQUIRED,
    `signer: ${operation} needs a signer; pass one to createClient`,
    {
      param: 'signer',
    },
  )
}

/** A method needs API credentials (L2 auth) that the client was not given. */
export function credentialsRequired(operation: string): ClobError {
  return new ClobError(
    ErrorCode.CREDENTIALS_REQUIRED,
    `credentials: ${operation} needs API credentials; pass them to createClient or call keys.createOrDerive()`,
    { param: 'credentials' },
  )
}
