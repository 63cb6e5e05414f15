import { Amounts, Decimal, isClobError, type TickSize, TickSizes } from '@clobkit/eip712-order'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const RUNS = { numRuns: 400 }

// Tick as an integer at its price decimals: 0.0025 → 25 at 4 decimals.
const GRID: Record<TickSize, { step: bigint; places: number; amount: number }> = {
  '0.1': { step: 1n, places: 1, amount: 3 },
  '0.01': { step: 1n, places: 2, amount: 4 },
  '0.005': { step: 5n, places: 3, amount: 5 },
  '0.0025': { step: 25n, places: 4, amount: 6 },
  '0.001': { step: 1n, places: 3, amount: 5 },
  '0.0001': { step: 1n, places: 4, amount: 6 },
}

/** A tick and a valid price on its grid: `{ tick, priceInt }` with price = priceInt / 10^places. */
const tickAndPrice = fc.constantFrom(...TickSizes).chain((tick) => {
  const { step, places } = GRID[tick]
  const steps = 10n ** BigInt(places) / step // 1 / tick
  return fc.bigInt({ min: 1n, max: steps - 1n }).map((k) => ({ tick, priceInt: k * step }))
})

/** A non-negative decimal string with up to 9 integer and 8 fractional digits (cents = its 2-dp floor ×100). */
const sizeText = fc
  .tuple(
    fc.bigInt({ min: 0n, max: 999_999_999n }),
    fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 8 }),
  )
  .map(([whole, frac]) => (frac === '' ? `${whole}` : `${whole}.${frac}`))

const cents = (s: string): bigint => {
  const [whole = '0', frac = ''] = s.split('.')
  return BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2))
}
const priceText = (priceInt: bigint, places: number) => Decimal.toString(Decimal.from(priceInt, places))
const unitsAt = (amountDecimals: number) => 10n ** BigInt(6 - amountDecimals)

describe('Amounts.limit properties', () => {
  it('BUY makerAmount is the exact size(2 dp) × price in units; takerAmount is the shares', () => {
    fc.assert(
      fc.property(tickAndPrice, sizeText, ({ tick, priceInt }, size) => {
        const { places, amount } = GRID[tick]
        fc.pre(cents(size) > 0n)
        const r = Amounts.limit({ side: 'BUY', price: priceText(priceInt, places), size, tickSize: tick })
        expect(r.makerAmount).toBe(cents(size) * priceInt * unitsAt(amount))
        expect(r.takerAmount).toBe(cents(size) * 10n ** 4n)
        expect(r.makerAmount > 0n && r.takerAmount > 0n).toBe(true)
      }),
      RUNS,
    )
  })

  it('SELL mirrors BUY: BUY maker = SELL taker and BUY taker = SELL maker', () => {
    fc.assert(
      fc.property(tickAndPrice, sizeText, ({ tick, priceInt }, size) => {
        fc.pre(cents(size) > 0n)
        const price = priceText(priceInt, GRID[tick].places)
        const buy = Amounts.limit({ side: 'BUY', price, size, tickSize: tick })
        const sell = Amounts.limit({ side: 'SELL', price, size, tickSize: tick })
        expect(buy.makerAmount).toBe(sell.takerAmount)
        expect(buy.takerAmount).toBe(sell.makerAmount)
      }),
      RUNS,
    )
  })

  it('is monotonic in size', () => {
    fc.assert(
      fc.property(
        tickAndPrice,
        sizeText,
        sizeText,
        fc.constantFrom('BUY', 'SELL'),
        ({ tick, priceInt }, a, b, side) => {
          fc.pre(cents(a) > 0n && cents(b) > 0n)
          const [lo, hi] = Decimal.lte(Decimal.parse(a, 'a'), Decimal.parse(b, 'b')) ? [a, b] : [b, a]
          const price = priceText(priceInt, GRID[tick].places)
          const x = Amounts.limit({ side, price, size: lo, tickSize: tick })
          const y = Amounts.limit({ side, price, size: hi, tickSize: tick })
          expect(x.makerAmount <= y.makerAmount && x.takerAmount <= y.takerAmount).toBe(true)
        },
      ),
      RUNS,
    )
  })

  it("gives identical results for a number and the string of the same decimal under 'exact'", () => {
    fc.assert(
      fc.property(
        tickAndPrice,
        fc.double({ min: 0.01, max: 1e9, noNaN: true }),
        fc.constantFrom('BUY', 'SELL'),
        ({ tick, priceInt }, size, side) => {
          const price = priceText(priceInt, GRID[tick].places)
          const fromNumbers = Amounts.limit({
            side,
            price: Number(price),
            size,
            tickSize: tick,
            arithmetic: 'exact',
          })
          const fromStrings = Amounts.limit({ side, price, size: String(size), tickSize: tick })
          expect(fromNumbers).toEqual(fromStrings)
        },
      ),
      RUNS,
    )
  })

  it("agrees with arithmetic 'tsv2' on clean inputs (≤ 2 dp, below 100 000 shares)", () => {
    fc.assert(
      fc.property(tickAndPrice, fc.integer({ min: 1, max: 9_999_999 }), ({ tick, priceInt }, c) => {
        const price = Number(priceText(priceInt, GRID[tick].places))
        const size = c / 100
        const exact = Amounts.limit({ side: 'BUY', price, size, tickSize: tick, arithmetic: 'exact' })
        const tsv2 = Amounts.limit({ side: 'BUY', price, size, tickSize: tick })
        expect(tsv2).toEqual(exact)
      }),
      RUNS,
    )
  })

  it('D1: any size below one cent throws ZERO_AMOUNT', () => {
    fc.assert(
      fc.property(
        tickAndPrice,
        fc.double({ min: 0, max: 0.0099999, noNaN: true }),
        ({ tick, priceInt }, size) => {
          const price = priceText(priceInt, GRID[tick].places)
          let err: unknown
          try {
            Amounts.limit({ side: 'BUY', price, size, tickSize: tick })
          } catch (e) {
            err = e
          }
          expect(isClobError(err) && err.code === 'ZERO_AMOUNT' && err.param === 'size').toBe(true)
        },
      ),
      RUNS,
    )
  })

  it('D2: a price rounding off the 0.005 / 0.0025 grid throws PRICE_NOT_ON_TICK, on the grid never does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TickSize>('0.005', '0.0025'),
        fc.integer({ min: 0, max: 99_999 }),
        (tick, n) => {
          const { step, places } = GRID[tick]
          const scale = 10n ** BigInt(places)
          const priceInt = (BigInt(n) % (scale - 2n * step)) + step // within [tick, 1 − tick)
          let err: unknown
          try {
            Amounts.limit({ side: 'SELL', price: priceText(priceInt, places), size: 10, tickSize: tick })
          } catch (e) {
            err = e
          }
          const onGrid = priceInt % step === 0n
          expect(err === undefined).toBe(onGrid)
          if (!onGrid) expect(err).toMatchObject({ code: 'PRICE_NOT_ON_TICK', param: 'price' })
        },
      ),
      RUNS,
    )
  })
})

