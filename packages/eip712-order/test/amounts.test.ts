import { Amounts, Decimal, type TickSize } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { caught, expectInvalid } from './invalid.js'

type Row = readonly ['BUY' | 'SELL', TickSize, number, number, string, string]

// ANCHORS.md §A.1 — side, tick, price, size (limit) or amount (market), makerAmount, takerAmount.
const LIMIT: readonly Row[] = [
  ['BUY', '0.1', 0.3, 2435.89, '730767000', '2435890000'],
  ['BUY', '0.1', 0.5, 21.04, '10520000', '21040000'],
  ['BUY', '0.1', 0.5, 100, '50000000', '100000000'],
  ['BUY', '0.1', 0.7, 12.8205, '8974000', '12820000'],
  ['BUY', '0.1', 0.7, 170, '119000000', '170000000'],
  ['BUY', '0.1', 0.8, 101, '80800000', '101000000'],
  ['BUY', '0.01', 0.05, 100, '5000000', '100000000'],
  ['BUY', '0.01', 0.39, 2435.89, '949997100', '2435890000'],
  ['BUY', '0.01', 0.5, 21.04, '10520000', '21040000'],
  ['BUY', '0.01', 0.56, 21.04, '11782400', '21040000'],
  ['BUY', '0.01', 0.7, 170, '119000000', '170000000'],
  ['BUY', '0.01', 0.78, 12.8205, '9999600', '12820000'],
  ['BUY', '0.01', 0.82, 20.0, '16400000', '20000000'],
  ['BUY', '0.01', 0.82, 101, '82820000', '101000000'],
  ['BUY', '0.001', 0.005, 100, '500000', '100000000'],
  ['BUY', '0.001', 0.007, 170, '1190000', '170000000'],
  ['BUY', '0.001', 0.039, 2435.89, '94999710', '2435890000'],
  ['BUY', '0.001', 0.056, 21.04, '1178240', '21040000'],
  ['BUY', '0.001', 0.078, 12.8205, '999960', '12820000'],
  ['BUY', '0.001', 0.082, 101, '8282000', '101000000'],
  ['BUY', '0.0001', 0.0005, 100, '50000', '100000000'],
  ['BUY', '0.0001', 0.0007, 170, '119000', '170000000'],
  ['BUY', '0.0001', 0.0039, 2435.89, '9499971', '2435890000'],
  ['BUY', '0.0001', 0.0056, 21.04, '117824', '21040000'],
  ['BUY', '0.0001', 0.0078, 12.8205, '99996', '12820000'],
  ['BUY', '0.0001', 0.0082, 101, '828200', '101000000'],
  ['SELL', '0.1', 0.3, 2435.89, '2435890000', '730767000'],
  ['SELL', '0.1', 0.5, 21.04, '21040000', '10520000'],
  ['SELL', '0.1', 0.5, 100, '100000000', '50000000'],
  ['SELL', '0.1', 0.7, 12.8205, '12820000', '8974000'],
  ['SELL', '0.1', 0.7, 170, '170000000', '119000000'],
  ['SELL', '0.1', 0.8, 101, '101000000', '80800000'],
  ['SELL', '0.01', 0.05, 100, '100000000', '5000000'],
  ['SELL', '0.01', 0.39, 2435.89, '2435890000', '949997100'],
  ['SELL', '0.01', 0.56, 21.04, '21040000', '11782400'],
  ['SELL', '0.01', 0.7, 170, '170000000', '119000000'],
  ['SELL', '0.01', 0.78, 12.8205, '12820000', '9999600'],
  ['SELL', '0.01', 0.82, 101, '101000000', '82820000'],
  ['SELL', '0.001', 0.005, 100, '100000000', '500000'],
  ['SELL', '0.001', 0.007, 170, '170000000', '1190000'],
  ['SELL', '0.001', 0.039, 2435.89, '2435890000', '94999710'],
  ['SELL', '0.001', 0.056, 21.04, '21040000', '1178240'],
  ['SELL', '0.001', 0.078, 12.8205, '12820000', '999960'],
  ['SELL', '0.001', 0.082, 101, '101000000', '8282000'],
  ['SELL', '0.0001', 0.0005, 100, '100000000', '50000'],
  ['SELL', '0.0001', 0.0007, 170, '170000000', '119000'],
  ['SELL', '0.0001', 0.0039, 2435.89, '2435890000', '9499971'],
  ['SELL', '0.0001', 0.0056, 21.04, '21040000', '117824'],
  ['SELL', '0.0001', 0.0078, 12.8205, '12820000', '99996'],
  ['SELL', '0.0001', 0.0082, 101, '101000000', '828200'],
]
const MARKET: readonly Row[] = [
  ['BUY', '0.1', 0.3, 949.9971, '949990000', '3166633000'],
  ['BUY', '0.1', 0.5, 1, '1000000', '2000000'],
  ['BUY', '0.1', 0.5, 100, '100000000', '200000000'],
  ['BUY', '0.1', 0.7, 9.9996, '9990000', '14271000'],
  ['BUY', '0.1', 0.7, 119, '119000000', '170000000'],
  ['BUY', '0.1', 0.8, 82.8, '82800000', '103500000'],
  ['BUY', '0.01', 0.05, 100, '100000000', '2000000000'],
  ['BUY', '0.01', 0.07, 119, '119000000', '1700000000'],
  ['BUY', '0.01', 0.39, 949.9971, '949990000', '2435871700'],
  ['BUY', '0.01', 0.5, 1, '1000000', '2000000'],
  ['BUY', '0.01', 0.56, 1, '1000000', '1785700'],
  ['BUY', '0.01', 0.56, 100, '100000000', '178571400'],
  ['BUY', '0.01', 0.57, 1, '1000000', '1754300'],
  ['BUY', '0.01', 0.78, 9.9996, '9990000', '12807600'],
  ['BUY', '0.01', 0.82, 82.82, '82820000', '101000000'],
  ['BUY', '0.001', 0.005, 100, '100000000', '20000000000'],
  ['BUY', '0.001', 0.007, 119, '119000000', '17000000000'],
  ['BUY', '0.001', 0.039, 949.9971, '949990000', '24358717940'],
  ['BUY', '0.001', 0.056, 1, '1000000', '17857140'],
  ['BUY', '0.001', 0.056, 100, '100000000', '1785714280'],
  ['BUY', '0.001', 0.057, 1, '1000000', '17543850'],
  ['BUY', '0.001', 0.078, 9.9996, '9990000', '128076920'],
  ['BUY', '0.001', 0.082, 82.82, '82820000', '1010000000'],
  ['BUY', '0.0001', 0.0005, 100, '100000000', '200000000000'],
  ['BUY', '0.0001', 0.0007, 119, '119000000', '170000000000'],
  ['BUY', '0.0001', 0.0039, 949.9971, '949990000', '243587179487'],
  ['BUY', '0.0001', 0.0056, 1, '1000000', '178571428'],
  ['BUY', '0.0001', 0.0056, 100, '100000000', '17857142857'],
  ['BUY', '0.0001', 0.0057, 1, '1000000', '175438596'],
  ['BUY', '0.0001', 0.0078, 9.9996, '9990000', '1280769230'],
  ['BUY', '0.0001', 0.0082, 82.82, '82820000', '10100000000'],
  ['SELL', '0.1', 0.5, 100, '100000000', '50000000'],
  ['SELL', '0.01', 0.05, 100, '100000000', '5000000'],
  ['SELL', '0.01', 0.56, 100, '100000000', '56000000'],
  ['SELL', '0.001', 0.005, 100, '100000000', '500000'],
  ['SELL', '0.001', 0.056, 100, '100000000', '5600000'],
  ['SELL', '0.0001', 0.0005, 100, '100000000', '50000'],
  ['SELL', '0.0001', 0.0056, 100, '100000000', '560000'],
]
// ANCHORS.md §A.1, extra limit vectors from py2 test_builder.py.
const PY2_LIMIT: readonly Row[] = [
  ['BUY', '0.1', 0.5, 100, '50000000', '100000000'],
  ['SELL', '0.1', 0.5, 100, '100000000', '50000000'],
  ['BUY', '0.01', 0.56, 21.04, '11782400', '21040000'],
  ['SELL', '0.01', 0.56, 21.04, '21040000', '11782400'],
  ['BUY', '0.001', 0.056, 21.04, '1178240', '21040000'],
  ['SELL', '0.001', 0.056, 21.04, '21040000', '1178240'],
  ['BUY', '0.0001', 0.0056, 21.04, '117824', '21040000'],
  ['SELL', '0.0001', 0.0056, 21.04, '21040000', '117824'],
  ['BUY', '0.01', 0.82, 20.0, '16400000', '20000000'],
]

