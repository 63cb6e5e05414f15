/**
 * Market facts an order needs, resolved automatically and cached with a TTL
 * (PROTOCOL.md §2.9, §3.1, §3.8, §3.9): tick size, neg risk, fee details, V1 fee
 * rate, builder fee rates and the exchange version. Entries are dropped when the
 * server rejects an order on them (tick size change, `order_version_mismatch`).
 * @module
 */
import {
  type ExchangeVersion,
  type Hex,
  InvalidParameterError,
  type TickSize,
  TickSizes,
} from '@clobkit/eip712-order'
import type { ClientContext } from './context.js'
import type { BuilderFeeRates, Entry, FeeInfo } from './market-cache.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

export { type BuilderFeeRates, createCache, type FeeInfo, type MarketInfoCache } from './market-cache.js'

function fresh<T>(ctx: ClientContext, entry: Entry<T> | undefined): T | undefined {
  return entry !== undefined && entry.expiresAt > ctx.now() ? entry.value : undefined
}

function put<T>(ctx: ClientContext, map: Map<string, Entry<T>>, key: string, value: T): T {
  map.set(key, { value, expiresAt: ctx.now() + ctx.marketInfo.ttlMs })
  return value
}

/** Run one fetch per key at a time; concurrent callers share it. */
function once<T>(ctx: ClientContext, key: string, run: () => Promise<T>): Promise<T> {
  const inflight = ctx.marketInfo.inflight
  const pending = inflight.get(key)
  if (pending !== undefined) return pending as Promise<T>
  const p = run().finally(() => inflight.delete(key))
  inflight.set(key, p)
  return p
}

/** A server tick (a JSON number such as 0.01) as a `TickSize`. */
export function toTickSize(value: number | string, param = 'minimum_tick_size'): TickSize {
  const text = typeof value === 'number' ? String(value) : value
  const normalized = (TickSizes as readonly string[]).find((t) => Number(t) === Number(text))
  if (normalized === undefined) {
    throw new InvalidParameterError('INVALID_TICK_SIZE', param, `unsupported tick size ${text}`)
  }
  return normalized as TickSize
}

