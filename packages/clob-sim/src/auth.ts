/**
 * API keys and request authentication (PROTOCOL.md §4): L1 `ClobAuth`
 * verification, L2 HMAC verification over the exact received bytes and path,
 * builder-header verification, deterministic derive and random create.
 * @module
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto'
import { Credentials, Hmac, Verify } from '@clobkit/l2-auth'
import { type Ctx, error, type Reply } from './http.js'
import type { ApiKeyRecord, BuilderKeyRecord, SimState } from './state.js'

export interface L1Auth {
  /** Lowercase address. */
  readonly address: string
  readonly nonce: string
}

export interface L2Auth {
  readonly key: ApiKeyRecord
  /** Lowercase address of the key's owner. */
  readonly address: string
}

const L2_ERROR = 'Unauthorized/Invalid api key'
const L1_ERROR = 'Invalid L1 Request headers'

function windowSeconds(ctx: Ctx): number {
  return ctx.rt.state.config.authWindowSeconds
}

/** Verifies L1 headers; a 401 reply on failure. */
export function verifyL1(ctx: Ctx): L1Auth | Reply {
  const r = Verify.l1(ctx.headers, {
    chainId: ctx.rt.state.config.chainId,
    now: ctx.rt.clock.now(),
    windowSeconds: windowSeconds(ctx),
  })
  if (!r.ok) return error(401, L1_ERROR, { reason: r.reason })
  return { address: r.address.toLowerCase(), nonce: r.nonce }
}

/** Verifies L2 headers against the stored keys; a 401 reply on failure. */
export function verifyL2(ctx: Ctx): L2Auth | Reply {
  const keys = ctx.rt.state.keys
  const r = Verify.l2(ctx.headers, {
    lookup: (apiKey) => {
      const rec = keys.get(apiKey)
      return rec ? { credentials: rec.credentials, address: rec.address } : undefined
    },
    method: ctx.method,
    path: ctx.path,
    body: ctx.body,
    now: ctx.rt.clock.now(),
    windowSeconds: windowSeconds(ctx),
  })
  if (!r.ok) return error(401, L2_ERROR, { reason: r.reason })
  const key = keys.get(r.apiKey)
  if (!key) return error(401, L2_ERROR, { reason: 'unknown_key' })
  return { key, address: key.address }
}

function header(ctx: Ctx, name: string): string | undefined {
  const v = ctx.headers[name.toLowerCase()]
  return typeof v === 'string' ? v : undefined
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Verifies optional builder headers (PROTOCOL.md §4.3): absent → `undefined`;
 * present and valid → the builder key; present and invalid → a 401 reply.
 */
export function verifyBuilder(ctx: Ctx): BuilderKeyRecord | undefined | Reply {
  const key = header(ctx, 'POLY_BUILDER_API_KEY')
  const ts = header(ctx, 'POLY_BUILDER_TIMESTAMP')
  const pass = header(ctx, 'POLY_BUILDER_PASSPHRASE')
  const sig = header(ctx, 'POLY_BUILDER_SIGNATURE')
  if (key === undefined && ts === undefined && pass === undefined && sig === undefined) return undefined
  const rec = key === undefined ? undefined : ctx.rt.state.builderKeys.get(key)
  if (!rec || rec.revokedAt !== undefined || ts === undefined || pass === undefined || sig === undefined) {
    return error(401, 'Unauthorized/Invalid builder api key')
  }
  if (!/^\d{1,15}$/.test(ts) || Math.abs(ctx.rt.clock.now() / 1000 - Number(ts)) > windowSeconds(ctx)) {
    return error(401, 'Unauthorized/Invalid builder api key')
  }
  const expected = Hmac.sign({
    secret: rec.credentials.secret,
    timestamp: ts,
    method: ctx.method,
    path: ctx.path,
    body: ctx.body,
  })
  if (!safeEqual(pass, rec.credentials.passphrase) || !safeEqual(sig, expected)) {
    return error(401, 'Unauthorized/Invalid builder api key')
  }
  return rec
}

// ---------------------------------------------------------------- keys

function secretFrom(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_')
}

function uuidFrom(bytes: Uint8Array): string {
  const b = Buffer.from(bytes.subarray(0, 16))
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80
  const h = b.toString('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

function store(state: SimState, rec: ApiKeyRecord): ApiKeyRecord {
  state.keys.set(rec.key, rec)
  return rec
}

/** `POST /auth/api-key`: a new random key for the address. */
export function createKey(state: SimState, address: string, nonce: string, nowMs: number): ApiKeyRecord {
  const key = randomUUID()
  const credentials = Credentials.from({
    key,
    secret: secretFrom(randomBytes(32)),
    passphrase: randomBytes(32).toString('hex'),
  })
  return store(state, { key, credentials, address, nonce, createdAt: nowMs, kind: 'created' })
}

/** `GET /auth/derive-api-key`: the same key for the same (address, nonce) and derive secret. */
export function deriveKey(
  state: SimState,
  deriveSecret: Uint8Array,
  address: string,
  nonce: string,
  nowMs: number,
): ApiKeyRecord {
  const mac = (label: string) =>
    createHmac('sha256', deriveSecret).update(`${label}|${address}|${nonce}`).digest()
  const key = uuidFrom(mac('key'))
  const existing = state.keys.get(key)
  if (existing) return existing
  const credentials = Credentials.from({
    key,
    secret: secretFrom(mac('secret')),
    passphrase: mac('passphrase').toString('hex'),
  })
  state.derived.set(`${address}|${nonce}`, key)
  return store(state, { key, credentials, address, nonce, createdAt: nowMs, kind: 'derived' })
}

/** The `{apiKey, secret, passphrase}` body of the key endpoints. */
export function keyBody(rec: ApiKeyRecord): Record<string, string> {
  return { apiKey: rec.key, secret: rec.credentials.secret, passphrase: rec.credentials.passphrase }
}

export function createBuilderKey(state: SimState, address: string, nowMs: number): BuilderKeyRecord {
  const key = randomUUID()
  const rec: BuilderKeyRecord = {
    key,
    credentials: Credentials.from({
      key,
      secret: secretFrom(randomBytes(32)),
      passphrase: randomBytes(32).toString('hex'),
    }),
    address,
    createdAt: new Date(nowMs).toISOString(),
    revokedAt: undefined,
  }
  state.builderKeys.set(key, rec)
  return rec
}
