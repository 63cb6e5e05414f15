import { Amounts, Decimal, Order, type TickSize, TickSizes } from '@clobkit/eip712-order'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from './invalid.js'

const d = (s: string) => Decimal.parse(s, 'x')
/** Any decimal string 0.xxxxxxxx (up to 8 fractional digits, not all zero). */
const fraction = fc
  .string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 8 })
  .filter((f) => /[1-9]/.test(f))
  .map((f) => `0.${f}`)

describe('Amounts.roundToTick', () => {
  it.each([
    ['0.453', '0.01', 'down', '0.45'],
    ['0.453', '0.01', 'up', '0.46'],
    ['0.455', '0.01', 'halfUp', '0.46'],
    ['0.4549', '0.01', 'halfUp', '0.45'],
    ['0.45', '0.01', 'up', '0.45'],
    ['0.4476', '0.0025', 'halfUp', '0.4475'],
    ['0.44875', '0.0025', 'halfUp', '0.45'],
    ['0.4476', '0.0025', 'up', '0.45'],
    ['0.501', '0.005', 'up', '0.505'],
    ['0.5049', '0.005', 'down', '0.5'],
    ['0.50000000001', '0.001', 'down', '0.5'],
    ['0.06', '0.1', 'halfUp', '0.1'],
    ['0.995', '0.01', 'up', '1'],
  ] as const)('%s on %s %s → %s', (price, tick, mode, expected) => {
    expect(Amounts.roundToTick(price, tick, mode)).toBe(expected)
  })

  it('keeps the input type: a number comes back as a number', () => {
    const n: number = Amounts.roundToTick(0.1 + 0.2, '0.01', 'down')
    expect(n).toBe(0.3)
    expect(Amounts.roundToTick(0.4476, '0.0025', 'halfUp')).toBe(0.4475)
  })

  it('lands on the tick, within one tick, on the side the mode says', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TickSizes), fraction, (tick: TickSize, price) => {
        const t = d(tick)
        const p = d(price)
        const down = d(Amounts.roundToTick(price, tick, 'down'))
        const up = d(Amounts.roundToTick(price, tick, 'up'))
        const near = d(Amounts.roundToTick(price, tick, 'halfUp'))
        for (const r of [down, up, near]) expect(Decimal.isMultipleOf(r, t)).toBe(true)
        expect(Decimal.lte(down, p) && Decimal.gte(up, p)).toBe(true)
        expect(Decimal.lt(Decimal.sub(p, down), t) && Decimal.lt(Decimal.sub(up, p), t)).toBe(true)
        // nearest: never farther than the other neighbour; ties go up
        const dDown = Decimal.sub(p, down)
        const dUp = Decimal.sub(up, p)
        expect(Decimal.eq(near, Decimal.lt(dDown, dUp) ? down : up)).toBe(true)
        // on the tick: unchanged in every mode
        expect(Amounts.roundToTick(Decimal.toString(down), tick, 'up')).toBe(Decimal.toString(down))
      }),
      { numRuns: 500 },
    )
  })

  it('refuses bad input with typed errors naming the parameter', () => {
    expectInvalid(
      () => Amounts.roundToTick('0.45', '0.02' as TickSize, 'down'),
      'INVALID_TICK_SIZE',
      'tickSize',
    )
    expectInvalid(() => Amounts.roundToTick('abc', '0.01', 'down'), 'INVALID_PRICE', 'price')
    expectInvalid(() => Amounts.roundToTick(Number.NaN, '0.01', 'down'), 'INVALID_PRICE', 'price')
    expectInvalid(
      () => Amounts.roundToTick('0.45', '0.01', 'nearest' as Amounts.Rounding),
      'INVALID_PARAMETER',
      'mode',
    )
  })
})

describe('Amounts.roundToLot', () => {
  it('rounds sizes and amounts to cents in the mode given', () => {
    expect(Amounts.LOT_SIZE).toBe('0.01')
    expect(Amounts.roundToLot('10.0000001', 'down')).toBe('10')
    expect(Amounts.roundToLot('10.0000001', 'up')).toBe('10.01')
    expect(Amounts.roundToLot('21.045', 'halfUp')).toBe('21.05')
    expect(Amounts.roundToLot(21.047, 'down')).toBe(21.04)
    expect(Amounts.roundToLot('5', 'up')).toBe('5')
  })

  it('down is the rounding order building applies to the size', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 8 }), (int, scale) => {
        const size = Decimal.toString(Decimal.from(int, scale))
        fc.pre(Decimal.gte(d(size), d('0.01')))
        const lot = Amounts.roundToLot(size, 'down')
        const rounded = Amounts.limit({ side: 'SELL', price: '0.5', size, tickSize: '0.01' })
        const exact = Amounts.limit({ side: 'SELL', price: '0.5', size: lot, tickSize: '0.01', strict: true })
        expect(rounded).toEqual(exact)
      }),
      { numRuns: 300 },
    )
  })

  it('names the parameter it is given', () => {
    expectInvalid(() => Amounts.roundToLot('1e5', 'down'), 'INVALID_AMOUNT', 'size')
    expectInvalid(() => Amounts.roundToLot('x', 'down', 'amount'), 'INVALID_AMOUNT', 'amount')
    expectInvalid(() => Amounts.roundToLot('1', 'sideways' as Amounts.Rounding), 'INVALID_PARAMETER', 'mode')
  })
})

