/**
 * Key management (PROTOCOL.md §4.4), balances, notifications, heartbeats,
 * rewards and closed-only status (§5.3).
 * @module
 */
import { randomUUID } from 'node:crypto'
import { Exchange } from '@clobkit/eip712-order'
import {
  createBuilderKey,
  createKey,
  deriveKey,
  KEY_EXISTS_ERROR,
  keyBody,
  type L2Auth,
  verifyBuilder,
  verifyL2,
} from '../auth.js'
import { notificationsOf } from '../engine.js'
import { beat } from '../heartbeat.js'
import {
  type Ctx,
  END_CURSOR,
  error,
  isObject,
  isTokenId,
  json,
  ok,
  optionalJson,
  type Reply,
} from '../http.js'
import { notificationView } from '../views.js'
import { l1, l2, pub, type RouteTable } from './route.js'

const MAX_UINT256 = ((1n << 256n) - 1n).toString()

/** The address whose balances a request means: the key's address, or the funder learnt for that signature type. */
export function funderFor(ctx: Ctx, auth: L2Auth): string {
  const raw = ctx.query.get('signature_type')
  if (raw === null || raw === '' || raw === '0') return auth.address
  return ctx.rt.state.funders.get(`${auth.address}|${raw}`) ?? auth.address
}

function balanceAllowance(ctx: Ctx, auth: L2Auth): Reply {
  const type = ctx.query.get('asset_type')
  if (type !== 'COLLATERAL' && type !== 'CONDITIONAL') {
    return error(400, 'Invalid payload: asset_type must be COLLATERAL or CONDITIONAL')
  }
  const sigType = ctx.query.get('signature_type')
  if (sigType !== null && !/^[0-3]$/.test(sigType))
    return error(400, 'Invalid payload: signature_type must be 0..3')
  const acct = ctx.rt.state.accounts.get(funderFor(ctx, auth))
  let balance = 0n
  if (type === 'COLLATERAL') {
    balance = acct?.collateral ?? 0n
  } else {
    const tid = ctx.query.get('token_id')
    if (!isTokenId(tid)) return error(400, 'Invalid payload: token_id is required for CONDITIONAL')
    balance = acct?.tokens.get(tid) ?? 0n
  }
  const { chainId, version } = ctx.rt.state.config
  const c = Exchange.contracts(chainId)
  const spenders =
    version === 1
      ? [c.exchange, c.negRiskExchange, c.negRiskAdapter]
      : version === 2
        ? [c.exchangeV2, c.negRiskExchangeV2, c.negRiskAdapter]
        : [c.exchangeV3, c.negRiskAdapter]
  const allowances: Record<string, string> = {}
  for (const s of spenders) allowances[s] = MAX_UINT256
  return ok({ balance: balance.toString(), allowance: MAX_UINT256, allowances })
}

function heartbeat(ctx: Ctx, auth: L2Auth): Reply {
  const body = optionalJson(ctx)
  let id: string | null = null
  if (body !== undefined) {
    if (!isObject(body)) return error(400, 'Invalid payload: expected {"heartbeat_id": "..."}')
    const v = body.heartbeat_id
    if (v !== undefined && v !== null && typeof v !== 'string') {
      return error(400, 'Invalid payload: heartbeat_id must be a string')
    }
    id = typeof v === 'string' ? v : null
  }
  const r = beat(ctx.rt.state, auth.key.key, id, ctx.rt.clock.now())
  if (r.ok) return ok({ heartbeat_id: r.id })
  return error(400, r.message, { heartbeat_id: r.id, error_msg: r.message })
}

function dropNotifications(ctx: Ctx, auth: L2Auth): Reply {
  const raw = ctx.query.get('ids') ?? ''
  const ids = new Set(
    raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => /^\d{1,15}$/.test(s))
      .map(Number),
  )
  if (ctx.rt.state.notifications.has(auth.key.key)) {
    const keep = notificationsOf(ctx.rt.state, auth.key.key).filter((n) => !ids.has(n.id))
    ctx.rt.state.notifications.set(auth.key.key, keep)
  }
  return ok(null)
}

function emptyPage(): Reply {
  return ok({ limit: 0, count: 0, next_cursor: END_CURSOR, data: [] })
}

