import { Decimal } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { expectInvalid } from './invalid.js'

const d = (x: number | string) => Decimal.parse(x, 'x')
const str = (x: Decimal.Decimal) => Decimal.toString(x)

describe('Decimal.parse', () => {
  it.each([
    [0.1, 1n, 1],
    [21.04, 2104n, 2],
    [100, 100n, 0],
    [0.30000000000000004, 30000000000000004n, 17],
    [949.9970999999999, 9499970999999999n, 13],
    [1e-7, 1n, 7],
    [1.5e-7, 15n, 8],
    [1e21, 10n ** 21n, 0],
    [1.25e22, 125n * 10n ** 20n, 0],
    [-0, 0n, 0],
    [-2.5, -25n, 1],
  ])('reads the number %s through String(x)', (input, int, scale) => {
    expect(Decimal.parse(input, 'x')).toEqual({ int, scale })
  })

  it.each([
    ['21.04', 2104n, 2],
    ['0', 0n, 0],
    ['007.50', 750n, 2],
    ['-1.5', -15n, 1],
    ['0.0000001', 1n, 7],
    ['1'.repeat(78), BigInt('1'.repeat(78)), 0],
    [`0.${'0'.repeat(100)}${'9'.repeat(78)}`, BigInt('9'.repeat(78)), 178],
  ])('reads the plain decimal string %s', (input, int, scale) => {
    expect(Decimal.parse(input, 'x')).toEqual({ int, scale })
  })

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['empty', ''],
    ['leading space', ' 1'],
    ['trailing space', '1 '],
    ['dangling exponent', '1e'],
    ['string exponent', '1e5'],
    ['hex', '0x10'],
    ['plus sign', '+1'],
    ['bare dot', '1.'],
    ['leading dot', '.5'],
    ['double dot', '1.2.3'],
    ['comma', '1,5'],
    ['word', 'Infinity'],
    ['79 digits', '1'.repeat(79)],
    ['79 significant digits with a dot', `1.${'2'.repeat(78)}`],
    ['too long', `0.${'0'.repeat(300)}1`],
  ])('rejects %s with INVALID_AMOUNT naming the parameter', (_name, input) => {
    expectInvalid(() => Decimal.parse(input, 'size'), 'INVALID_AMOUNT', 'size')
  })

  it('rejects non-decimal types', () => {
    expectInvalid(() => Decimal.parse(null as unknown as string, 'amount'), 'INVALID_AMOUNT', 'amount')
    expectInvalid(() => Decimal.parse(10n as unknown as string, 'amount'), 'INVALID_AMOUNT', 'amount')
  })

  it('uses INVALID_PRICE for the price parameter and honours an explicit code', () => {
    expectInvalid(() => Decimal.parse('abc', 'price'), 'INVALID_PRICE', 'price')
    expectInvalid(
      () => Decimal.parse('abc', 'tickSize', 'INVALID_TICK_SIZE'),
      'INVALID_TICK_SIZE',
      'tickSize',
    )
  })

  it('isDecimal agrees with parse', () => {
    expect(Decimal.isDecimal('1.5')).toBe(true)
    expect(Decimal.isDecimal(1e-7)).toBe(true)
    expect(Decimal.isDecimal('1e5')).toBe(false)
    expect(Decimal.isDecimal(Number.NaN)).toBe(false)
    expect(Decimal.isDecimal({})).toBe(false)
  })
})

describe('Decimal.toString', () => {
  it.each([
    [Decimal.from(150n, 2), '1.5'],
    [Decimal.from(5n, 7), '0.0000005'],
    [Decimal.from(-5n, 3), '-0.005'],
    [Decimal.from(0n, 5), '0'],
    [Decimal.from(10n ** 21n), '1000000000000000000000'],
    [Decimal.from(11782400n, 6), '11.7824'],
  ])('formats %o as %s', (value, text) => {
    expect(Decimal.toString(value)).toBe(text)
  })

  it('round-trips numbers into their shortest plain form', () => {
    expect(str(d(1e-7))).toBe('0.0000001')
    expect(str(d(1e21))).toBe('1000000000000000000000')
    expect(str(d('0.10'))).toBe('0.1')
  })

  it('rejects a negative or fractional scale', () => {
    expectInvalid(() => Decimal.from(1n, -1), 'INVALID_AMOUNT', 'scale')
    expectInvalid(() => Decimal.from(1n, 1.5), 'INVALID_AMOUNT', 'scale')
  })
})

describe('Decimal.toUnits / fromUnits', () => {
  it('converts to 6-decimal base units', () => {
    expect(Decimal.toUnits(d('11.7824'), 6)).toBe(11782400n)
    expect(Decimal.toUnits(d(100), 6)).toBe(100000000n)
    expect(Decimal.toUnits(d('0.000001'), 6)).toBe(1n)
  })
  it('rounds half up beyond the unit decimals, like viem parseUnits', () => {
    expect(Decimal.toUnits(d('0.0000005'), 6)).toBe(1n)
    expect(Decimal.toUnits(d('0.00000049'), 6)).toBe(0n)
    expect(Decimal.toUnits(d('1.2345675'), 6)).toBe(1234568n)
  })
  it('fromUnits inverts toUnits', () => {
    expect(str(Decimal.fromUnits(11782400n, 6))).toBe('11.7824')
    expect(Decimal.fromUnits(11782400n, 6)).toEqual({ int: 117824n, scale: 4 })
  })
})

