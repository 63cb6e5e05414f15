/**
 * Public types of `@clobkit/clob-sim`: options, the seed format, the handle.
 * @module
 */
import type { ChainId, ExchangeVersion, TickSize } from '@clobkit/eip712-order'

/** One price level of seeded resting liquidity (decimal strings, shares). */
export interface SimSeedLevel {
  readonly price: string
  readonly size: string
}

/** One outcome token of a seeded market. */
export interface SimSeedToken {
  /** uint256 as a decimal string (real ids are 76–78 digits). */
  readonly tokenId: string
  /** e.g. `"Yes"` / `"No"`. */
  readonly outcome: string
  /** Resting liquidity owned by the sim's liquidity account (bids and asks in any order). */
  readonly book?: { readonly bids?: readonly SimSeedLevel[]; readonly asks?: readonly SimSeedLevel[] }
  /** `last_trade_price` before any trade happens (decimal string). */
  readonly lastTradePrice?: string
}

/** Fee details of a market (reported, not charged; see README). */
export interface SimSeedFees {
  /** V1 `/fee-rate` → `base_fee` (bps). V1 orders must sign exactly this `feeRateBps`. Default 0. */
  readonly baseFeeBps?: number
  /** V2/V3 platform fee rate (`fd.r`). */
  readonly rate?: number
  /** V2/V3 fee exponent (`fd.e`). */
  readonly exponent?: number
  /** `fd.to` (taker only). */
  readonly takerOnly?: boolean
  /** `maker_base_fee` / `mbf` (bps). */
  readonly makerBaseFee?: number
  /** `taker_base_fee` / `tbf` (bps). */
  readonly takerBaseFee?: number
}

/** Liquidity-rewards parameters; orders are "scoring" when they sit within them. */
export interface SimSeedRewards {
  /** Minimum order size (shares) that scores. */
  readonly minSize: number
  /** Maximum distance from the midpoint, in cents (e.g. 3.5 = 0.035). */
  readonly maxSpread: number
  /** Daily reward rate shown in `/markets` (collateral). */
  readonly dailyRate?: number
}

/** A seeded market: a condition with two outcome tokens. */
export interface SimSeedMarket {
  /** bytes32 0x-hex condition id. */
  readonly conditionId: string
  readonly questionId?: string
  readonly question: string
  readonly slug?: string
  readonly description?: string
  readonly tokens: readonly [SimSeedToken, SimSeedToken]
  readonly tickSize: TickSize
  /** Minimum order size in shares (decimal string), e.g. `"5"`. */
  readonly minOrderSize: string
  readonly negRisk: boolean
  readonly negRiskMarketId?: string
  readonly fees?: SimSeedFees
  readonly rewards?: SimSeedRewards
  /** Default true; false makes inserts fail with `MARKET_NOT_READY`. */
  readonly acceptingOrders?: boolean
  readonly endDateIso?: string
  readonly tags?: readonly string[]
}

/** Balances credited at start (decimal strings, whole units). */
export interface SimSeedAccount {
  readonly address: string
  readonly collateral?: string
  readonly tokens?: Readonly<Record<string, string>>
}

/** What the sim starts with. `defaultSeed()` returns a realistic one. */
export interface SimSeed {
  readonly markets: readonly SimSeedMarket[]
  readonly accounts?: readonly SimSeedAccount[]
  /** Address that owns the seeded resting liquidity (default `0x5151…5151`). */
  readonly liquidityAddress?: string
}

/** A structured log line. Never contains secrets. */
export interface SimLogEvent {
  readonly level: 'debug' | 'info' | 'warn' | 'error'
  readonly msg: string
  readonly method?: string
  readonly path?: string
  readonly status?: number
  readonly ms?: number
  readonly detail?: string
}

export type SimLogger = (event: SimLogEvent) => void

/** WebSocket stream options (`/ws/market`, `/ws/user`). */
export interface SimStreamOptions {
  /** Assets one market connection may subscribe to (default 500, the production practice). */
  readonly maxAssetsPerConnection?: number
  /** Past the cap: `'ignore'` (default: the extra assets silently get nothing, as in production) or `'close'`. */
  readonly overCap?: 'ignore' | 'close'
  /** Close a connection that sent nothing (not even PING) for this long, in real ms (default 60000; 0 = never). */
  readonly idleTimeoutMs?: number
}

/** Options of `startSim`. */
export interface SimOptions {
  /** TCP port; 0 (default) picks an ephemeral port. */
  readonly port?: number
  /** Bind address; default `127.0.0.1` (loopback only). */
  readonly host?: string
  /** Markets, books and balances; default `defaultSeed()`. */
  readonly seed?: SimSeed
  /** Base clock in ms (default `Date.now`); the admin `/_sim/time` endpoint offsets it. */
  readonly now?: () => number
  /** Alias of `now` (the spelling in docs/architecture.md); `now` wins when both are given. */
  readonly clock?: () => number
  /** Enables the `/_sim/…` admin endpoints (default false: they answer 404). */
  readonly admin?: boolean
  /** Chain whose domains orders and ClobAuth are verified under (default 137). */
  readonly chainId?: ChainId
  /** Exchange version the sim runs (default 2); orders of another version get `order_version_mismatch`. */
  readonly version?: ExchangeVersion
  /** Heartbeat dead-man switch: cancel a key's orders when no valid heartbeat for timeoutMs + bufferMs. */
  readonly heartbeat?: {
    readonly timeoutMs?: number
    readonly bufferMs?: number
    readonly checkIntervalMs?: number
  }
  /**
   * Trade settlement on the sim clock: a trade is MATCHED when made, MINED
   * `minedAfterMs` later (default 2000) and CONFIRMED `confirmedAfterMs` after the
   * match (default 5000); REST trades and the user stream show each step.
   */
  readonly trades?: { readonly minedAfterMs?: number; readonly confirmedAfterMs?: number }
  /** WebSocket streams. */
  readonly streams?: SimStreamOptions
  /** Accepted |server time − POLY_TIMESTAMP| for L1 and L2 headers, in seconds (default 300). */
  readonly authWindowSeconds?: number
  /** Request body limit in bytes (default 1 MiB); larger bodies get 413. */
  readonly bodyLimitBytes?: number
  /** Page size of cursor-paginated endpoints (default 100). */
  readonly pageSize?: number
  /** Secret mixed into `derive-api-key` (default: random per instance). Same secret → same derived keys. */
  readonly deriveSecret?: string
  /** How much finished history is kept (bounded so memory stays flat). */
  readonly retention?: { readonly orders?: number; readonly trades?: number; readonly notifications?: number }
  readonly logger?: SimLogger
}

/** The sim's clock: base clock + an adjustable offset. */
export interface SimClock {
  /** Current sim time in ms. */
  now(): number
  /** Moves the sim time forward by `ms`. */
  advance(ms: number): number
  /** Sets the sim time to `ms`. */
  set(ms: number): number
}
