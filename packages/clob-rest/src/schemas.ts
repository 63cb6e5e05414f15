/**
 * The response schemas this package validates with, taken from `@clobkit/clob-types`
 * and typed structurally (`Schema<T>`) so zod stays an indirect dependency.
 * @module
 */
import * as T from '@clobkit/clob-types'
import type { Schema } from './transport.js'

export type { Schema } from './transport.js'

export type Page<I> = T.Page<I>
export type OrderResponse = T.OrderResponse
export type OpenOrder = T.OpenOrder
export type OpenOrdersPage = T.OpenOrdersPage
export type CancelResponse = T.CancelResponse
export type Trade = T.Trade
export type TradesPage = T.TradesPage
export type BuilderTrade = T.BuilderTrade
export type BuilderTradesPage = T.BuilderTradesPage
export type BuilderFeesResponse = T.BuilderFeesResponse
export type MarketTradeEvent = T.MarketTradeEvent
export type Market = T.Market
export type SimplifiedMarket = T.SimplifiedMarket
export type MarketByToken = T.MarketByToken
export type MarketDetails = T.MarketDetails
export type OrderBookSummary = T.OrderBookSummary
export type MidpointResponse = T.MidpointResponse
export type MidpointsResponse = T.MidpointsResponse
export type PriceResponse = T.PriceResponse
export type PricesResponse = T.PricesResponse
export type SpreadResponse = T.SpreadResponse
export type SpreadsResponse = T.SpreadsResponse
export type LastTradePriceResponse = T.LastTradePriceResponse
export type LastTradesPricesResponse = T.LastTradesPricesResponse
export type PriceHistoryResponse = T.PriceHistoryResponse
export type PricePoint = T.PricePoint
export type ApiKeyCreds = T.ApiKeyCreds
export type ApiKeysResponse = T.ApiKeysResponse
export type BuilderApiKey = T.BuilderApiKey
export type BuilderApiKeyInfo = T.BuilderApiKeyInfo
export type BalanceAllowanceResponse = T.BalanceAllowanceResponse
export type Notification = T.Notification
export type HeartbeatResponse = T.HeartbeatResponse
export type UserEarning = T.UserEarning
export type TotalUserEarning = T.TotalUserEarning
export type MarketReward = T.MarketReward
export type UserRewardsEarning = T.UserRewardsEarning

