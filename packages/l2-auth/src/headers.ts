/**
 * Authentication headers (PROTOCOL.md §4.1 L1, §4.2 L2, §4.3 builder). Header
 * objects keep the official clients' key order.
 * @module
 */
import type { Signer } from '@clobkit/eip712-order'
import { InvalidParameterError } from '@clobkit/eip712-order/errors'
import * as ClobAuth from './clob-auth.js'
import { type ApiCredentials, type CredentialsInput, materialOf } from './material.js'
import * as check from './validate.js'

/** L1 headers, in the official key order (PROTOCOL.md §4.1). */
export type L1Headers = {
  readonly POLY_ADDRESS: string
  readonly POLY_SIGNATURE: string
  readonly POLY_TIMESTAMP: string
  readonly POLY_NONCE: string
}

/** L2 headers, in the official key order (PROTOCOL.md §4.2). */
export type L2Headers = {
  readonly POLY_ADDRESS: string
  readonly POLY_SIGNATURE: string
  readonly POLY_TIMESTAMP: string
  readonly POLY_API_KEY: string
  readonly POLY_PASSPHRASE: string
}

/** Builder headers (PROTOCOL.md §4.3). */
export type BuilderHeaders = {
  readonly POLY_BUILDER_API_KEY: string
  readonly POLY_BUILDER_TIMESTAMP: string
  readonly POLY_BUILDER_PASSPHRASE: string
  readonly POLY_BUILDER_SIGNATURE: string
}

/** `Headers.l1` parameters. */
export interface L1Params {
  /** Signs the `ClobAuth` message; `signDigest` is used when present. */
  readonly signer: Signer
  readonly chainId: number
  /** Unix seconds; defaults to `Math.floor(now() / 1000)`. */
  readonly timestamp?: number | undefined
  /** Defaults to 0. Each nonce selects a different API key of the wallet. */
  readonly nonce?: number | bigint | undefined
  /** Override of `ClobAuth.address` / `POLY_ADDRESS`, sent verbatim; defaults to `signer.address`. */
  readonly address?: string | undefined
  /**
   * Current time in milliseconds, or a clock returning it (defaults to `Date.now`); used
   * only when `timestamp` is absent. Pass a `ServerClock`'s `nowMs` to follow the server.
   */
  readonly now?: number | (() => number) | undefined
}

/** Credentials accepted by the L2 and builder header builders. */
export type CredentialsLike = ApiCredentials | CredentialsInput

/** `Headers.l2` parameters. */
export interface L2Params {
  /** The signer's EOA address (not the funder), sent verbatim as `POLY_ADDRESS`. */
  readonly address: string
  readonly credentials: CredentialsLike
  /** Hashed verbatim: pass the uppercase method you send. */
  readonly method: string
  /** Signed verbatim; the official clients pass the path without the query string. */
  readonly path: string
  /** The exact body string you send. */
  readonly body?: string | undefined
  /** Unix seconds. */
  readonly timestamp: number | string
}

/** `Headers.builder` parameters (builder credentials). */
export interface BuilderParams {
  readonly credentials: CredentialsLike
  readonly method: string
  readonly path: string
  readonly body?: string | undefined
  readonly timestamp: number | string
}

function nowMs(now: number | (() => number) | undefined): number {
  const ms = now === undefined ? Date.now() : typeof now === 'function' ? now() : now
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new InvalidParameterError('INVALID_TIMESTAMP', 'now', 'expected the current time in milliseconds')
  }
  return ms
}