describe('Amounts.assertOnGrid', () => {
  it('names the valid neighbours', () => {
    const e = expectInvalid(
      () => Amounts.assertOnGrid({ price: '0.4476', tickSize: '0.0025' }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expect(e).toMatchObject({
      details: { price: '0.4476', tickSize: '0.0025', below: '0.4475', above: '0.45' },
    })
    expect((e as Error).message).toContain('0.4475, 0.45')
    const s = expectInvalid(
      () => Amounts.assertOnGrid({ size: '10.0000001', tickSize: '0.01', sizeParam: 'amount' }),
      'SIZE_NOT_ON_LOT',
      'amount',
    )
    expect(s).toMatchObject({ details: { size: '10.0000001', lotSize: '0.01', below: '10', above: '10.01' } })
    expect(() => Amounts.assertOnGrid({ price: '0.4475', size: '10.50', tickSize: '0.0025' })).not.toThrow()
  })
})

const WALLET = '0x2c7536E3605D9C16a7a3D7b1898e529396a65c23'
const common = {
  chainId: 137,
  version: 2,
  negRisk: false,
  tokenId: '1234',
  signer: WALLET,
  salt: 1,
  timestamp: 1,
} as const

describe('Order.limit strict', () => {
  it('refuses a price off the tick or a size off the lot, naming the parameter', () => {
    const base = { ...common, tickSize: '0.01', side: 'BUY' } as const
    expectInvalid(
      () => Order.limit({ ...base, price: '0.453', size: '10', strict: true }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expectInvalid(
      () => Order.limit({ ...base, price: '0.50000000001', size: '10', strict: true }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expectInvalid(
      () => Order.limit({ ...base, price: '0.5', size: '10.0000001', strict: true }),
      'SIZE_NOT_ON_LOT',
      'size',
    )
    // a double that is not the decimal it looks like is off the tick too
    expectInvalid(
      () => Order.limit({ ...base, price: 0.1 + 0.2, size: 10, strict: true }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    // the range error keeps its code
    expectInvalid(
      () => Order.limit({ ...base, price: '0.999', size: '10', strict: true }),
      'INVALID_PRICE',
      'price',
    )
    expectInvalid(
      () => Order.limit({ ...base, price: '0.5', size: '-1', strict: true }),
      'INVALID_AMOUNT',
      'size',
    )
    expectInvalid(
      () => Order.limit({ ...base, price: '0.5', size: '1', strict: 'yes' as unknown as boolean }),
      'INVALID_PARAMETER',
      'strict',
    )
  })

  it('builds exactly the default order when nothing needs rounding', () => {
    const p = { ...common, tickSize: '0.0025', side: 'SELL', price: '0.4475', size: '21.04' } as const
    expect(Order.limit({ ...p, strict: true })).toEqual(Order.limit(p))
    const n = { ...common, tickSize: '0.01', side: 'BUY', price: 0.56, size: 21.04 } as const
    expect(Order.limit({ ...n, strict: true }).order.makerAmount).toBe('11782400')
  })

  it('is off by default: the price is rounded as the official client does', () => {
    const built = Order.limit({
      ...common,
      tickSize: '0.01',
      side: 'BUY',
      price: '0.453',
      size: '10.0000001',
    })
    // 10 shares at 0.45
    expect(built.order).toMatchObject({ makerAmount: '4500000', takerAmount: '10000000' })
  })
})

describe('Order.market strict', () => {
  it('refuses an amount off the lot and a worst price off the tick', () => {
    const base = { ...common, tickSize: '0.01', side: 'BUY' } as const
    expectInvalid(
      () => Order.market({ ...base, amount: '10.001', price: '0.5', strict: true }),
      'SIZE_NOT_ON_LOT',
      'amount',
    )
    expectInvalid(
      () => Order.market({ ...base, amount: '10', price: '0.505', strict: true }),
      'PRICE_NOT_ON_TICK',
      'price',
    )
    expect(Order.market({ ...base, amount: '10', price: '0.5', strict: true })).toEqual(
      Order.market({ ...base, amount: '10', price: '0.5' }),
    )
  })
})
