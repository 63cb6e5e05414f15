/**
 * JSON views of the state in the exchange's wire shapes (PROTOCOL.md §5.7):
 * markets, books (with the book hash), open orders, trades, notifications.
 * @module
 */
import { createHash } from 'node:crypto'
import { remaining } from './book.js'
import type {
  BookSide,
  MarketState,
  SimNotification,
  SimOrder,
  SimState,
  SimTrade,
  TokenState,
} from './state.js'
import { formatPrice, formatUnits } from './units.js'

export function bestBid(t: TokenState): number | undefined {
  return t.bids.levels[t.bids.levels.length - 1]?.priceMicros
}

export function bestAsk(t: TokenState): number | undefined {
  return t.asks.levels[t.asks.levels.length - 1]?.priceMicros
}

/** Midpoint in micros (rounded half up), or undefined when a side is empty. */
export function midpoint(t: TokenState): number | undefined {
  const b = bestBid(t)
  const a = bestAsk(t)
  if (b === undefined || a === undefined) return undefined
  return Math.floor((a + b + 1) / 2)
}

export function lastTradePrice(t: TokenState): string {
  return t.lastTrade ? formatPrice(t.lastTrade.priceMicros) : t.seedLastTradePrice
}

function levels(side: BookSide): { price: string; size: string }[] {
  const out: { price: string; size: string }[] = []
  for (const l of side.levels) out.push({ price: formatPrice(l.priceMicros), size: formatUnits(l.size) })
  return out
}

/**
 * `OrderBookSummary` with the fields in the server's fixed order (the one PYv2
 * rebuilds), so the TS check (received order) and the PY check (fixed order) both
 * reproduce `hash` = SHA-1 of the compact JSON with `hash` blanked (ANCHORS §C).
 */
export function bookView(t: TokenState): Record<string, unknown> {
  const book: Record<string, unknown> = {
    market: t.market.conditionId,
    asset_id: t.tokenId,
    timestamp: String(t.bookTimestamp),
    hash: '',
    bids: levels(t.bids),
    asks: levels(t.asks),
    min_order_size: formatUnits(t.market.minOrderSize),
    tick_size: t.market.tickSize,
    neg_risk: t.market.negRisk,
    last_trade_price: lastTradePrice(t),
  }
  book.hash = createHash('sha1').update(JSON.stringify(book)).digest('hex')
  return book
}

function tokenPrice(t: TokenState): number {
  const mid = midpoint(t)
  if (mid !== undefined) return mid / 1_000_000
  const last = lastTradePrice(t)
  return last === '' ? 0.5 : Number(last)
}

function rewardsView(state: SimState, m: MarketState): Record<string, unknown> {
  return {
    rates: m.rewards?.dailyRate
      ? [{ asset_address: collateralAddress(state), rewards_daily_rate: m.rewards.dailyRate }]
      : null,
    min_size: m.rewards?.minSize ?? 0,
    max_spread: m.rewards?.maxSpread ?? 0,
  }
}

const COLLATERAL = {
  v1: {
    137: '0x2791Bca1f2de4661ED88A30C99A7a9449Aa84174',
    80002: '0x9c4e1703476e875070ee25b56a58b008cfb8fa78',
  },
  v2: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
} as const

export function collateralAddress(state: SimState): string {
  return state.config.version === 1 ? COLLATERAL.v1[state.config.chainId] : COLLATERAL.v2
}

/** `/markets/{conditionId}` and the items of `/markets`. */
export function marketView(state: SimState, m: MarketState): Record<string, unknown> {
  return {
    enable_order_book: true,
    active: true,
    closed: false,
    archived: false,
    accepting_orders: m.acceptingOrders,
    accepting_order_timestamp: m.acceptingOrders ? '2025-01-01T00:00:00Z' : null,
    minimum_order_size: Number(formatUnits(m.minOrderSize)),
    minimum_tick_size: Number(m.tickSize),
    condition_id: m.conditionId,
    question_id: m.questionId,
    question: m.question,
    description: m.description,
    market_slug: m.slug,
    end_date_iso: m.endDateIso === '' ? null : m.endDateIso,
    game_start_time: null,
    seconds_delay: 0,
    fpmm: '',
    maker_base_fee: m.fees.makerBaseFee,
    taker_base_fee: m.fees.takerBaseFee,
    notifications_enabled: true,
    neg_risk: m.negRisk,
    neg_risk_market_id: m.negRiskMarketId,
    neg_risk_request_id: '',
    icon: '',
    image: '',
    rewards: rewardsView(state, m),
    is_50_50_outcome: false,
    tokens: m.tokens.map((t) => ({
      token_id: t.tokenId,
      outcome: t.outcome,
      price: tokenPrice(t),
      winner: false,
    })),
    tags: [...m.tags],
  }
}