describe('Amounts.roundingConfig', () => {
  it.each([
    ['0.1', 1, 3],
    ['0.01', 2, 4],
    ['0.005', 3, 5],
    ['0.0025', 4, 6],
    ['0.001', 3, 5],
    ['0.0001', 4, 6],
  ] as const)('%s → price %i, size 2, amount %i', (tick, price, amount) => {
    expect(Amounts.roundingConfig(tick)).toEqual({ price, size: 2, amount })
  })
  it.each(['0.02', '0.10', '1', '', 'abc'])('rejects the unknown tick %j', (tick) => {
    expectInvalid(() => Amounts.roundingConfig(tick as TickSize), 'INVALID_TICK_SIZE', 'tickSize')
  })
  it('isTickSize recognises exactly the six ticks', () => {
    expect(['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'].every(Amounts.isTickSize)).toBe(true)
    expect(Amounts.isTickSize('0.05')).toBe(false)
    expect(Amounts.isTickSize(0.1)).toBe(false)
    expect(Amounts.isTickSize('toString')).toBe(false)
  })
})

describe('Amounts.isPriceValid', () => {
  // ANCHORS.md §A.4 priceValid
  const table: Record<string, { ok: number[]; bad: number[] }> = {
    '0.0001': { ok: [0.0001, 0.001, 0.01, 0.1, 0.9, 0.99, 0.999, 0.9999], bad: [0.00001, 0.99999] },
    '0.001': { ok: [0.001, 0.01, 0.1, 0.9, 0.99, 0.999], bad: [0.00001, 0.0001, 0.9999, 0.99999] },
    '0.01': { ok: [0.01, 0.1, 0.9, 0.99], bad: [0.00001, 0.0001, 0.001, 0.999, 0.9999, 0.99999] },
    '0.1': {
      ok: [0.1, 0.9, 0.5],
      bad: [0.00001, 0.0001, 0.001, 0.01, 0.99, 0.999, 0.9999, 0.99999, 0.0, 1.0],
    },
  }
  for (const [tick, { ok, bad }] of Object.entries(table)) {
    it(`§A.4 tick ${tick}`, () => {
      for (const p of ok) expect(Amounts.isPriceValid(p, tick as TickSize), `${p}`).toBe(true)
      for (const p of bad) expect(Amounts.isPriceValid(p, tick as TickSize), `${p}`).toBe(false)
    })
  }
  it('uses the unrounded price and the float 1 − tick equals the decimal one', () => {
    expect(Amounts.isPriceValid(0.9975, '0.0025')).toBe(true)
    expect(Amounts.isPriceValid(1 - 0.0025, '0.0025')).toBe(true)
    expect(Amounts.isPriceValid(0.99751, '0.0025')).toBe(false)
    expect(Amounts.isPriceValid(0.0049, '0.005')).toBe(false)
    expect(Amounts.isPriceValid('0.0050000000000000001', '0.005')).toBe(true)
    expect(Amounts.isPriceValid('abc', '0.01')).toBe(false)
    expect(Amounts.isPriceValid(Number.NaN, '0.01')).toBe(false)
    expect(Amounts.isPriceValid(Decimal.parse('0.5', 'price'), '0.01')).toBe(true)
    expect(Amounts.isPriceValid(Decimal.from(1n, 0), '0.01')).toBe(false)
    expect(Amounts.isPriceValid(null as unknown as string, '0.01')).toBe(false)
    expect(Amounts.isPriceValid({ int: 1, scale: 1 } as unknown as Decimal.Decimal, '0.01')).toBe(false)
  })
})

