/**
 * CLI error taxonomy and exit codes. Usage errors (bad flags, unknown enum values,
 * missing input) exit 2; everything else that fails exits 1, including an order the
 * exchange rejected.
 * @module
 */
import { ClobError, InvalidParameterError, isClobError } from '@clobkit/eip712-order'

export const ExitCode = { OK: 0, FAILURE: 1, USAGE: 2 } as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

/** A command line that cannot run as given. Always exits 2. */
export class UsageError extends InvalidParameterError {
  override name = 'UsageError'
  readonly hint: string | undefined
  constructor(code: string, param: string, message: string, hint?: string) {
    super(code, param, message)
    // The parameter is already part of every usage message; keep it short.
    this.message = message
    this.hint = hint
  }
}

/** A runtime failure raised by the CLI itself (not by a library). Exits 1. */
export class CliError extends ClobError {
  override name = 'CliError'
  readonly hint: string | undefined
  /** Exit status when not 1 (e.g. 130 after Ctrl-C). */
  readonly exitCode: number | undefined
  constructor(
    code: string,
    message: string,
    options: { hint?: string; cause?: unknown; param?: string; exitCode?: number } = {},
  ) {
    super(code, message, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      ...(options.param === undefined ? {} : { param: options.param }),
    })
    this.hint = options.hint
    this.exitCode = options.exitCode
  }
}

/** The exchange (or the sim) rejected an order or cancel. Exits 1; output was already printed. */
export class RejectedError extends ClobError {
  override name = 'RejectedError'
  readonly hint: string | undefined
  constructor(code: string, message: string, hint?: string) {
    super(code, message)
    this.hint = hint
  }
}

/** True for a 404 whose message says the server does not know the token (no order book). */
export function isUnknownToken(e: unknown): boolean {
  const err = e as { name?: unknown; status?: unknown; serverMessage?: unknown }
  return (
    err?.name === 'HttpError' &&
    err.status === 404 &&
    /no orderbook|not found|does not exist|invalid token/i.test(String(err.serverMessage ?? 'not found'))
  )
}

/** The error for a token id the server does not know, naming it. */
export function tokenNotFound(
  tokenIds: readonly string[],
  host: string,
  cause: unknown,
  param = '--token',
): CliError {
  const message =
    tokenIds.length === 1
      ? `token ${tokenIds[0]} was not found on ${host}`
      : `one of the tokens ${tokenIds.join(', ')} was not found on ${host}`
  return new CliError('TOKEN_NOT_FOUND', message, {
    param,
    cause,
    hint: 'check the id: `clob markets list` and `clob markets get <condition-id>` show the tokens that exist',
  })
}

export function isUsageError(e: unknown): e is UsageError {
  return isClobError(e) && e.name === 'UsageError'
}

/** Hints for error codes raised by libraries, so every error says what to do next. */
const HINTS: Record<string, string> = {
  INVALID_PRICE:
    'prices are decimals strictly between 0 and 1, on the market tick (see `clob tick-size <token>`)',
  INVALID_TICK_SIZE: 'use one of 0.1, 0.01, 0.005, 0.0025, 0.001, 0.0001',
  ZERO_AMOUNT: 'the size rounds to zero at 2 decimals; use a larger size',
  INVALID_PRIVATE_KEY: 'a private key is 32 bytes of hex (64 hex digits, optional 0x)',
  UNSUPPORTED_SIGNATURE_TYPE: 'POLY_1271 (1271) needs exchange version 2 or 3',
  SIGNER_MISMATCH: 'for proxy/safe the signer is the key address; check --funder and --signature-type',
  NO_MATCH: 'the book has no liquidity on that side; pass --price for a worst price or use FAK',
  HTTP_ERROR: 'the server answered with an error; run `clob doctor` if this persists',
  CREDENTIALS_REQUIRED: 'run `clob keys create-or-derive` to derive and store API credentials',
  SIGNER_REQUIRED: 'configure a key: `clob wallet create`, `clob wallet import`, or CLOB_PRIVATE_KEY',
  ORDER_OUTCOME_UNKNOWN: 'the order may be live: check `clob orders` before re-posting',
  PRICE_NOT_ON_TICK: 'use a price on the market tick (see `clob tick-size <token>`)',
  GEOBLOCKED: 'the exchange refuses requests from this region',
  RATE_LIMITED: 'slow down and retry later',
  INVALID_RESPONSE: 'the server sent something unexpected; check --host',
  KEYSTORE_INVALID: 'the file is not a valid v3 keystore (Foundry/geth JSON)',
  KEYSTORE_UNSUPPORTED: 'only v3 keystores with aes-128-ctr and scrypt or pbkdf2 are supported',
  KEYSTORE_UNSAFE_PARAMS:
    'the keystore asks for an unreasonable KDF cost; re-encrypt it with `clob wallet import --from`',
  ABORTED: 'nothing was changed',
  PROFILE_NOT_FOUND: 'see `clob profile list`',
  INTERNAL: 'this is a bug in clob; please report it',
  NETWORK_ERROR: 'the host could not be reached; check --host and run `clob doctor`',
  TIMEOUT: 'the request timed out; check the host and your connection',
  UNAUTHORIZED: 'API credentials are missing or invalid; run `clob keys create-or-derive`',
  MISSING_CREDENTIALS: 'run `clob keys create-or-derive` to derive and store API credentials',
}

export function hintFor(e: unknown): string | undefined {
  const own = typeof e === 'object' && e !== null ? (e as { hint?: unknown }).hint : undefined
  if (typeof own === 'string') return own
  if (!isClobError(e)) return undefined
  if (e.code === 'AUTHENTICATION_FAILED') {
    const cause = (e as { likelyCause?: unknown }).likelyCause
    if (cause === 'clock_skew') return 'the local clock is off; sync it (see `clob time`)'
    return 'the API credentials were refused; run `clob keys derive` (or create-or-derive) and retry'
  }
  return HINTS[e.code] ?? (isUsageError(e) ? undefined : 'run `clob doctor` to check the setup')
}

export function exitCodeFor(e: unknown): number {
  if (isUsageError(e)) return ExitCode.USAGE
  const own = isClobError(e) && e.name === 'CliError' ? (e as CliError).exitCode : undefined
  return own ?? ExitCode.FAILURE
}
