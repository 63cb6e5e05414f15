/**
 * Order books and prices: `/book`, `/books`, `/midpoint(s)`, `/price(s)`,
 * `/spread(s)`, `/last-trade(s)-price(s)`, `/tick-size`, `/neg-risk`, `/fee-rate`,
 * `/prices-history` (PROTOCOL.md §5.1, §5.7), and {@link bookHash}.
 * @module
 */
import * as z from 'zod/mini'
import {
  Bytes32Schema,
  DecimalStringOrEmptySchema,
  DecimalStringSchema,
  NumericSchema,
  oneOf,
  SafeIntSchema,
  SideSchema,
  Uint256StringSchema,
} from './common.js'
import { ClobTypesError } from './parse.js'

/** One price level `{price, size}`, both decimal strings. */
export const OrderSummarySchema = /* @__PURE__ */ z.looseObject({
  price: DecimalStringSchema,
  size: DecimalStringSchema,
})
export type OrderSummary = z.infer<typeof OrderSummarySchema>

/**
 * `GET /book` (§5.7). Bids are ascending and asks descending, so the best level is
 * the last element. Servers and stubs may leave out everything but `market`,
 * `asset_id`, `bids` and `asks`; an empty side may come as `null` (RS client).
 */
export const OrderBookSummarySchema = /* @__PURE__ */ z.looseObject({
  market: Bytes32Schema,
  asset_id: Uint256StringSchema,
  timestamp: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
  bids: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(OrderSummarySchema)),
  asks: /* @__PURE__ */ z.nullable(/* @__PURE__ */ z.array(OrderSummarySchema)),
  min_order_size: /* @__PURE__ */ z.optional(DecimalStringSchema),
  tick_size: /* @__PURE__ */ z.optional(DecimalStringSchema),
  neg_risk: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.boolean()),
  last_trade_price: /* @__PURE__ */ z.optional(DecimalStringOrEmptySchema),
  hash: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
})
export type OrderBookSummary = z.infer<typeof OrderBookSummarySchema>

/** `POST /books` response: one book per requested token. */
export const OrderBookSummariesSchema = /* @__PURE__ */ z.array(OrderBookSummarySchema)
export type OrderBookSummaries = z.infer<typeof OrderBookSummariesSchema>

/** An item of the `POST /books`, `/midpoints`, `/prices`, `/spreads`, `/last-trades-prices` bodies. */
export const BookParamsSchema = /* @__PURE__ */ z.looseObject({
  token_id: Uint256StringSchema,
  side: /* @__PURE__ */ z.optional(SideSchema),
})
export type BookParams = z.infer<typeof BookParamsSchema>
export const BookParamsListSchema = /* @__PURE__ */ z.array(BookParamsSchema)

/** `GET /midpoint` → `{mid}`. */
export const MidpointResponseSchema = /* @__PURE__ */ z.looseObject({ mid: DecimalStringSchema })
export type MidpointResponse = z.infer<typeof MidpointResponseSchema>

/** `POST /midpoints` → `{tokenId: mid}`. */
export const MidpointsResponseSchema = /* @__PURE__ */ z.record(Uint256StringSchema, DecimalStringSchema)
export type MidpointsResponse = z.infer<typeof MidpointsResponseSchema>

/** `GET /price` → `{price}`. */
export const PriceResponseSchema = /* @__PURE__ */ z.looseObject({ price: DecimalStringSchema })
export type PriceResponse = z.infer<typeof PriceResponseSchema>

/** `POST /prices` and `GET /prices` → `{tokenId: {BUY?: p, SELL?: p}}`. */
export const PricesResponseSchema = /* @__PURE__ */ z.record(
  Uint256StringSchema,
  /* @__PURE__ */ z.looseObject({
    BUY: /* @__PURE__ */ z.optional(DecimalStringSchema),
    SELL: /* @__PURE__ */ z.optional(DecimalStringSchema),
  }),
)
export type PricesResponse = z.infer<typeof PricesResponseSchema>

/** `GET /spread` → `{spread}`. */
export const SpreadResponseSchema = /* @__PURE__ */ z.looseObject({ spread: DecimalStringSchema })
export type SpreadResponse = z.infer<typeof SpreadResponseSchema>

const SpreadMapSchema = /* @__PURE__ */ z.record(Uint256StringSchema, DecimalStringSchema)

/**
 * `POST /spreads`: the RS mock wraps the map as `{spreads: {tokenId: spread}}`; a plain
 * map is accepted too (§8 item 14). Use {@link spreadsMap} to read either.
 */
export const SpreadsResponseSchema = /* @__PURE__ */ z.union([
  SpreadMapSchema,
  /* @__PURE__ */ z.looseObject({ spreads: SpreadMapSchema }),
])
export type SpreadsResponse = z.infer<typeof SpreadsResponseSchema>

/** The `{tokenId: spread}` map of either `/spreads` shape. */
export function spreadsMap(response: SpreadsResponse): Record<string, string> {
  const wrapped = (response as { spreads?: unknown }).spreads
  return typeof wrapped === 'object' && wrapped !== null
    ? (wrapped as Record<string, string>)
    : (response as Record<string, string>)
}

const SideOrEmptySchema = /* @__PURE__ */ oneOf(['BUY', 'SELL', ''])