describe('Amounts.isTickSizeSmaller / assertTickSize', () => {
  // ANCHORS.md §A.4 isTickSizeSmaller(a, b)
  const smaller = [
    ['0.01', '0.1'],
    ['0.001', '0.1'],
    ['0.001', '0.01'],
    ['0.0001', '0.1'],
    ['0.0001', '0.01'],
    ['0.0001', '0.001'],
  ] as const
  const notSmaller = [
    ['0.1', '0.1'],
    ['0.1', '0.01'],
    ['0.1', '0.001'],
    ['0.1', '0.0001'],
    ['0.01', '0.01'],
    ['0.01', '0.001'],
    ['0.01', '0.0001'],
    ['0.001', '0.001'],
    ['0.001', '0.0001'],
    ['0.0001', '0.0001'],
  ] as const
  it.each(smaller)('§A.4 %s is smaller than %s, so assertTickSize throws', (a, b) => {
    expect(Amounts.isTickSizeSmaller(a, b)).toBe(true)
    expectInvalid(() => Amounts.assertTickSize(a, b), 'INVALID_TICK_SIZE', 'tickSize')
  })
  it.each(notSmaller)('§A.4 %s is not smaller than %s, so assertTickSize passes', (a, b) => {
    expect(Amounts.isTickSizeSmaller(a, b)).toBe(false)
    expect(Amounts.assertTickSize(a, b)).toBe(a)
  })
  it('handles the TSv2-only ticks and a numeric market minimum', () => {
    expect(Amounts.assertTickSize('0.0025', 0.001)).toBe('0.0025')
    expect(Amounts.assertTickSize('0.005', '0.0025')).toBe('0.005')
    const e = caught(() => Amounts.assertTickSize('0.005', '0.01'))
    expect(e).toMatchObject({ code: 'INVALID_TICK_SIZE', param: 'tickSize' })
    expect(String((e as Error).message)).toContain(
      'invalid tick size (0.005), minimum for the market is 0.01',
    )
  })
  it('rejects unknown ticks and a non-decimal minimum', () => {
    expectInvalid(() => Amounts.assertTickSize('0.02', '0.01'), 'INVALID_TICK_SIZE', 'tickSize')
    expectInvalid(() => Amounts.assertTickSize('0.01', 'x'), 'INVALID_TICK_SIZE', 'marketMinimum')
  })
})

