/**
 * Server-side verification of L1 and L2 headers (PROTOCOL.md §4.1, §4.2), for
 * simulators and proxies. Header names are matched case-insensitively (Node
 * lowercases them); HMACs and passphrases are compared in constant time; hostile
 * headers never make these functions throw, they return `{ ok: false, reason }`.
 * @module
 */
import * as Address from '@clobkit/eip712-order/address'
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import * as Signer from '@clobkit/eip712-order/signer'
import { safeEqual } from '#hmac'
import * as ClobAuth from './clob-auth.js'
import { type ApiCredentials, type CredentialsInput, materialOf } from './material.js'

/**
 * Incoming headers: a plain object (Node's `IncomingHttpHeaders`, any key casing)
 * or anything with a `get(name)` method (fetch `Headers`). Typed as `object`
 * because the values are not trusted: anything else is reported, not thrown.
 */
export type HeaderSource = object

/** Why verification failed. */
export type Reason =
  /** A required `POLY_*` header is absent. */
  | 'missing_header'
  /** A header is present but not well-formed (not a string, repeated, bad address/number/signature format). */
  | 'malformed_header'
  /** `POLY_TIMESTAMP` is further than `windowSeconds` from now (either way). */
  | 'stale_timestamp'
  /** L2: no credentials for `POLY_API_KEY`. */
  | 'unknown_key'
  /** L2: `POLY_PASSPHRASE` does not match. */
  | 'bad_passphrase'
  /** The signature does not verify for `POLY_ADDRESS` over this request. */
  | 'bad_signature'
  /** The authenticated `POLY_ADDRESS` is not the address expected (option or key owner). */
  | 'address_mismatch'

/** Failure result. */
export interface Failure {
  readonly ok: false
  readonly reason: Reason
}

/** `Verify.l1` success. */
export interface L1Success {
  readonly ok: true
  /** `POLY_ADDRESS`, checksummed. */
  readonly address: string
  /** `POLY_NONCE` as a canonical decimal string. */
  readonly nonce: string
  /** `POLY_TIMESTAMP` in unix seconds. */
  readonly timestamp: number
}

/** `Verify.l2` success. */
export interface L2Success {
  readonly ok: true
  readonly apiKey: string
  /** `POLY_ADDRESS`, checksummed. */
  readonly address: string
  /** `POLY_TIMESTAMP` in unix seconds. */
  readonly timestamp: number
}

/** Clock and window options shared by both verifiers. */
export interface TimeOptions {
  /** Current unix seconds. Takes precedence over `now`. */
  readonly nowSeconds?: number | undefined
  /** Current time in milliseconds, or a clock returning it; defaults to `Date.now()`. */
  readonly now?: number | (() => number) | undefined
  /** Maximum |now − POLY_TIMESTAMP| in seconds; default 60. */
  readonly windowSeconds?: number | undefined
}

/** `Verify.l1` options. */
export interface L1Options extends TimeOptions {
  readonly chainId: number
  /** When set, `POLY_ADDRESS` must equal it (case-insensitively), else `address_mismatch`. */
  readonly address?: string | undefined
}

/** Credentials as the lookup returns them, optionally with the address that owns the key. */
export type Account =
  | ((ApiCredentials | CredentialsInput) & { readonly address?: string | undefined })
  | { readonly credentials: ApiCredentials | CredentialsInput; readonly address?: string | undefined }

