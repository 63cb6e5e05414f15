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

/**
 * A timestamp outside the window is a clock problem, not a bad key: say so, with both
 * clocks, so a client (or a sim whose admin time was moved) can tell which one is off.
 */
function staleTimestamp(ctx: Ctx, fallback: string): Reply {
  const serverTime = Math.floor(ctx.rt.clock.now() / 1000)
  const sent = header(ctx, 'POLY_TIMESTAMP') ?? ''
  const window = windowSeconds(ctx)
  const skew = /^\d{1,15}$/.test(sent) ? Number(sent) - serverTime : undefined
  return error(
    401,
    `${fallback}: POLY_TIMESTAMP ${sent.slice(0, 20)} is ${
      skew === undefined ? 'not a time' : `${Math.abs(skew)} s ${skew < 0 ? 'behind' : 'ahead of'}`
    } the server clock (${serverTime}); the window is ±${window} s — check the clock`,
    { reason: 'stale_timestamp', serverTime, windowSeconds: window },
  )
}

/** Verifies L1 headers; a 401 reply on failure. */
export function verifyL1(ctx: Ctx): L1Auth | Reply {
  const r = Verify.l1(ctx.headers, {
    chainId: ctx.rt.state.config.chainId,
    now: ctx.rt.clock.now(),
    windowSeconds: windowSeconds(ctx),
  })
  if (!r.ok) {
    return r.reason === 'stale_timestamp'
      ? staleTimestamp(ctx, L1_ERROR)
      : error(401, L1_ERROR, { reason: r.reason })
  }
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
  if (!r.ok) {
    return r.reason === 'stale_timestamp'
      ? staleTimestamp(ctx, L2_ERROR)
      : error(401, L2_ERROR, { reason: r.reason })
  }
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

/**
 * One API key per (address, nonce), as the exchange binds them (PROTOCOL.md §4.1, §4.4):
 * `state.derived` maps `address|nonce` to the key that holds that nonce, whichever
 * endpoint made it. Deleting the key (`DELETE /auth/api-key`) frees the nonce.
 */
function bound(state: SimState, address: string, nonce: string): ApiKeyRecord | undefined {
  const slot = `${address}|${nonce}`
  const key = state.derived.get(slot)
  const rec = key === undefined ? undefined : state.keys.get(key)
  if (key !== undefined && rec === undefined) state.derived.delete(slot)
  return rec
}

function bind(state: SimState, rec: ApiKeyRecord): ApiKeyRecord {
  state.derived.set(`${rec.address}|${rec.nonce}`, rec.key)
  return store(state, rec)
}

/**
 * `POST /auth/api-key`: a new random key for the address at this nonce, or `undefined`
 * when the nonce already has one (created or derived): the exchange refuses a second.
 */
export function createKey(
  state: SimState,
  address: string,
  nonce: string,
  nowMs: number,
): ApiKeyRecord | undefined {
  if (bound(state, address, nonce) !== undefined) return undefined
  const key = randomUUID()
  const credentials = Credentials.from({
    key,
    secret: secretFrom(randomBytes(32)),
    passphrase: randomBytes(32).toString('hex'),
  })
  return bind(state, { key, credentials, address, nonce, createdAt: nowMs, kind: 'created' })
}

/** The refusal of a create at a nonce that has a key, in the exchange's error shape (`{error}`, §6.1). */
export const KEY_EXISTS_ERROR = 'Could not create api key'

/**
 * `GET /auth/derive-api-key`: the key that holds this (address, nonce) — the created one
 * when `POST /auth/api-key` made it — else a deterministic one from the derive secret,
 * which then holds the nonce.
 */
export function deriveKey(
  state: SimState,
  deriveSecret: Uint8Array,
  address: string,
  nonce: string,
  nowMs: number,
): ApiKeyRecord {
  const existing = bound(state, address, nonce)
  if (existing) return existing
  const mac = (label: string) =>
    createHmac('sha256', deriveSecret).update(`${label}|${address}|${nonce}`).digest()
  const key = uuidFrom(mac('key'))
  const credentials = Credentials.from({
    key,
    secret: secretFrom(mac('secret')),
    passphrase: mac('passphrase').toString('hex'),
  })
  return bind(state, { key, credentials, address, nonce, createdAt: nowMs, kind: 'derived' })
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