describe('Amounts.limit', () => {
  it.each([...LIMIT, ...PY2_LIMIT])(
    '§A.1 %s tick %s @ %s × %s → %s / %s',
    (side, tickSize, price, size, maker, taker) => {
      for (const arithmetic of ['exact', 'tsv2'] as const) {
        const r = Amounts.limit({ side, price, size, tickSize, arithmetic })
        expect([r.makerAmount, r.takerAmount]).toEqual([BigInt(maker), BigInt(taker)])
      }
      const s = Amounts.limit({ side, price: String(price), size: String(size), tickSize })
      expect([s.makerAmount, s.takerAmount]).toEqual([BigInt(maker), BigInt(taker)])
    },
  )

  it('returns the rounded price and the raw amounts', () => {
    expect(Amounts.limit({ side: 'BUY', price: 0.56, size: 21.04, tickSize: '0.01' })).toEqual({
      price: '0.56',
      makerAmount: 11782400n,
      takerAmount: 21040000n,
      rawMakerAmount: '11.7824',
      rawTakerAmount: '21.04',
    })
  })

  it('rounds the price half up (roundNormal) after validating it unrounded', () => {
    const r = Amounts.limit({ side: 'BUY', price: 0.505, size: 100, tickSize: '0.01' })
    expect(r.price).toBe('0.51')
    expect(Amounts.limit({ side: 'SELL', price: 0.125, size: 10, tickSize: '0.01' }).price).toBe('0.13')
    expect(Amounts.limit({ side: 'SELL', price: 0.12499, size: 10, tickSize: '0.01' }).price).toBe('0.12')
    // 0.9949999 is below 1 − tick unrounded and rounds to the maximum.
    expect(Amounts.limit({ side: 'BUY', price: 0.9949999, size: 10, tickSize: '0.005' }).price).toBe('0.995')
  })

  it('truncates the size to cents', () => {
    const r = Amounts.limit({ side: 'BUY', price: 0.78, size: 12.8205, tickSize: '0.01' })
    expect(r.rawTakerAmount).toBe('12.82')
    expect(r.rawMakerAmount).toBe('9.9996')
  })

  it('D1: a size below one cent throws ZERO_AMOUNT (TSv2 would sign "0" amounts)', () => {
    expectInvalid(
      () => Amounts.limit({ side: 'BUY', price: 0.5, size: 0.009, tickSize: '0.01' }),
      'ZERO_AMOUNT',
      'size',
    )
    expectInvalid(
      () => Amounts.limit({ side: 'SELL', price: 0.5, size: 1e-7, tickSize: '0.01' }),
      'ZERO_AMOUNT',
      'size',
    )
    expectInvalid(
      () => Amounts.limit({ side: 'SELL', price: 0.5, size: 0, tickSize: '0.1' }),
      'ZERO_AMOUNT',
      'size',
    )
  })

  it('D2: a rounded price off the 0.005 / 0.0025 grid throws PRICE_NOT_ON_TICK', () => {
    expectInvalid(
      () => Amounts.limit({ side: 'BUY', price: 0.4475, size: 10, tickSize: '0.005' }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expectInvalid(
      () => Amounts.limit({ side: 'SELL', price: 0.7997, size: 10, tickSize: '0.0025' }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expect(Amounts.limit({ side: 'BUY', price: 0.4475, size: 10, tickSize: '0.0025' }).price).toBe('0.4475')
    expect(Amounts.limit({ side: 'BUY', price: 0.725, size: 10, tickSize: '0.005' }).price).toBe('0.725')
  })

  it('throws INVALID_AMOUNT where TSv2 would print an amount in exponent form (≥ 1e21)', () => {
    expectInvalid(
      () => Amounts.limit({ side: 'SELL', price: 0.5, size: 1e21, tickSize: '0.1' }),
      'INVALID_AMOUNT',
      'size',
    )
    expect(
      Amounts.limit({ side: 'SELL', price: 0.5, size: '999999999999999', tickSize: '0.1' }).makerAmount,
    ).toBe(999999999999999000000n)
  })
})

describe('Amounts.market', () => {
  it.each(MARKET)(
    '§A.1 %s tick %s @ %s amount %s → %s / %s',
    (side, tickSize, price, amount, maker, taker) => {
      for (const arithmetic of ['exact', 'tsv2'] as const) {
        const r = Amounts.market({ side, price, amount, tickSize, arithmetic })
        expect([r.makerAmount, r.takerAmount]).toEqual([BigInt(maker), BigInt(taker)])
      }
    },
  )

  it('rounds the price DOWN and returns the raw amounts', () => {
    expect(Amounts.market({ side: 'BUY', price: 0.569, amount: 100, tickSize: '0.01' })).toEqual({
      price: '0.56',
      makerAmount: 100000000n,
      takerAmount: 178571400n,
      rawMakerAmount: '100',
      rawTakerAmount: '178.5714',
    })
    expect(Amounts.market({ side: 'SELL', price: 0.1995, amount: 10, tickSize: '0.001' }).price).toBe('0.199')
  })

  it('uses price 1 when the price is absent (TSv2 `price || 1`)', () => {
    expect(Amounts.market({ side: 'BUY', amount: 12.345, tickSize: '0.01' })).toMatchObject({
      price: '1',
      makerAmount: 12340000n,
      takerAmount: 12340000n,
    })
    expect(Amounts.market({ side: 'SELL', amount: 5, price: undefined, tickSize: '0.1' }).takerAmount).toBe(
      5000000n,
    )
  })

  it('D1 and D2', () => {
    expectInvalid(
      () => Amounts.market({ side: 'BUY', price: 0.5, amount: 0.001, tickSize: '0.01' }),
      'ZERO_AMOUNT',
      'amount',
    )
    expectInvalid(
      () => Amounts.market({ side: 'BUY', price: 0.0231993, amount: 228, tickSize: '0.005' }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    // 0.05715 rounds down to 0.0571 — off the 0.0025 grid.
    expectInvalid(
      () => Amounts.market({ side: 'SELL', price: 0.05715, amount: 241, tickSize: '0.0025' }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
  })
})

describe('Amounts arithmetic option', () => {
  it("numbers default to TSv2's double rounding; strings and 'exact' are exact", () => {
    // 0.1 * 2.3 = 0.22999999999999998: exactly below 0.23, but TSv2's Math.floor(x * 100) gives 23.
    const size = 0.1 * 2.3
    expect(Amounts.limit({ side: 'BUY', price: 0.5, size, tickSize: '0.1' }).rawTakerAmount).toBe('0.23')
    expect(
      Amounts.limit({ side: 'BUY', price: 0.5, size, tickSize: '0.1', arithmetic: 'exact' }).rawTakerAmount,
    ).toBe('0.22')
    expect(
      Amounts.limit({ side: 'BUY', price: '0.5', size: String(size), tickSize: '0.1' }).rawTakerAmount,
    ).toBe('0.22')
  })

  it("number inputs reproduce TSv2's precision loss on large quotients and products; strings do not", () => {
    const buy = { side: 'BUY', price: 0.0001, amount: 9192.97, tickSize: '0.0001' } as const
    expect(Amounts.market(buy).takerAmount).toBe(91929699999999n)
    expect(Amounts.market({ ...buy, arithmetic: 'exact' }).takerAmount).toBe(91929700000000n)
    expect(Amounts.market({ ...buy, price: '0.0001', amount: '9192.97' }).takerAmount).toBe(91929700000000n)
    const sell = { side: 'SELL', price: 0.7293, size: 1410430, tickSize: '0.0001' } as const
    expect(Amounts.limit(sell).takerAmount).toBe(1028626598999n)
    expect(Amounts.limit({ ...sell, arithmetic: 'exact' }).takerAmount).toBe(1028626599000n)
    expect(Amounts.limit({ ...sell, size: '1410430' }).takerAmount).toBe(1028626599000n)
  })

  it('rejects an unknown arithmetic', () => {
    expectInvalid(
      () =>
        Amounts.limit({ side: 'BUY', price: 0.5, size: 1, tickSize: '0.1', arithmetic: 'float' as 'exact' }),
      'INVALID_PARAMETER',
      'arithmetic',
    )
  })
})

describe('Amounts bad input', () => {
  const base = { side: 'BUY', price: 0.5, size: 10, tickSize: '0.01' } as const
  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['-1', -1],
    ['"-1"', '-1'],
    ['empty', ''],
    ['leading space', ' 1'],
    ['dangling exponent', '1e'],
    ['hex', '0x10'],
    ['79 digits', '9'.repeat(79)],
  ])('size %s → INVALID_AMOUNT (size)', (_name, size) => {
    expectInvalid(() => Amounts.limit({ ...base, size }), 'INVALID_AMOUNT', 'size')
    expectInvalid(() => Amounts.market({ ...base, amount: size }), 'INVALID_AMOUNT', 'amount')
  })
  it.each([
    ['0', 0],
    ['1', 1],
    ['1.5', 1.5],
    ['-0.5', -0.5],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['hex', '0x10'],
    ['empty', ''],
    ['below tick', 0.005],
    ['above 1 − tick', 0.995],
  ])('price %s → INVALID_PRICE (price)', (_name, price) => {
    expectInvalid(() => Amounts.limit({ ...base, price }), 'INVALID_PRICE', 'price')
    expectInvalid(() => Amounts.market({ ...base, amount: 10, price }), 'INVALID_PRICE', 'price')
  })
  it('carries the official message for an out-of-range price', () => {
    const e = caught(() => Amounts.limit({ ...base, price: 0.99875, tickSize: '0.0025' }))
    expect((e as Error).message).toContain('invalid price (0.99875), min: 0.0025 - max: 0.9975')
  })
  it('unknown tick → INVALID_TICK_SIZE; bad side → INVALID_SIDE', () => {
    expectInvalid(
      () => Amounts.limit({ ...base, tickSize: '0.05' as TickSize }),
      'INVALID_TICK_SIZE',
      'tickSize',
    )
    expectInvalid(
      () => Amounts.market({ ...base, amount: 1, tickSize: '1' as TickSize }),
      'INVALID_TICK_SIZE',
      'tickSize',
    )
    expectInvalid(() => Amounts.limit({ ...base, side: 'buy' as 'BUY' }), 'INVALID_SIDE', 'side')
    expectInvalid(() => Amounts.market({ ...base, amount: 1, side: 'HOLD' as 'BUY' }), 'INVALID_SIDE', 'side')
  })
})

describe('Amounts.adjustBuyForFees', () => {
  // ANCHORS.md §A.2: amount, price, balance, rate, exponent, builderRate, slippage → result
  it.each([
    [50, 0.5, 50, 0, 0, 0, 0, '50'],
    [50, 0.5, 51.5625, 0.25, 2, 0, 0, '50'],
    [50, 0.5, 50, 0.25, 2, 0, 0, '48.4375'],
    [50, 0.5, 50, 0, 0, 0.01, 0, '49.5'],
    [50, 0.5, 50, 0.25, 2, 0.01, 0, '47.9375'],
    [30, 0.3, 30, 0.25, 2, 0.02, 0, '28.2975'],
    [100, 0.3, 1, 0.072, 1, 0, 0, '0.9496'],
    [50, 0.5, 50, 0.25, 2, 0.01, 20, '47.625'],
    [50, 0.5, 51.71875, 0.25, 2, 0, 20, '49.84375'],
    [50, 0.5, 50, 0.25, 2, 0, 1.5, '48.4140625'],
  ])(
    '§A.2 (%s, %s, %s, %s, %s, %s, %s) → %s',
    (amount, price, balance, feeRate, feeExponent, builderTakerRate, feeSlippage, out) => {
      expect(
        Amounts.adjustBuyForFees({
          amount,
          price,
          balance,
          feeRate,
          feeExponent,
          builderTakerRate,
          feeSlippage,
        }),
      ).toBe(out)
    },
  )

  // ANCHORS.md §A.2 production-rate table: amount = balance = 100, builder 0.
  it.each([
    [0.03, [97.9, 98.5, 99.1]],
    [0.04, [97.2, 98, 98.8]],
    [0.05, [96.5, 97.5, 98.5]],
    [0.072, [94.96, 96.4, 97.84]],
  ] as const)('§A.2 production rate %s at 0.3 / 0.5 / 0.7', (feeRate, adjusted) => {
    ;[0.3, 0.5, 0.7].forEach((price, i) => {
      const r = Amounts.adjustBuyForFees({ amount: 100, price, balance: 100, feeRate, feeExponent: 1 })
      expect(Number(r)).toBeCloseTo(adjusted[i] as number, 12)
    })
  })

  it('never goes below zero and defaults absent fees to 0', () => {
    expect(
      Amounts.adjustBuyForFees({ amount: 50, price: 0.5, balance: 0, feeRate: 0.25, feeExponent: 2 }),
    ).toBe('0')
    expect(Amounts.adjustBuyForFees({ amount: 50, price: 0.5, balance: 49 })).toBe('49')
    expect(Amounts.adjustBuyForFees({ amount: '50', price: '0.5', balance: '1000' })).toBe('50')
  })

  it.each([0.5, 101, Number.NaN, -1, 0.999, Number.POSITIVE_INFINITY, 'abc'])(
    '§A.2 feeSlippage %s → INVALID_FEE_SLIPPAGE',
    (feeSlippage) => {
      const e = caught(() =>
        Amounts.adjustBuyForFees({
          amount: 50,
          price: 0.5,
          balance: 50,
          feeRate: 0.25,
          feeExponent: 2,
          feeSlippage,
        }),
      )
      expect(e).toMatchObject({ code: 'INVALID_FEE_SLIPPAGE', param: 'feeSlippage' })
      expect((e as Error).message).toContain('feeSlippage must be 0 or a percentage between 1 and 100')
    },
  )
  it('accepts feeSlippage 0, 1, 12.5 and 100', () => {
    for (const feeSlippage of [0, 1, 12.5, 100, '12.5']) {
      expect(() =>
        Amounts.adjustBuyForFees({ amount: 50, price: 0.5, balance: 50, feeSlippage }),
      ).not.toThrow()
    }
  })
  it('rejects bad fee rates, balances and prices', () => {
    const ok = { amount: 50, price: 0.5, balance: 50 }
    expectInvalid(() => Amounts.adjustBuyForFees({ ...ok, feeRate: -0.1 }), 'INVALID_FEE_RATE', 'feeRate')
    expectInvalid(
      () => Amounts.adjustBuyForFees({ ...ok, feeExponent: Number.NaN }),
      'INVALID_FEE_RATE',
      'feeExponent',
    )
    expectInvalid(
      () => Amounts.adjustBuyForFees({ ...ok, builderTakerRate: 'x' }),
      'INVALID_FEE_RATE',
      'builderTakerRate',
    )
    expectInvalid(() => Amounts.adjustBuyForFees({ ...ok, balance: -1 }), 'INVALID_AMOUNT', 'balance')
    expectInvalid(() => Amounts.adjustBuyForFees({ ...ok, amount: Number.NaN }), 'INVALID_AMOUNT', 'amount')
    expectInvalid(() => Amounts.adjustBuyForFees({ ...ok, price: 0 }), 'INVALID_PRICE', 'price')
  })
})

describe('Amounts.limitWithFees / marketWithFees', () => {
  // ANCHORS.md §A.2 client cases: tick 0.01, fee info {rate 0.25, exponent 2}, version 2, feeSlippage 20.
  const fees = { feeRate: 0.25, feeExponent: 2, feeSlippage: 20, tickSize: '0.01' } as const
  it('§A.2 limit BUY with balance', () => {
    const r = Amounts.limitWithFees({ ...fees, side: 'BUY', price: 0.5, size: 100, userUSDCBalance: 50 })
    expect([r.makerAmount, r.takerAmount]).toEqual([48125000n, 96250000n])
  })
  it('§A.2 limit BUY whose price rounds up to the tick', () => {
    const r = Amounts.limitWithFees({ ...fees, side: 'BUY', price: 0.505, size: 100, userUSDCBalance: 50 })
    expect(r).toMatchObject({
      price: '0.51',
      makerAmount: 48159300n,
      takerAmount: 94430000n,
      rawMakerAmount: '48.1593',
    })
  })
  it('§A.2 market BUY with balance', () => {
    const r = Amounts.marketWithFees({ ...fees, side: 'BUY', price: 0.5, amount: 50, userUSDCBalance: 50 })
    expect([r.makerAmount, r.takerAmount]).toEqual([48120000n, 96240000n])
  })
  it('§A.2 limit BUY without balance, and SELL with balance, are not adjusted', () => {
    const buy = Amounts.limitWithFees({ ...fees, side: 'BUY', price: 0.5, size: 100 })
    expect([buy.makerAmount, buy.takerAmount]).toEqual([50000000n, 100000000n])
    const sell = Amounts.limitWithFees({ ...fees, side: 'SELL', price: 0.5, size: 100, userUSDCBalance: 50 })
    expect([sell.makerAmount, sell.takerAmount]).toEqual([100000000n, 50000000n])
  })
  it('applyFeeAdjustment: false (order version 1) skips the limit adjustment', () => {
    const r = Amounts.limitWithFees({
      ...fees,
      side: 'BUY',
      price: 0.5,
      size: 100,
      userUSDCBalance: 50,
      applyFeeAdjustment: false,
    })
    expect([r.makerAmount, r.takerAmount]).toEqual([50000000n, 100000000n])
  })
  it('sizes through TSv2 doubles: size·price/price, then cents as Math.floor(x·100)/100', () => {
    // 0.1 * 2.3 / 0.5 * 0.5 stays 0.22999999999999998, which TSv2 floors to 0.23.
    const r = Amounts.limitWithFees({
      side: 'BUY',
      price: 0.5,
      size: 0.1 * 2.3,
      tickSize: '0.1',
      userUSDCBalance: 1e6,
    })
    expect(r.rawTakerAmount).toBe('0.23')
  })
  it('a balance that covers nothing gives ZERO_AMOUNT', () => {
    expectInvalid(
      () => Amounts.limitWithFees({ ...fees, side: 'BUY', price: 0.5, size: 100, userUSDCBalance: 0 }),
      'ZERO_AMOUNT',
      'size',
    )
    expectInvalid(
      () => Amounts.marketWithFees({ ...fees, side: 'BUY', price: 0.5, amount: 100, userUSDCBalance: 0.001 }),
      'ZERO_AMOUNT',
      'amount',
    )
  })
  it('validates fee inputs even when no adjustment applies', () => {
    expectInvalid(
      () => Amounts.limitWithFees({ side: 'SELL', price: 0.5, size: 1, tickSize: '0.1', feeSlippage: 101 }),
      'INVALID_FEE_SLIPPAGE',
      'feeSlippage',
    )
    expectInvalid(
      () => Amounts.marketWithFees({ side: 'BUY', amount: 1, price: 0.5, tickSize: '0.1', feeRate: -1 }),
      'INVALID_FEE_RATE',
      'feeRate',
    )
    expectInvalid(
      () => Amounts.limitWithFees({ side: 'BUY', price: 0.5, size: 1, tickSize: '0.1', userUSDCBalance: -5 }),
      'INVALID_AMOUNT',
      'userUSDCBalance',
    )
    expectInvalid(
      () => Amounts.marketWithFees({ side: 'BUY', amount: 1, tickSize: '0.1', userUSDCBalance: 5 }),
      'INVALID_PRICE',
      'price',
    )
  })
})