/**
 * L1 headers: signs the EIP-712 `ClobAuth` message (PROTOCOL.md §4.1).
 * Timestamp defaults to `floor(now()/1000)`, nonce to 0; an `address` override is
 * signed as `ClobAuth.address` and sent verbatim as `POLY_ADDRESS`.
 *
 * @example
 * ```ts
 * import { Signer } from '@clobkit/eip712-order'
 * import { Headers } from '@clobkit/l2-auth'
 * const signer = Signer.fromPrivateKey('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80')
 * const h = await Headers.l1({ signer, chainId: 80002, timestamp: 10000000, nonce: 23 })
 * // { POLY_ADDRESS: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', POLY_SIGNATURE: '0xf62319a9…1b',
 * //   POLY_TIMESTAMP: '10000000', POLY_NONCE: '23' }
 * ```
 */
export async function l1(params: L1Params): Promise<L1Headers> {
  const signer = params.signer
  const address = params.address === undefined ? check.signer(signer) : check.address(params.address)
  const timestamp = params.timestamp ?? Math.floor(nowMs(params.now) / 1000)
  const nonce = params.nonce ?? 0
  const signature = await ClobAuth.sign(signer, { chainId: params.chainId, timestamp, nonce, address })
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: signature,
    POLY_TIMESTAMP: String(timestamp),
    POLY_NONCE: String(nonce),
  }
}

/**
 * L2 headers: HMAC-SHA256 over `timestamp + method + path + body` with the
 * credentials' secret (PROTOCOL.md §4.2). Synchronous; the key is bound once per
 * credentials object.
 *
 * @example
 * ```ts
 * import { Credentials, Headers } from '@clobkit/l2-auth'
 * const credentials = Credentials.from({ key: '00000000-0000-0000-0000-000000000000',
 *   secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'passphrase' })
 * Headers.l2({ address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', credentials,
 *   method: 'GET', path: '/data/orders', timestamp: 1700000000 })
 * // { POLY_ADDRESS: '0xf39F…2266', POLY_SIGNATURE: 'm6lGS9WyES7JjpAYNd7zIdW5bfHxAAI_pIa1St9vLO4=',
 * //   POLY_TIMESTAMP: '1700000000', POLY_API_KEY: '00000000-…', POLY_PASSPHRASE: 'passphrase' }
 * ```
 */
export function l2(params: L2Params): L2Headers {
  const address = check.address(params.address)
  const material = materialOf(params.credentials)
  const timestamp = check.timestamp(params.timestamp)
  const head = timestamp + check.method(params.method) + check.path(params.path)
  return {
    POLY_ADDRESS: address,
    POLY_SIGNATURE: material.sign(head, check.body(params.body)),
    POLY_TIMESTAMP: timestamp,
    POLY_API_KEY: material.key,
    POLY_PASSPHRASE: material.passphrase,
  }
}

/**
 * Builder attribution headers (PROTOCOL.md §4.3, TSv1/RS local mode): the §4.2
 * HMAC keyed with the builder secret.
 *
 * @example
 * ```ts
 * import { Credentials, Headers } from '@clobkit/l2-auth'
 * const credentials = Credentials.from({ key: '00000000-0000-0000-0000-000000000000',
 *   secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', passphrase: 'a'.repeat(64) })
 * Headers.builder({ credentials, method: 'GET', path: '/', timestamp: 1 })
 * // { POLY_BUILDER_API_KEY: '00000000-…', POLY_BUILDER_TIMESTAMP: '1',
 * //   POLY_BUILDER_PASSPHRASE: 'aaaa…', POLY_BUILDER_SIGNATURE: 'eHaylCwqRSOa2LFD77Nt_SaTpbsxzN8eTEI3LryhEj4=' }
 * ```
 */
export function builder(params: BuilderParams): BuilderHeaders {
  const material = materialOf(params.credentials)
  const timestamp = check.timestamp(params.timestamp)
  const head = timestamp + check.method(params.method) + check.path(params.path)
  return {
    POLY_BUILDER_API_KEY: material.key,
    POLY_BUILDER_TIMESTAMP: timestamp,
    POLY_BUILDER_PASSPHRASE: material.passphrase,
    POLY_BUILDER_SIGNATURE: material.sign(head, check.body(params.body)),
  }
}