/** `GET /last-trade-price` → `{price, side}`; `side` is `""` when there is no trade yet. */
export const LastTradePriceResponseSchema = /* @__PURE__ */ z.looseObject({
  price: DecimalStringSchema,
  side: SideOrEmptySchema,
})
export type LastTradePriceResponse = z.infer<typeof LastTradePriceResponseSchema>

/** `POST /last-trades-prices` → `[{token_id, price, side}]`. */
export const LastTradesPricesResponseSchema = /* @__PURE__ */ z.array(
  /* @__PURE__ */ z.looseObject({
    token_id: Uint256StringSchema,
    price: DecimalStringSchema,
    side: SideOrEmptySchema,
  }),
)
export type LastTradesPricesResponse = z.infer<typeof LastTradesPricesResponseSchema>

/** `GET /tick-size` → `{minimum_tick_size: number}` (a JSON number; clients store `String(n)`). */
export const TickSizeResponseSchema = /* @__PURE__ */ z.looseObject({
  minimum_tick_size: /* @__PURE__ */ z.number(),
})
export type TickSizeResponse = z.infer<typeof TickSizeResponseSchema>

/** `GET /neg-risk` → `{neg_risk}`. */
export const NegRiskResponseSchema = /* @__PURE__ */ z.looseObject({ neg_risk: /* @__PURE__ */ z.boolean() })
export type NegRiskResponse = z.infer<typeof NegRiskResponseSchema>

/** `GET /fee-rate` → `{base_fee: bps}` (V1 orders); a missing `base_fee` means 0 (PYv2). */
export const FeeRateResponseSchema = /* @__PURE__ */ z.looseObject({
  base_fee: /* @__PURE__ */ z.optional(SafeIntSchema),
})
export type FeeRateResponse = z.infer<typeof FeeRateResponseSchema>

/** A price-history point `{t: unix seconds, p: price}`; both are JSON numbers. */
export const PricePointSchema = /* @__PURE__ */ z.looseObject({
  t: /* @__PURE__ */ z.number(),
  p: NumericSchema,
})
export type PricePoint = z.infer<typeof PricePointSchema>

/**
 * `GET /prices-history`: RS expects `{history: [{t, p}]}`, the TS type is a bare array
 * (§8 item 15); both are accepted. Use {@link priceHistoryPoints} to read either.
 */
export const PriceHistoryResponseSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.looseObject({ history: /* @__PURE__ */ z.array(PricePointSchema) }),
  /* @__PURE__ */ z.array(PricePointSchema),
])
export type PriceHistoryResponse = z.infer<typeof PriceHistoryResponseSchema>

/** The points of either `/prices-history` shape. */
export function priceHistoryPoints(response: PriceHistoryResponse): PricePoint[] {
  return Array.isArray(response) ? response : response.history
}

/** Options of {@link bookHash}. */
export type BookHashOptions = {
  /**
   * `received` (default, TS clients): hash the object's own key order, with `hash`
   * blanked in place (or appended when absent). `server` (PYv2): rebuild in the fixed
   * order `market, asset_id, timestamp, hash, bids, asks, min_order_size, tick_size,
   * neg_risk, last_trade_price`, levels as `{price, size}`, other keys dropped.
   */
  order?: 'received' | 'server'
}

const SERVER_ORDER = [
  'market',
  'asset_id',
  'timestamp',
  'hash',
  'bids',
  'asks',
  'min_order_size',
  'tick_size',
  'neg_risk',
  'last_trade_price',
] as const

/**
 * Order-book hash (§5.7): SHA-1 hex of the compact JSON of the book with `hash` set
 * to `""`. Key order matters, so for `order: 'received'` pass the object exactly as
 * `JSON.parse` produced it: schema parsing puts known keys first and so changes the
 * order. The book is not modified. Uses Web Crypto (`crypto.subtle`), hence async.
 *
 * @example
 * ```ts
 * const raw = await res.json()
 * const ok = (await bookHash(raw)) === raw.hash
 * ```
 */
export async function bookHash(
  book: { readonly [key: string]: unknown },
  options: BookHashOptions = {},
): Promise<string> {
  if (typeof book !== 'object' || book === null || Array.isArray(book)) {
    throw new ClobTypesError('INVALID_PARAMETER', 'book: expected an order book object', { param: 'book' })
  }
  const order = options.order ?? 'received'
  if (order !== 'received' && order !== 'server') {
    throw new ClobTypesError('INVALID_PARAMETER', "options.order: expected 'received' or 'server'", {
      param: 'options.order',
    })
  }
  let json: string
  try {
    json = JSON.stringify(order === 'received' ? { ...book, hash: '' } : serverOrdered(book))
  } catch {
    throw new ClobTypesError('INVALID_PARAMETER', 'book: not JSON-serializable', { param: 'book' })
  }
  const subtle = globalThis.crypto?.subtle
  if (subtle === undefined) {
    throw new ClobTypesError('CRYPTO_UNAVAILABLE', 'bookHash: globalThis.crypto.subtle is not available')
  }
  const digest = new Uint8Array(await subtle.digest('SHA-1', new TextEncoder().encode(json)))
  let hex = ''
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0')
  return hex
}

function serverOrdered(book: { readonly [key: string]: unknown }): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of SERVER_ORDER) {
    const value = key === 'hash' ? '' : book[key]
    if (value === undefined) continue
    out[key] =
      (key === 'bids' || key === 'asks') && Array.isArray(value)
        ? value.map((level: { price?: unknown; size?: unknown }) => ({
            price: level?.price,
            size: level?.size,
          }))
        : value
  }
  return out
}