/** `Verify.l2` options: the server's view of the request. */
export interface L2Options extends TimeOptions {
  /** Finds the credentials of an API key; `undefined` when unknown. */
  readonly lookup: (apiKey: string) => Account | undefined
  /** The request method as received. */
  readonly method: string
  /** The request path without the query string (what the official clients sign). */
  readonly path: string
  /** The exact request body string, or `undefined`/`''` when there is none. */
  readonly body?: string | undefined
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const TIMESTAMP = /^[0-9]{1,15}$/
const NONCE = /^(?:0|[1-9][0-9]{0,77})$/
const SIGNATURE = /^0x[0-9a-fA-F]{130}$/
function isSignature(value: string): value is `0x${string}` {
  return SIGNATURE.test(value)
}
const MAX_UINT256 = (1n << 256n) - 1n
const DEFAULT_WINDOW = 60

const MALFORMED = Symbol('malformed')

function fail(reason: Reason): Failure {
  return { ok: false, reason }
}

/** One header value by case-insensitive name: the string, `undefined` if absent, `MALFORMED` otherwise. */
function header(headers: unknown, name: string): string | undefined | typeof MALFORMED {
  const lower = name.toLowerCase()
  const get = (headers as { get?: unknown }).get
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, lower) ?? get.call(headers, name)
    if (value === null || value === undefined) return undefined
    return typeof value === 'string' ? value : MALFORMED
  }
  let found: unknown
  let count = 0
  for (const key of Object.keys(headers as object)) {
    if (key.length === name.length && key.toLowerCase() === lower) {
      found = (headers as Record<string, unknown>)[key]
      count++
    }
  }
  if (count === 0 || found === undefined) return undefined
  if (count > 1) return MALFORMED
  if (Array.isArray(found)) return found.length === 1 && typeof found[0] === 'string' ? found[0] : MALFORMED
  return typeof found === 'string' ? found : MALFORMED
}

/** Reads the named headers; a `Failure` if any is missing or malformed (or reading throws). */
function read(headers: unknown, names: readonly string[]): string[] | Failure {
  if (typeof headers !== 'object' || headers === null) return fail('missing_header')
  const out: string[] = []
  let malformed = false
  try {
    for (const name of names) {
      const value = header(headers, name)
      if (value === undefined) return fail('missing_header')
      if (value === MALFORMED) malformed = true
      else out.push(value)
    }
  } catch {
    return fail('malformed_header')
  }
  return malformed ? fail('malformed_header') : out
}

function nowSeconds(options: TimeOptions): number {
  if (options.nowSeconds !== undefined) {
    if (typeof options.nowSeconds !== 'number' || !Number.isFinite(options.nowSeconds)) {
      throw new InvalidParameterError('INVALID_OPTION', 'nowSeconds', 'expected unix seconds')
    }
    return options.nowSeconds
  }
  const now =
    options.now === undefined ? Date.now() : typeof options.now === 'function' ? options.now() : options.now
  if (typeof now !== 'number' || !Number.isFinite(now)) {
    throw new InvalidParameterError(
      'INVALID_OPTION',
      'now',
      'expected milliseconds or a clock returning them',
    )
  }
  return now / 1000
}

function windowSeconds(options: TimeOptions): number {
  const w = options.windowSeconds ?? DEFAULT_WINDOW
  if (typeof w !== 'number' || !(w >= 0)) {
    throw new InvalidParameterError('INVALID_OPTION', 'windowSeconds', 'expected a non-negative number')
  }
  return w
}

function fresh(timestamp: number, options: TimeOptions): boolean {
  return Math.abs(nowSeconds(options) - timestamp) <= windowSeconds(options)
}

/**
 * Verifies L1 headers: shape, freshness, then that `POLY_SIGNATURE` is the
 * `POLY_ADDRESS` EOA's signature of `ClobAuth{address: POLY_ADDRESS, timestamp:
 * POLY_TIMESTAMP (verbatim), nonce: POLY_NONCE}` on `chainId`. Never throws on
 * hostile headers; throws `INVALID_OPTION` / `UNSUPPORTED_CHAIN` for bad options.
 *
 * @example
 * ```ts
 * import { Signer } from '@clobkit/eip712-order'
 * import { Headers, Verify } from '@clobkit/l2-auth'
 * const signer = Signer.fromPrivateKey('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
 * const headers = await Headers.l1({ signer, chainId: 137, timestamp: 1700000000 })
 * Verify.l1(headers, { chainId: 137, nowSeconds: 1700000010, windowSeconds: 30 })
 * // { ok: true, address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', nonce: '0', timestamp: 1700000000 }
 * ```
 */
