/**
 * Frame parsing (PROTOCOL-WS.md §3.1): a text frame is one event object or an array of
 * them, dispatched on `event_type` and validated by the `@clobkit/clob-types/ws`
 * schemas. Parsing never throws: a frame that is not JSON, or an event that fails its
 * schema, becomes a `malformed` item carrying the raw text; an `event_type` this
 * version does not know becomes an `unknown` item with the object as received. Fields
 * the schema does not name are kept and listed in `unknownFields`.
 * The legacy `price_change` shape (`changes[]` with one top-level `asset_id`, before
 * 2025-09-15) is normalized to the current one.
 * @module
 */
import { parse as parseWith } from '@clobkit/clob-types/parse'
import {
  type BestBidAskEvent,
  BestBidAskEventSchema,
  type BookEvent,
  BookEventSchema,
  type LastTradePriceEvent,
  LastTradePriceEventSchema,
  type MarketResolvedEvent,
  MarketResolvedEventSchema,
  type NewMarketEvent,
  NewMarketEventSchema,
  type OrderEvent,
  OrderEventSchema,
  type PriceChangeEvent,
  PriceChangeEventSchema,
  type TickSizeChangeEvent,
  TickSizeChangeEventSchema,
  type TradeEvent,
  TradeEventSchema,
} from '@clobkit/clob-types/ws'

/** The wire event of each market-channel `event_type`. */
export interface MarketEventMap {
  book: BookEvent
  price_change: PriceChangeEvent
  tick_size_change: TickSizeChangeEvent
  last_trade_price: LastTradePriceEvent
  best_bid_ask: BestBidAskEvent
  new_market: NewMarketEvent
  market_resolved: MarketResolvedEvent
}
/** The wire event of each user-channel `event_type`. */
export interface UserEventMap {
  order: OrderEvent
  trade: TradeEvent
}

/** A validated event: `type` is its `event_type`, `data` the parsed object. */
export type DataEvent<M> = {
  [K in keyof M & string]: {
    readonly type: K
    readonly data: M[K]
    /** Top-level (and `price_changes[]`) fields the schema does not know, e.g. `price_changes[].foo`. */
    readonly unknownFields: readonly string[]
  }
}[keyof M & string]

/** An event whose `event_type` this version does not know (surfaced, never dropped). */
export interface UnknownEvent {
  readonly type: 'unknown'
  readonly eventType: string
  readonly data: Readonly<Record<string, unknown>>
}

/** A frame (or one event of it) that is not valid JSON or fails its schema. `raw` is the whole frame's text. */
export interface MalformedEvent {
  readonly type: 'malformed'
  readonly raw: string
  /** What is wrong: `not JSON`, `no event_type`, or the schema's message (field path, never values). */
  readonly reason: string
  /** The `event_type`, when the object had one. */
  readonly eventType: string | undefined
}

export type Parsed<M> = DataEvent<M> | UnknownEvent | MalformedEvent

type AnySchema = Parameters<typeof parseWith>[0]

const MARKET_SCHEMAS: Record<string, AnySchema> = {
  book: BookEventSchema,
  price_change: PriceChangeEventSchema,
  tick_size_change: TickSizeChangeEventSchema,
  last_trade_price: LastTradePriceEventSchema,
  best_bid_ask: BestBidAskEventSchema,
  new_market: NewMarketEventSchema,
  market_resolved: MarketResolvedEventSchema,
}
const USER_SCHEMAS: Record<string, AnySchema> = { order: OrderEventSchema, trade: TradeEventSchema }

function shapeKeys(schema: AnySchema): ReadonlySet<string> {
  const shape = (schema as unknown as { _zod?: { def?: { shape?: Record<string, unknown> } } })._zod?.def
    ?.shape
  return new Set(shape === undefined ? [] : Object.keys(shape))
}

function keysOf(schemas: Record<string, AnySchema>): Record<string, ReadonlySet<string>> {
  const out: Record<string, ReadonlySet<string>> = {}
  for (const [k, s] of Object.entries(schemas)) out[k] = shapeKeys(s)
  return out
}

let marketKeys: Record<string, ReadonlySet<string>> | undefined
let userKeys: Record<string, ReadonlySet<string>> | undefined
let priceChangeKeys: ReadonlySet<string> | undefined

