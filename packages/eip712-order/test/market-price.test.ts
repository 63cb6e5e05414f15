import { readFileSync } from 'node:fs'
import { isClobError, MarketPrice } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

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
const priceCases = corpus.cases.filter((c) => c.kind === 'market_price')

const book = (spec: string): MarketPrice.Level[] =>
  spec === ''
    ? []
    : spec.split(', ').map((l) => {
        const [price, size] = l.split(':') as [string, string]
        return { price, size }
      })

function errorOf(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    return e
  }
  return undefined
}

describe('MarketPrice.fromBook', () => {
  // ANCHORS.md §A.5 — side, positions (API order, best last), amount, order types, result ('no match' = error).
  const A5: readonly [side: 'BUY' | 'SELL', levels: string, amount: number, types: string, result: string][] =
    [
      ['BUY', '', 100, 'FOK/FAK', 'no match'],
      ['BUY', '0.5:100, 0.4:100', 100, 'FOK', 'no match'],
      ['BUY', '0.5:100, 0.4:100', 100, 'FAK', '0.5'],
      ['BUY', '0.6:100, 0.55:100, 0.5:100', 200, 'FAK', '0.6'],
      ['BUY', '0.5:100, 0.4:100, 0.3:100', 100, 'FOK/FAK', '0.5'],
      ['BUY', '0.5:100, 0.4:200, 0.3:100', 100, 'FOK/FAK', '0.4'],
      ['BUY', '0.5:120, 0.4:100, 0.3:100', 100, 'FOK/FAK', '0.5'],
      ['BUY', '0.5:200, 0.4:100, 0.3:100', 100, 'FOK/FAK', '0.5'],
      ['SELL', '', 100, 'FOK/FAK', 'no match'],
      ['SELL', '0.4:10, 0.5:10', 100, 'FOK', 'no match'],
      ['SELL', '0.4:10, 0.5:10', 100, 'FAK', '0.4'],
      ['SELL', '0.3:10, 0.4:10', 100, 'FAK', '0.3'],
      ['SELL', '0.3:100, 0.4:100, 0.5:100', 100, 'FOK/FAK', '0.5'],
      ['SELL', '0.3:100, 0.4:100, 0.5:100', 300, 'FOK/FAK', '0.3'],
      ['SELL', '0.3:100, 0.4:200, 0.5:100', 300, 'FOK/FAK', '0.4'],
      ['SELL', '0.3:334, 0.4:100, 0.5:1000', 600, 'FOK/FAK', '0.5'],
      ['SELL', '0.3:100, 0.4:300, 0.5:10', 100, 'FOK/FAK', '0.4'],
      ['SELL', '0.3:334, 0.4:100, 0.5:100', 300, 'FOK', '0.3'],
    ]
  it.each(A5)('§A.5 %s [%s] amount %s %s → %s', (side, levels, amount, types, result) => {
    for (const orderType of types.split('/') as ('FOK' | 'FAK')[]) {
      const run = () => MarketPrice.fromBook({ side, levels: book(levels), amount, orderType })
      if (result === 'no match') expect(errorOf(run)).toMatchObject({ code: 'NO_MATCH' })
      else expect(run()).toBe(result)
    }
  })

  it('walks from the last level and never sorts', () => {
    // Ascending asks: the walk still starts at the end (0.7), as TSv2 does.
    const asks = book('0.5:100, 0.6:100, 0.7:100')
    expect(MarketPrice.fromBook({ side: 'BUY', levels: asks, amount: 70, orderType: 'FOK' })).toBe('0.7')
    expect(MarketPrice.fromBook({ side: 'BUY', levels: asks, amount: 71, orderType: 'FOK' })).toBe('0.6')
  })

  it('matches with >= and returns the price as TSv2 reads it (parseFloat)', () => {
    expect(
      MarketPrice.fromBook({ side: 'SELL', levels: book('0.9000:10'), amount: 10, orderType: 'FOK' }),
    ).toBe('0.9')
    expect(MarketPrice.fromBook({ side: 'SELL', levels: book('0.25:0'), amount: 0, orderType: 'FOK' })).toBe(
      '0.25',
    )
    expect(MarketPrice.fromBook({ side: 'BUY', levels: book('0.5:10'), amount: '5', orderType: 'FOK' })).toBe(
      '0.5',
    )
  })

  it('sums in doubles as TSv2 does (0.1 + 0.2 > 0.3)', () => {
    // Exact sum 0.3 < 0.30000000000000004 would not match; TSv2's double sum does.
    const bids = book('0.2:100, 0.3:0.2, 0.4:0.1')
    expect(
      MarketPrice.fromBook({ side: 'SELL', levels: bids, amount: 0.30000000000000004, orderType: 'FOK' }),
    ).toBe('0.3')
  })

  it('defaults to FOK and treats a missing side of the book as no match', () => {
    expect(
      errorOf(() => MarketPrice.fromBook({ side: 'BUY', levels: book('0.5:1'), amount: 100 })),
    ).toMatchObject({
      code: 'NO_MATCH',
    })
    expect(errorOf(() => MarketPrice.fromBook({ side: 'BUY', levels: undefined, amount: 1 }))).toMatchObject({
      code: 'NO_MATCH',
    })
  })

  it('rejects bad input with typed errors', () => {
    const levels = book('0.5:100')
    const cases: [() => unknown, string, string][] = [
      [() => MarketPrice.fromBook({ side: 'buy' as 'BUY', levels, amount: 1 }), 'INVALID_SIDE', 'side'],
      [
        () => MarketPrice.fromBook({ side: 'BUY', levels, amount: 1, orderType: 'GTC' as 'FOK' }),
        'INVALID_ORDER_TYPE',
        'orderType',
      ],
      [() => MarketPrice.fromBook({ side: 'BUY', levels, amount: Number.NaN }), 'INVALID_AMOUNT', 'amount'],
      [() => MarketPrice.fromBook({ side: 'BUY', levels, amount: -1 }), 'INVALID_AMOUNT', 'amount'],
      [() => MarketPrice.fromBook({ side: 'BUY', levels, amount: '1e3' }), 'INVALID_AMOUNT', 'amount'],
      [
        () => MarketPrice.fromBook({ side: 'BUY', levels: [{ price: 'x', size: '1' }], amount: 1 }),
        'INVALID_PRICE',
        'levels[0].price',
      ],
      [
        () => MarketPrice.fromBook({ side: 'SELL', levels: [{ price: '0.5', size: ' 1' }], amount: 1 }),
        'INVALID_AMOUNT',
        'levels[0].size',
      ],
      [
        () =>
          MarketPrice.fromBook({ side: 'SELL', levels: [null as unknown as MarketPrice.Level], amount: 1 }),
        'INVALID_AMOUNT',
        'levels[0]',
      ],
      [
        () => MarketPrice.fromBook({ side: 'SELL', levels: {} as MarketPrice.Level[], amount: 1 }),
        'INVALID_AMOUNT',
        'levels',
      ],
    ]
    for (const [fn, code, param] of cases) {
      const e = errorOf(fn)
      expect(isClobError(e), String(e)).toBe(true)
      expect(e).toMatchObject({ code, param })
    }
  })
})

describe('MarketPrice.fromBook on the corpus (market_price)', () => {
  it.each(priceCases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const { side, positions, amountToMatch, orderType } = c.input
    const run = () => MarketPrice.fromBook({ side, levels: positions, amount: amountToMatch, orderType })
    if (c.expected.error !== undefined) {
      expect(errorOf(run)).toMatchObject({ code: 'NO_MATCH' })
    } else {
      expect(Number(run())).toBe(c.expected.price)
    }
  })
  it('covers the public cases', () => {
    if (process.env.CLOB_VECTORS === undefined) expect(priceCases.length).toBe(40)
    else expect(priceCases.length).toBeGreaterThan(0)
  })
})
