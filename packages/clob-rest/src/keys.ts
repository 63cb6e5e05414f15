/**
 * API keys, readonly keys and builder keys (PROTOCOL.md §4.4). Key responses are
 * marked sensitive: their bodies never reach an error. Returned credentials are
 * `ApiCredentials` whose secret and passphrase never print.
 * @module
 */
import { type ApiCredentials, Credentials } from '@clobkit/l2-auth'
import { type ClientContext, requireCredentials, requireSigner } from './context.js'
import { HttpError } from './errors.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Which API key of the wallet (one per nonce; default 0). */
export interface NonceOptions extends CallOptions {
  readonly nonce?: number | undefined
}

/** `POST /auth/api-key` (L1): create a new API key. */
export async function create(ctx: ClientContext, options: NonceOptions = {}): Promise<ApiCredentials> {
  requireSigner(ctx, 'creating an API key')
  const res = await request(
    ctx,
    { method: 'POST', path: '/auth/api-key', auth: 'l1', nonce: options.nonce, sensitive: true, ...options },
    S.ApiKeyCreds,
  )
  return Credentials.fromApiResponse(res)
}

/** `GET /auth/derive-api-key` (L1): the existing API key of this nonce. */
export async function derive(ctx: ClientContext, options: NonceOptions = {}): Promise<ApiCredentials> {
  requireSigner(ctx, 'deriving an API key')
  const res = await request(
    ctx,
    {
      method: 'GET',
      path: '/auth/derive-api-key',
      auth: 'l1',
      nonce: options.nonce,
      sensitive: true,
      ...options,
    },
    S.ApiKeyCreds,
  )
  return Credentials.fromApiResponse(res)
}

/** Create a key; when the server refuses (it already exists), derive it instead. */
export async function createOrDerive(
  ctx: ClientContext,
  options: NonceOptions = {},
): Promise<ApiCredentials> {
  try {
    return await create(ctx, options)
  } catch (error) {
    if (error instanceof HttpError && error.status >= 400 && error.status < 500 && error.status !== 429) {
      return derive(ctx, options)
    }
    throw error
  }
}

/** `GET /auth/api-keys` (L2): the wallet's API keys. */
export async function list(
  ctx: ClientContext,
  options: CallOptions = {},
): Promise<S.ApiKeysResponse['apiKeys']> {
  requireCredentials(ctx, 'listing API keys')
  const res = await request(
    ctx,
    { method: 'GET', path: '/auth/api-keys', auth: 'l2', sensitive: true, ...options },
    S.ApiKeysResponse,
  )
  return res.apiKeys
}

/** `DELETE /auth/api-key` (L2): delete the key the client is using. */
export async function remove(ctx: ClientContext, options: CallOptions = {}): Promise<unknown> {
  requireCredentials(ctx, 'deleting an API key')
  return request(ctx, { method: 'DELETE', path: '/auth/api-key', auth: 'l2', ...options })
}

/** `POST /auth/readonly-api-key` (L2): a key that can only read. */
export async function createReadonly(ctx: ClientContext, options: CallOptions = {}): Promise<string> {
  requireCredentials(ctx, 'creating a readonly API key')
  const res = await request(
    ctx,
    { method: 'POST', path: '/auth/readonly-api-key', auth: 'l2', sensitive: true, ...options },
    S.ReadonlyApiKey,
  )
  return res.apiKey
}

/** `GET /auth/readonly-api-keys` (L2). */
export function listReadonly(ctx: ClientContext, options: CallOptions = {}): Promise<string[]> {
  requireCredentials(ctx, 'listing readonly API keys')
  return request(
    ctx,
    { method: 'GET', path: '/auth/readonly-api-keys', auth: 'l2', sensitive: true, ...options },
    S.ReadonlyApiKeys,
  )
}

/** `DELETE /auth/readonly-api-key` (L2) with body `{"key": …}`. */
export async function removeReadonly(
  ctx: ClientContext,
  key: string,
  options: CallOptions = {},
): Promise<unknown> {
  requireCredentials(ctx, 'deleting a readonly API key')
  return request(ctx, {
    method: 'DELETE',
    path: '/auth/readonly-api-key',
    body: JSON.stringify({ key }),
    auth: 'l2',
    ...options,
  })
}

/** `POST /auth/builder-api-key` (L2): builder credentials. */
export async function createBuilder(ctx: ClientContext, options: CallOptions = {}): Promise<ApiCredentials> {
  requireCredentials(ctx, 'creating a builder API key')
  const res = await request(
    ctx,
    { method: 'POST', path: '/auth/builder-api-key', auth: 'l2', sensitive: true, ...options },
    S.BuilderApiKey,
  )
  return Credentials.fromApiResponse(res)
}

/** `GET /auth/builder-api-key` (L2): builder keys `{key, createdAt?, revokedAt?}`. */
export function listBuilder(ctx: ClientContext, options: CallOptions = {}): Promise<S.BuilderApiKeyInfo[]> {
  requireCredentials(ctx, 'listing builder API keys')
  return request(
    ctx,
    { method: 'GET', path: '/auth/builder-api-key', auth: 'l2', sensitive: true, ...options },
    S.BuilderApiKeys,
  )
}

/** `DELETE /auth/builder-api-key` (L2): revoke the builder key. */
export async function revokeBuilder(ctx: ClientContext, options: CallOptions = {}): Promise<unknown> {
  requireCredentials(ctx, 'revoking a builder API key')
  return request(ctx, { method: 'DELETE', path: '/auth/builder-api-key', auth: 'l2', ...options })
}