describe('Decimal comparisons', () => {
  it('compares by value across scales', () => {
    expect(Decimal.compare(d('0.10'), d(0.1))).toBe(0)
    expect(Decimal.compare(d('0.09'), d(0.1))).toBe(-1)
    expect(Decimal.compare(d('1'), d('0.999999999999999999999'))).toBe(1)
    expect(Decimal.eq(d('1.0'), Decimal.ONE)).toBe(true)
    expect(Decimal.lt(d(-1), Decimal.ZERO)).toBe(true)
    expect(Decimal.lte(d(1), d('1.00'))).toBe(true)
    expect(Decimal.gt(d(0.30000000000000004), d('0.3'))).toBe(true)
    expect(Decimal.gte(d('0.3'), d(0.30000000000000004))).toBe(false)
    expect(str(Decimal.min(d(2), d(1)))).toBe('1')
    expect(str(Decimal.max(d(2), d(1)))).toBe('2')
    expect(Decimal.isZero(d('0.000'))).toBe(true)
    expect(Decimal.isNegative(d('-0.01'))).toBe(true)
    expect(Decimal.isNegative(d(-0))).toBe(false)
  })
})

describe('Decimal arithmetic', () => {
  it('adds, subtracts and multiplies exactly', () => {
    expect(str(Decimal.add(d(0.1), d(0.2)))).toBe('0.3')
    expect(str(Decimal.sub(Decimal.ONE, d('0.0025')))).toBe('0.9975')
    expect(str(Decimal.mul(d(21.04), d(0.56)))).toBe('11.7824')
    expect(str(Decimal.mul(d(2435.89), d(0.39)))).toBe('949.9971')
  })

  it('divides at a given scale with an explicit rounding', () => {
    expect(str(Decimal.div(d(100), d(0.56), 8, 'up'))).toBe('178.57142858')
    expect(str(Decimal.div(d(100), d(0.56), 8, 'down'))).toBe('178.57142857')
    expect(str(Decimal.div(d(1), d(8), 2, 'halfUp'))).toBe('0.13')
    expect(str(Decimal.div(d(-1), d(8), 2, 'down'))).toBe('-0.13')
    expect(str(Decimal.div(d(-1), d(8), 2, 'up'))).toBe('-0.12')
    expect(str(Decimal.div(d(1), d(-8), 2, 'down'))).toBe('-0.13')
    expect(str(Decimal.div(d('0.001'), d(1000), 2, 'up'))).toBe('0.01')
    expect(str(Decimal.div(d(6), d(3), 0, 'down'))).toBe('2')
  })

  it('throws DIVISION_BY_ZERO', () => {
    expect(() => Decimal.div(Decimal.ONE, Decimal.ZERO, 2, 'down')).toThrow(
      expect.objectContaining({ code: 'DIVISION_BY_ZERO' }),
    )
  })

  it('rounds down, up and half up (Math.floor / ceil / round semantics)', () => {
    expect(str(Decimal.roundDown(d('12.8205'), 2))).toBe('12.82')
    expect(str(Decimal.roundUp(d('12.8205'), 2))).toBe('12.83')
    expect(str(Decimal.roundHalfUp(d('0.505'), 2))).toBe('0.51')
    expect(str(Decimal.roundHalfUp(d('0.5049999'), 2))).toBe('0.5')
    expect(str(Decimal.roundHalfUp(d('-0.125'), 2))).toBe('-0.12')
    expect(str(Decimal.roundDown(d('-0.125'), 2))).toBe('-0.13')
    expect(str(Decimal.roundUp(d('-0.125'), 2))).toBe('-0.12')
    expect(Decimal.roundDown(d('1.5'), 4)).toEqual({ int: 15n, scale: 1 })
  })

  // ANCHORS.md §A.4 roundDown / decimalPlaces
  it.each([
    [0.55, 2, '0.55'],
    [0.56, 2, '0.56'],
    [0.57, 2, '0.57'],
    [0.55, 4, '0.55'],
    [0.56, 4, '0.56'],
    [0.57, 4, '0.57'],
  ])('§A.4 roundDown(%s, %s) = %s', (x, places, out) => {
    expect(str(Decimal.roundDown(d(x), places))).toBe(out)
  })
  it.each([
    [949.9970999999999, 13],
    [949, 0],
    ['2.50', 1],
  ])('§A.4 decimalPlaces(%s) = %s', (x, n) => {
    expect(Decimal.decimalPlaces(d(x))).toBe(n)
  })

  it('tests multiples and normalises', () => {
    expect(Decimal.isMultipleOf(d('0.4475'), d('0.0025'))).toBe(true)
    expect(Decimal.isMultipleOf(d('0.448'), d('0.005'))).toBe(false)
    expect(Decimal.isMultipleOf(d('0.445'), d('0.005'))).toBe(true)
    expect(Decimal.isMultipleOf(d('1'), Decimal.ZERO)).toBe(false)
    expect(Decimal.normalize(Decimal.from(1500n, 3))).toEqual({ int: 15n, scale: 1 })
    expect(Decimal.normalize(Decimal.from(0n, 3))).toEqual({ int: 0n, scale: 0 })
    expect(Decimal.toNumber(d('0.56'))).toBe(0.56)
  })
})
