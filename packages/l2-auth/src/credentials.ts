/**
 * L2 API credentials (PROTOCOL.md §4.2, §4.4): validated once, the secret
 * decoded and bound to an HMAC key once, and `secret`/`passphrase` masked in
 * every printed or serialized form (JSON, `util.inspect`, `console.log`,
 * `String()`, template strings). Only code that reads the properties by name
 * sees them.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import { type ApiCredentials, build, type CredentialsInput, isWrapped, wrap } from './material.js'

export type { ApiCredentials, CredentialsInput }

/** The server's response to `POST /auth/api-key` / `GET /auth/derive-api-key` (or `{key, …}` for builder keys). */
export interface ApiKeyResponse {
  readonly apiKey?: string
  readonly key?: string
  readonly secret: string
  readonly passphrase: string
}

/**
 * Validates `{key, secret, passphrase}` and returns masked `ApiCredentials`.
 * Throws `INVALID_CREDENTIALS` naming the bad field (`key`, `secret`,
 * `passphrase`), never its value. `key` and `passphrase` must be non-empty
 * printable ASCII (they travel as header values); `secret` must decode as
 * base64url/base64 (see `Hmac.decodeSecret`).
 *
 * @example
 * ```ts
 * import { Credentials } from '@clobkit/l2-auth'
 * const creds = Credentials.from({
 *   key: '00000000-0000-0000-0000-000000000000',
 *   secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
 *   passphrase: 'aaaa',
 * })
 * creds.key // '00000000-0000-0000-0000-000000000000'
 * JSON.stringify(creds) // '{"key":"00000000-0000-0000-0000-000000000000","secret":"***","passphrase":"***"}'
 * `${creds}` // "ApiCredentials { key: \"00000000-…\", secret: '***', passphrase: '***' }"
 * ```
 */
export function from(input: CredentialsInput): ApiCredentials {
  if (typeof input !== 'object' || input === null) {
    throw new InvalidParameterError(
      'INVALID_CREDENTIALS',
      'credentials',
      'expected {key, secret, passphrase}',
    )
  }
  if (isWrapped(input as unknown)) return input as ApiCredentials
  return wrap(
    build(input.key, input.secret, input.passphrase, {
      key: 'key',
      secret: 'secret',
      passphrase: 'passphrase',
    }),
  )
}

/**
 * Builds `ApiCredentials` from the server's `{apiKey, secret, passphrase}`
 * (create/derive API key) or `{key, secret, passphrase}` (builder key) response.
 * Throws `INVALID_CREDENTIALS` naming the missing or bad field.
 *
 * @example
 * ```ts
 * import { Credentials } from '@clobkit/l2-auth'
 * const res = { apiKey: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a', secret: 'c2VjcmV0', passphrase: 'p' }
 * Credentials.fromApiResponse(res).key // 'f4f247b7-4ac7-ff29-a152-04fda0a8755a'
 * ```
 */
export function fromApiResponse(response: ApiKeyResponse): ApiCredentials {
  if (typeof response !== 'object' || response === null) {
    throw new InvalidParameterError(
      'INVALID_CREDENTIALS',
      'response',
      'expected {apiKey, secret, passphrase}',
    )
  }
  const hasApiKey = response.apiKey !== undefined
  const key = hasApiKey ? response.apiKey : response.key
  return wrap(
    build(key, response.secret, response.passphrase, {
      key: hasApiKey || response.key === undefined ? 'apiKey' : 'key',
      secret: 'secret',
      passphrase: 'passphrase',
    }),
  )
}

/**
 * True for credentials made by `Credentials.from` / `fromApiResponse` (already
 * validated, key bound).
 *
 * @example
 * ```ts
 * import { Credentials } from '@clobkit/l2-auth'
 * Credentials.isCredentials({ key: 'k', secret: 'AAAA', passphrase: 'p' }) // false
 * Credentials.isCredentials(Credentials.from({ key: 'k', secret: 'AAAA', passphrase: 'p' })) // true
 * ```
 */
export function isCredentials(value: unknown): value is ApiCredentials {
  return isWrapped(value)
}
