import { readFileSync } from 'node:fs'
import { Amounts, isClobError, MarketPrice, type TickSize } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

// The amounts of every order_limit / order_market case of the corpus (shared/vectors/README.md),
// computed from `input` alone and compared with what the official client signed.

interface Case {
  readonly id: string
  readonly kind: string
  // biome-ignore lint/suspicious/noExplicitAny: corpus inputs are heterogeneous JSON
  readonly input: any
  // biome-ignore lint/suspicious/noExplicitAny: corpus expectations are heterogeneous JSON
  readonly expected: any
}

const path =
  process.env.CLOB_VECTORS ?? new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }
const isPublic = process.env.CLOB_VECTORS === undefined
const orderCases = corpus.cases.filter((c) => c.kind === 'order_limit' || c.kind === 'order_market')

const DECIMALS: Record<string, number> = {
  '0.1': 1,
  '0.01': 2,
  '0.005': 3,
  '0.0025': 4,
  '0.001': 3,
  '0.0001': 4,
}

// TSv2's market price rounding (roundDown on the double), to predict D2 from the official inputs alone.
function officialRoundDown(x: number, d: number): number {
  const frac = String(x).split('.')[1]
  return frac === undefined || frac.length <= d ? x : Math.floor(x * 10 ** d) / 10 ** d
}

function offTick(price: number, tick: string): boolean {
  if (tick !== '0.005' && tick !== '0.0025') return false
  return Math.round(price * 1e4) % Math.round(Number(tick) * 1e4) !== 0
}

function compute(c: Case, arithmetic: Amounts.Arithmetic): Amounts.OrderAmounts {
  const { input, expected } = c
  const order = input.userOrder ?? input.userMarketOrder
  const feeInfo = input.market.feeInfo ?? { r: 0, e: 0 }
  const code = order.builderCode
  const takerBps = (code !== undefined && input.market.builderFees?.[code]?.takerBps) || 0
  const common = {
    side: order.side,
    tickSize: input.options.tickSize as TickSize,
    userUSDCBalance: order.userUSDCBalance,
    feeRate: feeInfo.r,
    feeExponent: feeInfo.e,
    builderTakerRate: takerBps / 10000,
    feeSlippage: input.client.feeSlippage ?? 0,
    arithmetic,
  }
  if (c.kind === 'order_limit') {
    return Amounts.limitWithFees({
      ...common,
      price: order.price,
      size: order.size,
      applyFeeAdjustment: input.version !== 1,
    })
  }
  let price = order.price
  if (price === undefined) {
    // The client priced the order from the book; ours must agree before it is used.
    const book = input.market.book ?? {}
    price = MarketPrice.fromBook({
      side: order.side,
      levels: order.side === 'BUY' ? book.asks : book.bids,
      amount: order.amount,
      orderType: order.orderType ?? 'FOK',
    })
    expect(Number(price), `${c.id} market price`).toBe(expected.marketPrice)
  }
  return Amounts.marketWithFees({ ...common, price, amount: order.amount })
}

// Errors that belong to the order builder (market tick minimum, V1 fee-rate check), not to the amount math.
const BUILDER_ERRORS = /^invalid tick size|^invalid user provided fee rate/

describe.each(['exact', 'tsv2'] as const)('corpus order amounts (arithmetic %s)', (arithmetic) => {
  it('matches every signed order, with exactly the D1/D2 deviations', () => {
    const stats = { matched: 0, errors: 0, skippedBuilderErrors: 0, d1: 0, d2: 0 }
    const mismatches: string[] = []
    for (const c of orderCases) {
      const { expected } = c
      if (expected.error !== undefined) {
        if (BUILDER_ERRORS.test(expected.error)) {
          stats.skippedBuilderErrors++
          continue
        }
        let err: unknown
        try {
          compute(c, arithmetic)
        } catch (e) {
          err = e
        }
        const wanted =
          expected.error === 'no match'
            ? 'NO_MATCH'
            : /^invalid price/.test(expected.error)
              ? 'INVALID_PRICE'
              : undefined
        if (isClobError(err) && (wanted === undefined || err.code === wanted)) stats.errors++
        else
          mismatches.push(`${c.id}: expected an error (${expected.error}), got ${String(err ?? 'a result')}`)
        continue
      }
      const tick = c.input.options.tickSize as string
      const officialPrice =
        c.kind === 'order_limit'
          ? (expected.builderCall.userOrder.price as number)
          : officialRoundDown(expected.builderCall.userOrder.price ?? 1, DECIMALS[tick] as number)
      const so = expected.signedOrder
      const predicted = offTick(officialPrice, tick)
        ? 'PRICE_NOT_ON_TICK'
        : so.makerAmount === '0' || so.takerAmount === '0'
          ? 'ZERO_AMOUNT'
          : undefined
      let result: Amounts.OrderAmounts | undefined
      let err: unknown
      try {
        result = compute(c, arithmetic)
      } catch (e) {
        err = e
      }
      if (predicted !== undefined) {
        if (isClobError(err) && err.code === predicted) {
          if (predicted === 'ZERO_AMOUNT') stats.d1++
          else stats.d2++
        } else mismatches.push(`${c.id}: expected deviation ${predicted}, got ${String(err ?? 'a result')}`)
        continue
      }
      if (result === undefined) {
        mismatches.push(`${c.id}: threw ${String(err)}`)
        continue
      }
      const ok =
        result.makerAmount === BigInt(so.makerAmount) &&
        result.takerAmount === BigInt(so.takerAmount) &&
        Number(result.rawMakerAmount) === expected.rawAmounts.rawMakerAmt &&
        Number(result.rawTakerAmount) === expected.rawAmounts.rawTakerAmt
      if (ok) stats.matched++
      else
        mismatches.push(
          `${c.id}: ${result.makerAmount}/${result.takerAmount} ≠ ${so.makerAmount}/${so.takerAmount} (raw ${result.rawMakerAmount}/${result.rawTakerAmount})`,
        )
    }
    expect(mismatches).toEqual([])
    expect(stats.matched + stats.errors + stats.skippedBuilderErrors + stats.d1 + stats.d2).toBe(
      orderCases.length,
    )
    if (isPublic) {
      // Public corpus, 140 order cases: 12 invalid prices, 2 "no match", 1 parseUnits error (size 1e-7,
      // which also has an off-tick price); 4 tick-minimum and 3 V1 fee-rate errors are the builder's.
      // 0070 is both D1 and D2 and counts as D2 (the price is checked first).
      expect(stats).toEqual({ matched: 101, errors: 15, skippedBuilderErrors: 7, d1: 0, d2: 17 })
    }
  })
})

describe('corpus D1 predictions', () => {
  it('the case with "0" official amounts is a deviation we reject', () => {
    const zero = orderCases.filter(
      (c) => c.expected.signedOrder?.makerAmount === '0' || c.expected.signedOrder?.takerAmount === '0',
    )
    if (isPublic) expect(zero.map((c) => c.id)).toEqual(['s1-order_limit-0070'])
    for (const c of zero) expect(() => compute(c, 'exact')).toThrow()
  })
})