export function l1(headers: HeaderSource, options: L1Options): L1Success | Failure {
  ClobAuth.domain(options.chainId)
  const expected = options.address
  if (expected !== undefined && (typeof expected !== 'string' || !ADDRESS.test(expected))) {
    throw new InvalidParameterError('INVALID_OPTION', 'address', 'expected a 0x-prefixed 20-byte hex address')
  }
  const values = read(headers, ['POLY_ADDRESS', 'POLY_SIGNATURE', 'POLY_TIMESTAMP', 'POLY_NONCE'])
  if (!Array.isArray(values)) return values
  const [address = '', signature = '', timestamp = '', nonce = ''] = values
  if (
    !Address.isAddress(address) ||
    !isSignature(signature) ||
    !TIMESTAMP.test(timestamp) ||
    !NONCE.test(nonce)
  ) {
    return fail('malformed_header')
  }
  const nonceValue = BigInt(nonce)
  if (nonceValue > MAX_UINT256) return fail('malformed_header')
  const seconds = Number(timestamp)
  if (!fresh(seconds, options)) return fail('stale_timestamp')
  let recovered: string
  try {
    const digest = ClobAuth.hash({ address, chainId: options.chainId, timestamp, nonce: nonceValue })
    recovered = Signer.recoverDigest(digest, signature)
  } catch {
    return fail('bad_signature')
  }
  if (!Address.equal(recovered, address)) return fail('bad_signature')
  if (expected !== undefined && !Address.equal(expected, address)) {
    return fail('address_mismatch')
  }
  return { ok: true, address: Address.checksum(address), nonce, timestamp: seconds }
}

/**
 * Verifies L2 headers against the server's view of the request: shape,
 * freshness, known key, passphrase, HMAC over `POLY_TIMESTAMP + method + path +
 * body` with the key's secret, and (when the lookup gives one) the key owner's
 * address. Comparisons of secrets are constant-time. Never throws on hostile
 * headers; a throwing `lookup` or invalid stored credentials do throw.
 *
 * @example
 * ```ts
 * import { Credentials, Headers, Verify } from '@clobkit/l2-auth'
 * const credentials = Credentials.from({ key: 'k-1', secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ=', passphrase: 'p' })
 * const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
 * const headers = Headers.l2({ address, credentials, method: 'GET', path: '/data/orders', timestamp: 1700000000 })
 * Verify.l2(headers, {
 *   lookup: (key) => (key === 'k-1' ? { credentials, address } : undefined),
 *   method: 'GET', path: '/data/orders', nowSeconds: 1700000001, windowSeconds: 30,
 * })
 * // { ok: true, apiKey: 'k-1', address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', timestamp: 1700000000 }
 * ```
 */
export function l2(headers: HeaderSource, options: L2Options): L2Success | Failure {
  if (typeof options.lookup !== 'function') {
    throw new InvalidParameterError('INVALID_OPTION', 'lookup', 'expected a function (apiKey) => credentials')
  }
  const values = read(headers, [
    'POLY_ADDRESS',
    'POLY_SIGNATURE',
    'POLY_TIMESTAMP',
    'POLY_API_KEY',
    'POLY_PASSPHRASE',
  ])
  if (!Array.isArray(values)) return values
  const [address = '', signature = '', timestamp = '', apiKey = '', passphrase = ''] = values
  if (!Address.isAddress(address) || !TIMESTAMP.test(timestamp) || apiKey.length === 0)
    return fail('malformed_header')
  const seconds = Number(timestamp)
  if (!fresh(seconds, options)) return fail('stale_timestamp')
  const account = options.lookup(apiKey)
  if (account === undefined || account === null) return fail('unknown_key')
  const credentials = 'credentials' in account ? account.credentials : account
  const material = materialOf(credentials, 'lookup()')
  if (!safeEqual(passphrase, material.passphrase)) return fail('bad_passphrase')
  const body = options.body ?? ''
  if (typeof options.method !== 'string' || typeof options.path !== 'string' || typeof body !== 'string') {
    return fail('bad_signature')
  }
  const expected = material.sign(timestamp + options.method + options.path, body)
  if (!safeEqual(signature, expected)) return fail('bad_signature')
  const owner = account.address
  if (owner !== undefined && !Address.equal(owner, address)) {
    return fail('address_mismatch')
  }
  return { ok: true, apiKey, address: Address.checksum(address), timestamp: seconds }
}
