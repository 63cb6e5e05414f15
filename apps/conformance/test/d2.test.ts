import { describe, expect, it } from 'vitest'
import { type Case, loadCorpus } from '../src/corpus.js'
import { officialSignedPrice, orders } from '../src/kinds/orders.js'

const corpus = loadCorpus()
const base = corpus.cases.find((c) => c.id === 's1-order_market-0009') as Case

/** The public SELL market case at 0.9975 (tick 0.0025), its price replaced. */
function marketSellAt(price: number): Case {
  const c = structuredClone(base)
  c.input.userMarketOrder.price = price
  c.expected.builderCall.userOrder.price = price
  return c
}

describe('D2: judged by the price the official client signed', () => {
  it('has the public case it starts from', () => {
    expect(base.input.options.tickSize).toBe('0.0025')
    expect(base.input.userMarketOrder).toMatchObject({ side: 'SELL', price: 0.9975 })
  })

  it('a SELL market order at 0.99749990 is signed at 0.9974 (rounded down): an allowed D2 rejection', async () => {
    const c = marketSellAt(0.9974999)
    expect(officialSignedPrice(c)).toBe(0.9974)
    expect(await orders(c)).toMatchObject({
      outcome: 'rejected-by-rule',
      rule: 'D2',
      detail: /PRICE_NOT_ON_TICK/,
    })
  })

  it('rounds limit prices half up and market prices down, to the tick’s price decimals', () => {
    const limit = structuredClone(corpus.cases.find((c) => c.kind === 'order_limit') as Case)
    limit.input.options = { ...limit.input.options, tickSize: '0.0025' }
    limit.input.userOrder.price = 0.9974999
    delete limit.expected.builderCall
    expect(officialSignedPrice(limit)).toBe(0.9975)
    limit.input.options.tickSize = '0.005'
    limit.input.userOrder.price = 0.4275
    expect(officialSignedPrice(limit)).toBe(0.428)
    expect(officialSignedPrice(marketSellAt(0.4275))).toBe(0.4275)
    expect(
      officialSignedPrice({
        ...marketSellAt(0.9975),
        input: { ...base.input, options: { tickSize: '0.01' } },
      }),
    ).toBe(undefined)
  })

  it('an on-tick signed price is not excused: the unchanged public case passes outright', async () => {
    expect(officialSignedPrice(base)).toBe(0.9975)
    expect(await orders(base)).toEqual({ outcome: 'pass' })
  })
})