/** Minimum tick size of a token (`GET /tick-size`), cached. */
export async function tickSize(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<TickSize> {
  const cached = fresh(ctx, ctx.marketInfo.tick.get(tokenId))
  if (cached !== undefined) return cached
  return once(ctx, `tick:${tokenId}`, async () => {
    const res = await request(
      ctx,
      { method: 'GET', path: '/tick-size', query: { token_id: tokenId }, ...options },
      S.TickSizeResponse,
    )
    return put(ctx, ctx.marketInfo.tick, tokenId, toTickSize(res.minimum_tick_size))
  })
}

/** Whether a token trades on the neg-risk exchange (`GET /neg-risk`), cached. */
export async function negRisk(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<boolean> {
  const cached = fresh(ctx, ctx.marketInfo.negRisk.get(tokenId))
  if (cached !== undefined) return cached
  return once(ctx, `nr:${tokenId}`, async () => {
    const res = await request(
      ctx,
      { method: 'GET', path: '/neg-risk', query: { token_id: tokenId }, ...options },
      S.NegRiskResponse,
    )
    return put(ctx, ctx.marketInfo.negRisk, tokenId, res.neg_risk)
  })
}

/** The V1 market fee rate in bps (`GET /fee-rate`), cached. */
export async function feeRateBps(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<number> {
  const cached = fresh(ctx, ctx.marketInfo.feeRateBps.get(tokenId))
  if (cached !== undefined) return cached
  return once(ctx, `fee:${tokenId}`, async () => {
    const res = await request(
      ctx,
      { method: 'GET', path: '/fee-rate', query: { token_id: tokenId }, ...options },
      S.FeeRateResponse,
    )
    return put(ctx, ctx.marketInfo.feeRateBps, tokenId, Number(res.base_fee ?? 0))
  })
}

/**
 * Load tick, neg risk and fee details of a token's market in one go:
 * `GET /markets-by-token/{token}` → condition id, then `GET /clob-markets/{cid}`.
 */
export async function load(ctx: ClientContext, tokenId: string, options: CallOptions = {}): Promise<void> {
  if (
    fresh(ctx, ctx.marketInfo.tick.get(tokenId)) !== undefined &&
    fresh(ctx, ctx.marketInfo.negRisk.get(tokenId)) !== undefined &&
    fresh(ctx, ctx.marketInfo.fee.get(tokenId)) !== undefined
  ) {
    return
  }
  await once(ctx, `load:${tokenId}`, async () => {
    let conditionId = ctx.marketInfo.conditionOf.get(tokenId)
    if (conditionId === undefined) {
      const byToken = await request(
        ctx,
        { method: 'GET', path: `/markets-by-token/${encodeURIComponent(tokenId)}`, ...options },
        S.MarketByToken,
      )
      conditionId = byToken.condition_id
      ctx.marketInfo.conditionOf.set(tokenId, conditionId)
    }
    const details = await request(
      ctx,
      { method: 'GET', path: `/clob-markets/${encodeURIComponent(conditionId)}`, ...options },
      S.MarketDetails,
    )
    const tokens = (details.t ?? []).flatMap((t) => (t && typeof t.t === 'string' ? [t.t] : []))
    const ids = tokens.includes(tokenId) ? tokens : [tokenId, ...tokens]
    const fee: FeeInfo = {
      rate: Number(details.fd?.r ?? 0),
      exponent: Number(details.fd?.e ?? 0),
      takerOnly: details.fd?.to === true,
    }
    for (const id of ids) {
      ctx.marketInfo.conditionOf.set(id, conditionId)
      if (details.mts !== undefined && details.mts !== null)
        put(ctx, ctx.marketInfo.tick, id, toTickSize(details.mts, 'mts'))
      put(ctx, ctx.marketInfo.negRisk, id, details.nr === true)
      put(ctx, ctx.marketInfo.fee, id, fee)
    }
  })
}

/** Fee details of a token's market (loads the market when not cached). */
export async function feeInfo(
  ctx: ClientContext,
  tokenId: string,
  options: CallOptions = {},
): Promise<FeeInfo> {
  const cached = fresh(ctx, ctx.marketInfo.fee.get(tokenId))
  if (cached !== undefined) return cached
  await load(ctx, tokenId, options)
  return fresh(ctx, ctx.marketInfo.fee.get(tokenId)) ?? { rate: 0, exponent: 0, takerOnly: false }
}

const ZERO_BYTES32 = `0x${'0'.repeat(64)}`

/** Builder fee rates (`GET /fees/builder-fees/{code}`), as fractions; zero for no/zero code. */
export async function builderFees(
  ctx: ClientContext,
  builderCode: Hex | undefined,
  options: CallOptions = {},
): Promise<BuilderFeeRates> {
  if (builderCode === undefined || builderCode.toLowerCase() === ZERO_BYTES32) return { maker: 0, taker: 0 }
  const cached = fresh(ctx, ctx.marketInfo.builderFees.get(builderCode))
  if (cached !== undefined) return cached
  return once(ctx, `bf:${builderCode}`, async () => {
    const res = await request(
      ctx,
      { method: 'GET', path: `/fees/builder-fees/${encodeURIComponent(builderCode)}`, ...options },
      S.BuilderFeeRates,
    )
    return put(ctx, ctx.marketInfo.builderFees, builderCode, {
      maker: Number(res.builder_maker_fee_rate_bps ?? 0) / 10_000,
      taker: Number(res.builder_taker_fee_rate_bps ?? 0) / 10_000,
    })
  })
}

/** The exchange version (`GET /version`), cached; `force` refetches. Missing field → 2 (§2.9). */
export async function version(
  ctx: ClientContext,
  options: CallOptions & { force?: boolean } = {},
): Promise<ExchangeVersion> {
  const cache = ctx.marketInfo
  if (!options.force) {
    const cached =
      cache.version !== undefined && cache.version.expiresAt > ctx.now() ? cache.version.value : undefined
    if (cached !== undefined) return cached
  }
  return once(ctx, options.force ? 'version:force' : 'version', async () => {
    const res = await request(ctx, { method: 'GET', path: '/version', ...options }, S.VersionResponse)
    const v = res.version ?? 2
    if (v !== 1 && v !== 2 && v !== 3) {
      throw new InvalidParameterError('UNSUPPORTED_VERSION', 'version', `unsupported order version ${v}`)
    }
    cache.version = { value: v, expiresAt: ctx.now() + cache.ttlMs }
    return v
  })
}

/** The cached version without a request (undefined when unknown or expired). */
export function cachedVersion(ctx: ClientContext): ExchangeVersion | undefined {
  const entry = ctx.marketInfo.version
  return entry !== undefined && entry.expiresAt > ctx.now() ? entry.value : undefined
}

/** Drop cached facts of a token (all, or one kind) so the next order refetches them. */
export function invalidate(
  ctx: ClientContext,
  tokenId: string,
  what: 'tick' | 'negRisk' | 'fee' | 'all' = 'all',
): void {
  const c = ctx.marketInfo
  if (what === 'tick' || what === 'all') c.tick.delete(tokenId)
  if (what === 'negRisk' || what === 'all') c.negRisk.delete(tokenId)
  if (what === 'fee' || what === 'all') {
    c.fee.delete(tokenId)
    c.feeRateBps.delete(tokenId)
  }
}

/** Drop the cached exchange version. */
export function invalidateVersion(ctx: ClientContext): void {
  ctx.marketInfo.version = undefined
}
