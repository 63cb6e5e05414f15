import { readFileSync } from 'node:fs'
import {
  CancelMarketOrdersRequestSchema,
  CancelOrderRequestSchema,
  CancelOrdersRequestSchema,
  DeleteReadonlyApiKeyRequestSchema,
  FeeRateResponseSchema,
  HeartbeatRequestSchema,
  MarketByTokenSchema,
  MarketDetailsSchema,
  NegRiskResponseSchema,
  NewOrderSchema,
  NewOrdersSchema,
  NewOrderV1Schema,
  NewOrderV2Schema,
  OrderBookSummarySchema,
  OrderSummarySchema,
  OrdersScoringRequestSchema,
  OrderV1WireSchema,
  OrderV2WireSchema,
  parse,
  TickSizeResponseSchema,
} from '@clobkit/clob-types'
import { describe, expect, it } from 'vitest'
import type { ZodMiniType } from 'zod/mini'
import { catchError } from './helpers.js'

type Json = Record<string, unknown>
type Case = { id: string; kind: string; input: Json; expected: Json }

const corpusPath =
  process.env.CLOB_VECTORS ?? new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(corpusPath, 'utf8')) as { cases: Case[] }
const ofKind = (kind: string) => corpus.cases.filter((c) => c.kind === kind)

/** The signed order as the client posts it: `salt` becomes a JSON number (§5.4). */
const toWire = (order: Json) => ({ ...order, salt: Number(order.salt) })

describe('corpus: POST /order and /orders bodies (post_payload)', () => {
  const cases = ofKind('post_payload')
  const ok = cases.filter((c) => !('error' in c.expected))
  const rejected = cases.filter((c) => 'error' in c.expected)

  it(`parses all ${ok.length} exact request bodies`, () => {
    expect(ok.length).toBeGreaterThan(0)
    for (const c of ok) {
      const body = JSON.parse((c.expected.request as { body: string }).body)
      if (c.input.endpoint === '/orders') {
        expect(parse(NewOrdersSchema, body, c.id)).toHaveLength((c.input.args as unknown[]).length)
      } else {
        parse(NewOrderSchema, body, c.id)
        const [own, other] =
          c.input.orderVersion === 1
            ? [NewOrderV1Schema, NewOrderV2Schema]
            : [NewOrderV2Schema, NewOrderV1Schema]
        parse(own, body, c.id)
        expect(() => parse(other, body, c.id)).toThrow()
      }
    }
  })

  it(`rejects the ${rejected.length} postOnly + FOK/FAK requests at postOnly`, () => {
    expect(rejected.length).toBeGreaterThan(0)
    for (const c of rejected) {
      expect(c.expected.error).toBe('postOnly is not supported for FOK/FAK orders')
      const owner = (c.input.creds as { key: string }).key
      const one = (order: Json, orderType: unknown) => ({
        order: toWire(order),
        owner,
        orderType: orderType ?? 'GTC',
        postOnly: c.input.postOnly,
        deferExec: c.input.deferExec ?? false,
      })
      if (c.input.endpoint === '/orders') {
        const args = c.input.args as { order: Json; orderType: string }[]
        const body = args.map((a) => one(a.order, a.orderType))
        const first = args.findIndex((a) => a.orderType === 'FOK' || a.orderType === 'FAK')
        expect(catchError(() => parse(NewOrdersSchema, body, c.id)).path).toBe(`[${first}].postOnly`)
      } else {
        const body = one(c.input.order as Json, c.input.orderType)
        expect(catchError(() => parse(NewOrderSchema, body, c.id)).path).toBe('postOnly')
      }
    }
  })
})

describe('corpus: signed orders in wire form (order_limit, order_market, order_v3_amounts)', () => {
  const signed = corpus.cases.filter((c) => 'signedOrder' in c.expected)

  it(`parses all ${signed.length} signed orders with the schema of their version`, () => {
    expect(signed.length).toBeGreaterThan(100)
    let v1 = 0
    for (const c of signed) {
      const wire = toWire(c.expected.signedOrder as Json)
      const isV2 = 'timestamp' in wire
      parse(isV2 ? OrderV2WireSchema : OrderV1WireSchema, wire, c.id)
      expect(() => parse(isV2 ? OrderV1WireSchema : OrderV2WireSchema, wire, c.id)).toThrow()
      if (!isV2) v1++
    }
    expect(v1).toBeGreaterThan(0)
    expect(v1).toBeLessThan(signed.length)
  })
})

describe('corpus: stubbed server responses (vectors/README.md "Mock server")', () => {
  const withMarket = corpus.cases.filter((c) => typeof (c.input as { market?: unknown }).market === 'object')

  it(`parses the /tick-size, /neg-risk, /fee-rate, /markets-by-token, /clob-markets and /book stubs of ${withMarket.length} cases`, () => {
    expect(withMarket.length).toBeGreaterThan(100)
    let books = 0
    for (const c of withMarket) {
      const m = c.input.market as Json & { book?: Json; feeInfo?: { rate: number; exponent: number } }
      const responses: [ZodMiniType, unknown][] = [
        [TickSizeResponseSchema, { minimum_tick_size: Number(m.minTickSize) }],
        [NegRiskResponseSchema, { neg_risk: m.negRisk }],
        [FeeRateResponseSchema, { base_fee: m.feeRateBps ?? 0 }],
        [MarketByTokenSchema, { condition_id: m.conditionId }],
        [
          MarketDetailsSchema,
          {
            t: [{ t: m.tokenID, o: 'Yes' }, null],
            mts: Number(m.minTickSize),
            nr: m.negRisk,
            ...(m.feeInfo ? { fd: { r: m.feeInfo.rate, e: m.feeInfo.exponent } } : {}),
          },
        ],
      ]
      if (m.book) {
        books++
        responses.push([OrderBookSummarySchema, { market: m.conditionId, asset_id: m.tokenID, ...m.book }])
      }
      for (const [schema, value] of responses) parse(schema, value, c.id)
    }
    expect(books).toBeGreaterThan(0)
  })

  it('parses every market_price book level', () => {
    const cases = ofKind('market_price')
    expect(cases.length).toBeGreaterThan(0)
    for (const c of cases) {
      for (const level of c.input.positions as unknown[]) parse(OrderSummarySchema, level, c.id)
    }
  })
})

describe('corpus: authenticated request bodies (client_request)', () => {
  const bodySchema: Record<string, ZodMiniType> = {
    cancelOrder: CancelOrderRequestSchema,
    cancelOrders: CancelOrdersRequestSchema,
    cancelMarketOrders: CancelMarketOrdersRequestSchema,
    postHeartbeat: HeartbeatRequestSchema,
    areOrdersScoring: OrdersScoringRequestSchema,
    deleteReadonlyApiKey: DeleteReadonlyApiKeyRequestSchema,
  }

  it('parses every body the official client sent', () => {
    let parsed = 0
    for (const c of ofKind('client_request')) {
      const schema = bodySchema[c.input.method as string]
      for (const request of c.expected.requests as { body?: string }[]) {
        if (request.body === undefined) continue
        expect(schema, `${c.id} ${String(c.input.method)}`).toBeDefined()
        parse(schema as ZodMiniType, JSON.parse(request.body), c.id)
        parsed++
      }
    }
    expect(parsed).toBeGreaterThanOrEqual(Object.keys(bodySchema).length)
  })
})
