/**
 * The sim's in-memory exchange state: markets and books, orders, trades,
 * balances, keys, heartbeats and notifications. Plain data; the engine mutates it.
 * @module
 */
import type { ExchangeVersion, OrderType, Side, TickSize } from '@clobkit/eip712-order'
import type { ApiCredentials } from '@clobkit/l2-auth'
import type { SimSeedFees, SimSeedRewards } from './types.js'

/** A resting or finished order. Amounts are base units, prices micros. */
export interface SimOrder {
  readonly id: string
  readonly seq: number
  /** API key that placed it ('' for seeded liquidity). */
  readonly owner: string
  /** Address of that key (lowercase). */
  readonly ownerAddress: string
  /** The funder whose balances move (lowercase). */
  readonly maker: string
  /** `maker` as it was signed (for display). */
  readonly makerDisplay: string
  readonly signer: string
  readonly market: string
  readonly assetId: string
  readonly outcome: string
  readonly side: Side
  /** Book level price (on the tick grid). */
  readonly priceMicros: number
  /** Signed amounts: the limit is exactly takerAmount/makerAmount (or the inverse). */
  readonly makerAmount: bigint
  readonly takerAmount: bigint
  /** Shares. */
  readonly originalSize: bigint
  sizeMatched: bigint
  /** Collateral moved so far (paid for BUY, received for SELL). */
  collateralMoved: bigint
  /** What this order currently holds back from its maker's balance (collateral for BUY, tokens for SELL). */
  reserved: bigint
  status: 'LIVE' | 'MATCHED' | 'CANCELED'
  readonly orderType: OrderType
  /** Unix seconds as signed/posted ('0' = none). */
  readonly expiration: string
  /** Sim ms at which the order leaves the book (expiration − 60 s), or 0. */
  readonly expiresAtMs: number
  readonly createdAt: number
  readonly associateTrades: string[]
  readonly version: ExchangeVersion
  readonly signatureType: number
  readonly builder: string
  readonly feeRateBps: number
}

export interface MakerFill {
  readonly orderId: string
  readonly owner: string
  readonly makerAddress: string
  readonly matchedAmount: bigint
  readonly priceMicros: number
  readonly side: Side
}

/** One trade: a taker order against one price level (one or more maker orders). */
export interface SimTrade {
  readonly id: string
  readonly takerOrderId: string
  readonly market: string
  readonly assetId: string
  readonly outcome: string
  readonly side: Side
  readonly size: bigint
  readonly priceMicros: number
  readonly feeRateBps: number
  status: 'MATCHED' | 'MINED' | 'CONFIRMED' | 'RETRYING' | 'FAILED'
  readonly matchTime: number
  readonly matchTimeMs: number
  readonly owner: string
  readonly makerAddress: string
  readonly makerOrders: readonly MakerFill[]
  readonly transactionHash: string
  readonly builder: string
}

export interface PriceLevel {
  readonly priceMicros: number
  orders: SimOrder[]
  /** Index of the first order still in the queue. */
  head: number
  /** Σ remaining shares. */
  size: bigint
}

/** One side of a book. `levels` is in the exchange's array order: best level last. */
export interface BookSide {
  readonly side: Side
  readonly levels: PriceLevel[]
  readonly byPrice: Map<number, PriceLevel>
}

export interface TokenState {
  readonly tokenId: string
  readonly outcome: string
  readonly outcomeIndex: number
  readonly market: MarketState
  readonly bids: BookSide
  readonly asks: BookSide
  lastTrade: { priceMicros: number; side: Side } | undefined
  readonly seedLastTradePrice: string
  /** Σ of trades (t: seconds, p: micros), bounded. */
  readonly history: { t: number; p: number }[]
  bookTimestamp: number
}

export interface MarketState {
  readonly conditionId: string
  readonly questionId: string
  readonly question: string
  readonly slug: string
  readonly description: string
  readonly negRisk: boolean
  readonly negRiskMarketId: string
  tickSize: TickSize
  tickMicros: number
  readonly minOrderSize: bigint
  readonly fees: Required<SimSeedFees>
  readonly rewards: SimSeedRewards | undefined
  acceptingOrders: boolean
  readonly endDateIso: string
  readonly tags: readonly string[]
  readonly tokens: TokenState[]
}

export interface Account {
  collateral: bigint
  readonly tokens: Map<string, bigint>
  reservedCollateral: bigint
  readonly reservedTokens: Map<string, bigint>
}

export interface ApiKeyRecord {
  readonly key: string
  /** Masked in JSON/inspect output (l2-auth `Credentials`). */
  readonly credentials: ApiCredentials
  /** Lowercase address of the key's owner. */
  readonly address: string
  readonly nonce: string
  readonly createdAt: number
  readonly kind: 'created' | 'derived' | 'imported'
}

export interface BuilderKeyRecord {
  readonly key: string
  readonly credentials: ApiCredentials
  readonly address: string
  readonly createdAt: string
  revokedAt: string | undefined
}

export interface HeartbeatSession {
  id: string
  lastMs: number
  expired: boolean
}

export interface SimNotification {
  readonly id: number
  readonly owner: string
  readonly type: 1 | 2 | 4
  readonly timestamp: number
  readonly payload: Readonly<Record<string, unknown>>
}

export interface Fault {
  readonly id: number
  readonly path: string | undefined
  readonly method: string | undefined
  remaining: number
  readonly latencyMs: number
  readonly status: number | undefined
  readonly dropAfterProcess: boolean
  readonly dropBeforeProcess: boolean
  readonly retryAfter: number | undefined
}

export interface SimConfig {
  chainId: 137 | 80002
  version: ExchangeVersion
  heartbeatTimeoutMs: number
  heartbeatBufferMs: number
  authWindowSeconds: number
  pageSize: number
  retainOrders: number
  retainTrades: number
  retainNotifications: number
  liquidityAddress: string
}

export interface SimState {
  readonly config: SimConfig
  readonly markets: Map<string, MarketState>
  readonly marketList: MarketState[]
  readonly tokens: Map<string, TokenState>
  readonly orders: Map<string, SimOrder>
  /** Finished orders in completion order, evicted beyond `retainOrders`. */
  readonly finished: string[]
  /** Open order ids per API key. */
  readonly openByKey: Map<string, Set<string>>
  /** GTD orders by expiry (ascending). */
  readonly expiries: SimOrder[]
  readonly trades: SimTrade[]
  readonly tradeById: Map<string, SimTrade>
  readonly accounts: Map<string, Account>
  /** Σ credited per asset ('' = collateral); balances always sum to these. */
  readonly minted: Map<string, bigint>
  readonly keys: Map<string, ApiKeyRecord>
  readonly derived: Map<string, string>
  readonly readonlyKeys: Map<string, Set<string>>
  readonly builderKeys: Map<string, BuilderKeyRecord>
  /** Funder links learnt from accepted proxy/safe/1271 orders: `${signer}|${sigType}` → funder. */
  readonly funders: Map<string, string>
  readonly heartbeats: Map<string, HeartbeatSession>
  readonly notifications: Map<string, SimNotification[]>
  faults: Fault[]
  /** `filled`: orders that ended fully matched (status MATCHED), cumulative. */
  counters: { seq: number; notification: number; fault: number; filled: number }
}