export const OrderResponse: Schema<T.OrderResponse> = T.OrderResponseSchema
export const OrderResponses: Schema<T.OrderResponse[]> = T.OrderResponsesSchema
export const OpenOrder: Schema<T.OpenOrder> = T.OpenOrderSchema
export const OpenOrdersPage: Schema<T.OpenOrdersPage> = T.OpenOrdersPageSchema
export const CancelResponse: Schema<T.CancelResponse> = T.CancelResponseSchema
export const OrderScoring: Schema<{ scoring: boolean }> = T.OrderScoringResponseSchema
export const OrdersScoring: Schema<Record<string, boolean>> = T.OrdersScoringResponseSchema
export const TradesPage: Schema<T.TradesPage> = T.TradesPageSchema
export const BuilderTradesPage: Schema<T.BuilderTradesPage> = T.BuilderTradesPageSchema
export const BuilderFeeRates: Schema<T.BuilderFeesResponse> = T.BuilderFeesResponseSchema
export const MarketTradeEvents: Schema<T.MarketTradeEvent[]> = T.MarketTradeEventsSchema
export const Market: Schema<T.Market> = T.MarketSchema
export const MarketsPage: Schema<T.MarketsPage> = T.MarketsPageSchema
export const SimplifiedMarketsPage: Schema<T.SimplifiedMarketsPage> = T.SimplifiedMarketsPageSchema
export const MarketByToken: Schema<T.MarketByToken> = T.MarketByTokenSchema
export const MarketDetails: Schema<T.MarketDetails> = T.MarketDetailsSchema
export const OrderBookSummary: Schema<T.OrderBookSummary> = T.OrderBookSummarySchema
export const OrderBookSummaries: Schema<T.OrderBookSummary[]> = T.OrderBookSummariesSchema
export const MidpointResponse: Schema<T.MidpointResponse> = T.MidpointResponseSchema
export const MidpointsResponse: Schema<T.MidpointsResponse> = T.MidpointsResponseSchema
export const PriceResponse: Schema<T.PriceResponse> = T.PriceResponseSchema
export const PricesResponse: Schema<T.PricesResponse> = T.PricesResponseSchema
export const SpreadResponse: Schema<T.SpreadResponse> = T.SpreadResponseSchema
export const SpreadsResponse: Schema<T.SpreadsResponse> = T.SpreadsResponseSchema
export const LastTradePriceResponse: Schema<T.LastTradePriceResponse> = T.LastTradePriceResponseSchema
export const LastTradesPricesResponse: Schema<T.LastTradesPricesResponse> = T.LastTradesPricesResponseSchema
export const TickSizeResponse: Schema<T.TickSizeResponse> = T.TickSizeResponseSchema
export const NegRiskResponse: Schema<T.NegRiskResponse> = T.NegRiskResponseSchema
export const FeeRateResponse: Schema<T.FeeRateResponse> = T.FeeRateResponseSchema
export const PriceHistoryResponse: Schema<T.PriceHistoryResponse> = T.PriceHistoryResponseSchema
export const ApiKeyCreds: Schema<T.ApiKeyCreds> = T.ApiKeyCredsSchema
export const ApiKeysResponse: Schema<T.ApiKeysResponse> = T.ApiKeysResponseSchema
export const ReadonlyApiKey: Schema<T.ReadonlyApiKey> = T.ReadonlyApiKeySchema
export const ReadonlyApiKeys: Schema<string[]> = T.ReadonlyApiKeysResponseSchema
export const BuilderApiKey: Schema<T.BuilderApiKey> = T.BuilderApiKeySchema
export const BuilderApiKeys: Schema<T.BuilderApiKeyInfo[]> = T.BuilderApiKeysResponseSchema
export const BalanceAllowance: Schema<T.BalanceAllowanceResponse> = T.BalanceAllowanceResponseSchema
export const ClosedOnly: Schema<T.ClosedOnlyResponse> = T.ClosedOnlyResponseSchema
export const Notifications: Schema<T.Notification[]> = T.NotificationsResponseSchema
export const HeartbeatResponse: Schema<T.HeartbeatResponse> = T.HeartbeatResponseSchema
export const UserEarningsPage: Schema<T.UserEarningsPage> = T.UserEarningsPageSchema
export const TotalUserEarnings: Schema<T.TotalUserEarning[]> = T.TotalUserEarningsResponseSchema
export const RewardsPercentages: Schema<T.RewardsPercentagesResponse> = T.RewardsPercentagesResponseSchema
export const MarketRewardsPage: Schema<T.MarketRewardsPage> = T.MarketRewardsPageSchema
export const UserRewardsEarningsPage: Schema<T.UserRewardsEarningsPage> = T.UserRewardsEarningsPageSchema

/** `GET /version` → `{version?: int}`; a missing field means 2 (§2.9). */
export const VersionResponse: Schema<{ version: number | undefined }> = {
  safeParse(value) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const v = (value as { version?: unknown }).version
      if (v === undefined || (typeof v === 'number' && Number.isInteger(v)))
        return { success: true, data: { version: v } }
      return { success: false, error: { issues: [{ path: ['version'], message: 'expected an integer' }] } }
    }
    return { success: false, error: { issues: [{ path: [], message: 'expected an object' }] } }
  },
}

/** `GET /time` → unix seconds, a bare number (PY also accepts `{time}` / `{timestamp}`). */
export const TimeResponse: Schema<number> = {
  safeParse(value) {
    const v =
      typeof value === 'object' && value !== null
        ? ((value as { time?: unknown; timestamp?: unknown }).time ??
          (value as { timestamp?: unknown }).timestamp)
        : value
    const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v
    if (typeof n === 'number' && Number.isFinite(n) && n > 0) return { success: true, data: Math.floor(n) }
    return { success: false, error: { issues: [{ path: [], message: 'expected unix seconds' }] } }
  },
}
