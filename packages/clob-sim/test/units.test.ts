import { describe, expect, it } from 'vitest'
import {
  formatPrice,
  formatUnits,
  mulDivCeil,
  mulDivFloor,
  notional,
  parsePrice,
  parseUnits,
  tickDecimals,
} from '../src/units.js'

// The sim's 6-decimal conventions over eip712-order's Decimal: its input grammar is stricter
// than Decimal.parse (no sign, at most 6 decimals, at most 40 integer digits).
describe('parseUnits', () => {
  it('reads plain non-negative decimals with up to 6 decimals', () => {
    expect(parseUnits('148.56')).toBe(148_560_000n)
    expect(parseUnits('0.000001')).toBe(1n)
    expect(parseUnits('007')).toBe(7_000_000n)
    expect(parseUnits('1'.repeat(40))).toBe(BigInt('1'.repeat(40)) * 1_000_000n)
  })
  it.each(['', '1.', '.5', '-1', '-0', '+1', '1e5', ' 1', '1.0000000', '1'.repeat(41)])('refuses %j', (v) => {
    expect(parseUnits(v)).toBeUndefined()
  })
})

describe('formatUnits / formatPrice / parsePrice', () => {
  it('prints the shortest decimal and reads prices back in micros', () => {
    expect(formatUnits(148_560_000n)).toBe('148.56')
    expect(formatUnits(-1n)).toBe('-0.000001')
    expect(formatUnits(0n)).toBe('0')
    expect(formatPrice(550_000)).toBe('0.55')
    expect(parsePrice('0.55')).toBe(550_000)
    expect(parsePrice('1.000001')).toBeUndefined()
  })
})

describe('mulDivFloor / mulDivCeil / notional', () => {
  it('round the exact quotient down and up', () => {
    expect(mulDivFloor(10n, 3n, 4n)).toBe(7n)
    expect(mulDivCeil(10n, 3n, 4n)).toBe(8n)
    expect(mulDivCeil(10n, 2n, 4n)).toBe(5n)
    expect(notional(3_333_333n, 330_000)).toBe(1_099_999n)
  })
})

describe('tickDecimals', () => {
  it.each([
    ['0.1', 1],
    ['0.01', 2],
    ['0.005', 3],
    ['0.0025', 4],
    ['0.0001', 4],
  ])('%s → %i', (tick, places) => {
    expect(tickDecimals(tick)).toBe(places)
  })
})
