import { MarketPrice } from '@clobkit/eip712-order'
import type { Case } from '../corpus.js'
import { describeError, fail, type Outcome, pass } from '../outcome.js'

/** `market_price`: calculateBuyMarketPrice / calculateSellMarketPrice (PROTOCOL.md §3.7). */
export function marketPrice(c: Case): Outcome {
  const { side, positions, amountToMatch, orderType } = c.input
  let price: string
  try {
    price = MarketPrice.fromBook({ side, levels: positions, amount: amountToMatch, orderType })
  } catch (e) {
    if (c.expected.error !== undefined) return pass
    return fail(`threw ${describeError(e)}; expected price ${c.expected.price}`)
  }
  if (c.expected.error !== undefined) return fail(`returned ${price}; expected error "${c.expected.error}"`)
  return Number(price) === c.expected.price ? pass : fail(`price ${price} ≠ expected ${c.expected.price}`)
}
