/**
 * The market-info cache itself: plain maps with expiry times, no I/O. Kept apart from
 * `market-info.ts` (which fills it over the client context) so the context can hold a
 * cache without the two modules importing each other.
 * @module
 */
import type { ExchangeVersion, TickSize } from '@clobkit/eip712-order'

/** A cached value and the client-clock time it goes stale. */
export interface Entry<T> {
  readonly value: T
  readonly expiresAt: number
}

/** Platform fee parameters of a V2/V3 market (`fd` of `/clob-markets`). */
export interface FeeInfo {
  readonly rate: number
  readonly exponent: number
  readonly takerOnly: boolean
}

/** Builder fee rates as fractions (bps / 10000). */
export interface BuilderFeeRates {
  readonly maker: number
  readonly taker: number
}

/** The mutable cache a client holds; share one between clients of the same host. */
export interface MarketInfoCache {
  readonly ttlMs: number
  readonly tick: Map<string, Entry<TickSize>>
  readonly negRisk: Map<string, Entry<boolean>>
  readonly fee: Map<string, Entry<FeeInfo>>
  readonly feeRateBps: Map<string, Entry<number>>
  readonly conditionOf: Map<string, string>
  readonly builderFees: Map<string, Entry<BuilderFeeRates>>
  version: Entry<ExchangeVersion> | undefined
  readonly inflight: Map<string, Promise<unknown>>
}

/** A fresh cache; `ttlMs` defaults to 5 minutes (the TSv1 tick TTL). */
export function createCache(ttlMs = 300_000): MarketInfoCache {
  return {
    ttlMs,
    tick: new Map(),
    negRisk: new Map(),
    fee: new Map(),
    feeRateBps: new Map(),
    conditionOf: new Map(),
    builderFees: new Map(),
    version: undefined,
    inflight: new Map(),
  }
}