describe('Amounts.market properties', () => {
  it('BUY takerAmount is floor(amount(2 dp) / price) at the amount decimals; never negative; monotonic', () => {
    fc.assert(
      fc.property(tickAndPrice, sizeText, sizeText, ({ tick, priceInt }, a, b) => {
        const { places, amount } = GRID[tick]
        fc.pre(cents(a) > 0n && cents(b) > 0n)
        const price = priceText(priceInt, places)
        const r = Amounts.market({ side: 'BUY', price, amount: a, tickSize: tick })
        // shares = (cents/100) / (priceInt/10^places), truncated to `amount` decimals.
        const shares = (cents(a) * 10n ** BigInt(places + amount)) / (priceInt * 100n)
        expect(r.takerAmount).toBe(shares * unitsAt(amount))
        expect(r.makerAmount).toBe(cents(a) * 10n ** 4n)
        const [lo, hi] = cents(a) <= cents(b) ? [a, b] : [b, a]
        const x = Amounts.market({ side: 'BUY', price, amount: lo, tickSize: tick })
        const y = Amounts.market({ side: 'BUY', price, amount: hi, tickSize: tick })
        expect(x.takerAmount <= y.takerAmount && x.makerAmount <= y.makerAmount).toBe(true)
      }),
      RUNS,
    )
  })

  it('SELL equals a limit SELL at the same (already rounded) price', () => {
    fc.assert(
      fc.property(tickAndPrice, sizeText, ({ tick, priceInt }, amount) => {
        fc.pre(cents(amount) > 0n)
        const price = priceText(priceInt, GRID[tick].places)
        const m = Amounts.market({ side: 'SELL', price, amount, tickSize: tick })
        const l = Amounts.limit({ side: 'SELL', price, size: amount, tickSize: tick })
        expect(m).toEqual(l)
      }),
      RUNS,
    )
  })
})

describe('fee-aware sizing properties', () => {
  it('never raises the amount above the request or the balance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.constantFrom(0, 0.02, 0.072, 0.25),
        fc.constantFrom(0, 1, 2),
        fc.constantFrom(0, 0.01, 0.025),
        fc.constantFrom(0, 1, 20, 100),
        (amount, price, balance, feeRate, feeExponent, builderTakerRate, feeSlippage) => {
          const r = Number(
            Amounts.adjustBuyForFees({
              amount,
              price,
              balance,
              feeRate,
              feeExponent,
              builderTakerRate,
              feeSlippage,
            }),
          )
          expect(r).toBeGreaterThanOrEqual(0)
          expect(r).toBeLessThanOrEqual(amount * (1 + 1e-12))
          expect(r).toBeLessThanOrEqual(balance * (1 + 1e-12))
        },
      ),
      RUNS,
    )
  })

  it('a limit BUY sized for fees is never larger than the unadjusted one', () => {
    fc.assert(
      fc.property(
        tickAndPrice,
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.double({ min: 0, max: 1e5, noNaN: true }),
        ({ tick, priceInt }, c, balance) => {
          const price = priceText(priceInt, GRID[tick].places)
          const size = c / 100
          const plain = Amounts.limit({ side: 'BUY', price, size, tickSize: tick })
          let sized: Amounts.OrderAmounts
          try {
            sized = Amounts.limitWithFees({
              side: 'BUY',
              price,
              size,
              tickSize: tick,
              userUSDCBalance: balance,
              feeRate: 0.25,
              feeExponent: 2,
              builderTakerRate: 0.01,
            })
          } catch (e) {
            expect(e).toMatchObject({ code: 'ZERO_AMOUNT' })
            return
          }
          expect(sized.makerAmount <= plain.makerAmount && sized.takerAmount <= plain.takerAmount).toBe(true)
        },
      ),
      RUNS,
    )
  })
})