function builderDelete(ctx: Ctx): Reply {
  const builder = verifyBuilder(ctx)
  if (builder !== undefined && 'status' in builder) return builder
  const now = new Date(ctx.rt.clock.now()).toISOString()
  if (builder !== undefined) {
    builder.revokedAt = now
    return ok('OK')
  }
  const auth = verifyL2(ctx)
  if ('status' in auth) return auth
  for (const rec of ctx.rt.state.builderKeys.values()) {
    if (rec.address === auth.address && rec.revokedAt === undefined) rec.revokedAt = now
  }
  return ok('OK')
}

export const accountRoutes: RouteTable = {
  '/auth/api-key': [
    l1('POST', (ctx, a) => {
      const rec = createKey(ctx.rt.state, a.address, a.nonce, ctx.rt.clock.now())
      return rec === undefined ? error(400, KEY_EXISTS_ERROR) : ok(keyBody(rec))
    }),
    l2('DELETE', (ctx, a) => {
      ctx.rt.state.keys.delete(a.key.key)
      ctx.rt.state.heartbeats.delete(a.key.key)
      return ok('OK')
    }),
  ],
  '/auth/derive-api-key': [
    l1('GET', (ctx, a) =>
      ok(keyBody(deriveKey(ctx.rt.state, ctx.rt.deriveSecret, a.address, a.nonce, ctx.rt.clock.now()))),
    ),
  ],
  '/auth/api-keys': [
    l2('GET', (ctx, a) =>
      ok({
        apiKeys: [...ctx.rt.state.keys.values()].filter((k) => k.address === a.address).map((k) => k.key),
      }),
    ),
  ],
  '/auth/ban-status/closed-only': [l2('GET', () => ok({ closed_only: false }))],
  '/auth/readonly-api-key': [
    l2('POST', (ctx, a) => {
      const key = randomUUID()
      let set = ctx.rt.state.readonlyKeys.get(a.address)
      if (!set) {
        set = new Set()
        ctx.rt.state.readonlyKeys.set(a.address, set)
      }
      set.add(key)
      return ok({ apiKey: key })
    }),
    l2('DELETE', (ctx, a) => {
      const body = json(ctx)
      if (!isObject(body) || typeof body.key !== 'string')
        return error(400, 'Invalid payload: expected {"key": "..."}')
      return ok(ctx.rt.state.readonlyKeys.get(a.address)?.delete(body.key) ?? false)
    }),
  ],
  '/auth/readonly-api-keys': [
    l2('GET', (ctx, a) => ok([...(ctx.rt.state.readonlyKeys.get(a.address) ?? [])])),
  ],
  '/auth/validate-readonly-api-key': [
    pub('GET', (ctx) => {
      const address = (ctx.query.get('address') ?? '').toLowerCase()
      const key = ctx.query.get('key') ?? ''
      return ctx.rt.state.readonlyKeys.get(address)?.has(key)
        ? ok('OK')
        : error(401, 'Invalid readonly api key')
    }),
  ],
  '/auth/builder-api-key': [
    l2('POST', (ctx, a) => {
      const rec = createBuilderKey(ctx.rt.state, a.address, ctx.rt.clock.now())
      return ok({ key: rec.key, secret: rec.credentials.secret, passphrase: rec.credentials.passphrase })
    }),
    l2('GET', (ctx, a) =>
      ok(
        [...ctx.rt.state.builderKeys.values()]
          .filter((k) => k.address === a.address)
          .map((k) => ({ key: k.key, createdAt: k.createdAt, revokedAt: k.revokedAt ?? null })),
      ),
    ),
    pub('DELETE', builderDelete),
  ],
  '/balance-allowance': [l2('GET', balanceAllowance)],
  '/balance-allowance/update': [l2('GET', () => ok(null))],
  '/notifications': [
    l2('GET', (ctx, a) => ok(notificationsOf(ctx.rt.state, a.key.key).map(notificationView))),
    l2('DELETE', dropNotifications),
  ],
  '/v1/heartbeats': [l2('POST', heartbeat)],
  '/rewards/user': [l2('GET', emptyPage)],
  '/rewards/user/total': [l2('GET', () => ok([]))],
  '/rewards/user/percentages': [l2('GET', () => ok({}))],
  '/rewards/user/markets': [l2('GET', emptyPage)],
}