/** Items of `/simplified-markets`. */
export function simplifiedMarketView(state: SimState, m: MarketState): Record<string, unknown> {
  return {
    condition_id: m.conditionId,
    tokens: m.tokens.map((t) => ({
      token_id: t.tokenId,
      outcome: t.outcome,
      price: tokenPrice(t),
      winner: false,
    })),
    rewards: rewardsView(state, m),
    active: true,
    closed: false,
    archived: false,
    accepting_orders: m.acceptingOrders,
  }
}

/** Compact `MarketDetails` of `/clob-markets/{conditionId}`. */
export function clobMarketView(m: MarketState): Record<string, unknown> {
  const out: Record<string, unknown> = {
    c: m.conditionId,
    t: m.tokens.map((t) => ({ t: t.tokenId, o: t.outcome })),
    mts: Number(m.tickSize),
  }
  if (m.negRisk) out.nr = true
  out.fd = { r: m.fees.rate, e: m.fees.exponent, to: m.fees.takerOnly }
  out.mbf = m.fees.makerBaseFee
  out.tbf = m.fees.takerBaseFee
  out.r = m.rewards ? { mi: m.rewards.minSize, ma: m.rewards.maxSpread, e: true, smoa: false, moas: 0 } : null
  out.mos = Number(formatUnits(m.minOrderSize))
  out.sd = 0
  out.ao = m.acceptingOrders
  return out
}

/** `OpenOrder` (PROTOCOL.md §5.7). */
export function orderView(o: SimOrder): Record<string, unknown> {
  return {
    id: o.id,
    status: o.status,
    owner: o.owner,
    maker_address: o.makerDisplay,
    market: o.market,
    asset_id: o.assetId,
    side: o.side,
    original_size: formatUnits(o.originalSize),
    size_matched: formatUnits(o.sizeMatched),
    price: formatPrice(o.priceMicros),
    associate_trades: [...o.associateTrades],
    outcome: o.outcome,
    created_at: o.createdAt,
    expiration: o.expiration,
    order_type: o.orderType,
  }
}

/**
 * What of trade `t` the API key `viewer` sees, shared by REST `/data/trades` and the user
 * channel's `trade` event: the taker sees every maker order (other keys' `owner` blanked)
 * and the whole size; a maker sees only its own maker orders and their matched size.
 */
export function tradeSeenBy(
  t: SimTrade,
  viewer: string,
): { isTaker: boolean; size: string; makerAddress: string; makerOrders: Record<string, unknown>[] } {
  const isTaker = t.owner === viewer
  const makers = isTaker ? t.makerOrders : t.makerOrders.filter((m) => m.owner === viewer)
  return {
    isTaker,
    size: formatUnits(isTaker ? t.size : makers.reduce((s, m) => s + m.matchedAmount, 0n)),
    makerAddress: isTaker ? t.makerAddress : (makers[0]?.makerAddress ?? t.makerAddress),
    makerOrders: makers.map((m) => ({
      order_id: m.orderId,
      owner: m.owner === viewer ? m.owner : '',
      maker_address: m.makerAddress,
      matched_amount: formatUnits(m.matchedAmount),
      price: formatPrice(m.priceMicros),
      fee_rate_bps: String(t.feeRateBps),
      asset_id: t.assetId,
      outcome: t.outcome,
      side: m.side,
    })),
  }
}

/** `Trade` as one API key sees it (see {@link tradeSeenBy}). */
export function tradeView(t: SimTrade, viewer: string): Record<string, unknown> {
  const { isTaker, size, makerAddress, makerOrders } = tradeSeenBy(t, viewer)
  return {
    id: t.id,
    taker_order_id: t.takerOrderId,
    market: t.market,
    asset_id: t.assetId,
    side: t.side,
    size,
    fee_rate_bps: String(t.feeRateBps),
    price: formatPrice(t.priceMicros),
    status: t.status,
    match_time: String(t.matchTime),
    match_time_nano: `${t.matchTimeMs}000000`,
    last_update: String(t.matchTime),
    outcome: t.outcome,
    bucket_index: 0,
    owner: isTaker ? t.owner : viewer,
    maker_address: makerAddress,
    maker_orders: makerOrders,
    transaction_hash: t.transactionHash,
    trader_side: isTaker ? 'TAKER' : 'MAKER',
  }
}

export function notificationView(n: SimNotification): Record<string, unknown> {
  return { id: n.id, owner: n.owner, payload: n.payload, timestamp: n.timestamp, type: n.type }
}

/** True when a live order earns liquidity rewards: inside the max spread around the midpoint and large enough. */
export function scoring(state: SimState, o: SimOrder): boolean {
  if (o.status !== 'LIVE') return false
  const token = state.tokens.get(o.assetId)
  const rewards = token?.market.rewards
  if (!token || !rewards) return false
  const mid = midpoint(token)
  if (mid === undefined) return false
  const maxSpreadMicros = Math.round(rewards.maxSpread * 10_000)
  const minSize = BigInt(Math.round(rewards.minSize * 1_000_000))
  return Math.abs(o.priceMicros - mid) <= maxSpreadMicros && remaining(o) >= minSize
}