function entryKeys(): ReadonlySet<string> {
  if (priceChangeKeys === undefined) {
    const element = (
      PriceChangeEventSchema as unknown as {
        _zod: { def: { shape: { price_changes: { _zod: { def: { element: AnySchema } } } } } }
      }
    )._zod.def.shape.price_changes._zod.def.element
    priceChangeKeys = shapeKeys(element)
  }
  return priceChangeKeys
}

function unknownFields(obj: Record<string, unknown>, known: ReadonlySet<string> | undefined): string[] {
  const out: string[] = []
  if (known === undefined || known.size === 0) return out
  for (const key in obj) if (!known.has(key)) out.push(key)
  if (obj.event_type === 'price_change' && Array.isArray(obj.price_changes)) {
    const ek = entryKeys()
    const seen = new Set<string>()
    for (const entry of obj.price_changes as Record<string, unknown>[]) {
      if (typeof entry !== 'object' || entry === null) continue
      for (const key in entry) {
        if (!ek.has(key) && !seen.has(key)) {
          seen.add(key)
          out.push(`price_changes[].${key}`)
        }
      }
    }
  }
  return out
}

/** The legacy one-asset `price_change` (`changes[]`) in the current shape. */
function modernize(obj: Record<string, unknown>): Record<string, unknown> {
  if (obj.event_type !== 'price_change' || obj.price_changes !== undefined || !Array.isArray(obj.changes))
    return obj
  const { changes, asset_id, hash, ...rest } = obj
  const list = changes as Record<string, unknown>[]
  return {
    ...rest,
    price_changes: list.map((c, i) => ({
      ...c,
      asset_id,
      ...(i === list.length - 1 && hash !== undefined ? { hash } : {}),
    })),
  }
}

function parseOne<M>(
  value: unknown,
  raw: string,
  schemas: Record<string, AnySchema>,
  keys: Record<string, ReadonlySet<string>>,
  channel: string,
): Parsed<M> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { type: 'malformed', raw, reason: 'expected an event object', eventType: undefined }
  }
  const obj = modernize(value as Record<string, unknown>)
  const eventType = obj.event_type
  if (typeof eventType !== 'string' || eventType === '') {
    return { type: 'malformed', raw, reason: 'no event_type', eventType: undefined }
  }
  const schema = schemas[eventType]
  if (schema === undefined) return { type: 'unknown', eventType, data: obj }
  try {
    const data = parseWith(schema, obj, `${channel} ${eventType}`)
    return {
      type: eventType,
      data,
      unknownFields: unknownFields(obj, keys[eventType]),
    } as unknown as DataEvent<M>
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'invalid event'
    return { type: 'malformed', raw, reason, eventType }
  }
}

function parseFrame<M>(
  text: string,
  schemas: Record<string, AnySchema>,
  keys: Record<string, ReadonlySet<string>>,
  channel: string,
): Parsed<M>[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return [{ type: 'malformed', raw: text, reason: 'not JSON', eventType: undefined }]
  }
  if (Array.isArray(value)) return value.map((v) => parseOne<M>(v, text, schemas, keys, channel))
  return [parseOne<M>(value, text, schemas, keys, channel)]
}

/**
 * Parses one market-channel text frame (not `PONG`) into events. Never throws.
 *
 * @example
 * ```ts
 * parseMarketFrame('{"event_type":"best_bid_ask","market":"0x…","asset_id":"1","best_bid":"0.4","best_ask":"0.6","spread":"0.2","timestamp":"1"}')
 * // [{ type: 'best_bid_ask', data: {…}, unknownFields: [] }]
 * parseMarketFrame('nope') // [{ type: 'malformed', raw: 'nope', reason: 'not JSON', eventType: undefined }]
 * ```
 */
export function parseMarketFrame(text: string): Parsed<MarketEventMap>[] {
  marketKeys ??= keysOf(MARKET_SCHEMAS)
  return parseFrame<MarketEventMap>(text, MARKET_SCHEMAS, marketKeys, 'market')
}

/**
 * Parses one user-channel text frame (not `PONG`) into events. Never throws.
 *
 * @example
 * ```ts
 * parseUserFrame('[{"event_type":"something_new"}]') // [{ type: 'unknown', eventType: 'something_new', data: {…} }]
 * ```
 */
export function parseUserFrame(text: string): Parsed<UserEventMap>[] {
  userKeys ??= keysOf(USER_SCHEMAS)
  return parseFrame<UserEventMap>(text, USER_SCHEMAS, userKeys, 'user')
}
