/**
 * The result of an order POST as the CLI reports it: one shape for a posted and a
 * rejected order, the rejection hints, and outcome-unknown errors with the hash
 * to look up.
 * @module
 */
import type { PostedOrder } from '@clobkit/clob-rest'
import type { OrderTypeName } from '../../args.js'
import type { Context } from '../../context.js'
import { CliError, RejectedError } from '../../errors.js'
import { fromUnits, loose, sideStyle, text } from '../../util.js'

/** What a market order was signed for: the amount with its unit, the worst price and the least it gets. */
export interface MarketSummary {
  /** BUY: collateral to spend; SELL: shares to sell. */
  readonly amount: string
  readonly amountUnit: 'USDC' | 'shares'
  /** The worst price signed (from `--price`, or computed from the book). */
  readonly worstPrice: string
  readonly worstPriceSource: 'flag' | 'book'
  /** BUY: shares at the worst price; SELL: USDC at the worst price. A fill at better prices gets more. */
  readonly expected: string
  readonly expectedUnit: 'shares' | 'USDC'
}

export interface ReportBase {
  readonly side: string
  readonly price: string
  readonly size: string
  readonly orderType: OrderTypeName
  readonly market?: MarketSummary
}

export interface PostReport {
  readonly success: boolean
  /** The order id wherever it is known: the server's, else the locally computed hash (null only for a rejection without one). */
  readonly orderId: string | null
  /** As the exchange answered (`""` on a rejection). */
  readonly orderID: string
  /** @deprecated the same as `orderId`; kept for scripts written against 0.x. */
  readonly orderHash: string | null
  readonly status: string
  readonly errorMsg: string
  readonly insertCode: string | null
  readonly makingAmount: string
  readonly takingAmount: string
  readonly transactionsHashes: readonly string[]
  readonly tradeIDs: readonly string[]
  readonly side: string
  readonly price: string
  readonly size: string
  readonly orderType: OrderTypeName
  readonly market?: MarketSummary
}

export function report(posted: PostedOrder | undefined, rejected: unknown, base: ReportBase): PostReport {
  if (posted !== undefined) {
    const p = loose(posted)
    return {
      success: p.success !== false,
      orderId: text(p.orderID) || (posted.orderHash ?? null),
      orderID: text(p.orderID),
      orderHash: posted.orderHash ?? null,
      status: text(p.status),
      errorMsg: text(p.errorMsg ?? p.error),
      insertCode: null,
      makingAmount: text(p.makingAmount),
      takingAmount: text(p.takingAmount),
      transactionsHashes: Array.isArray(p.transactionsHashes) ? p.transactionsHashes.map((x) => text(x)) : [],
      tradeIDs: Array.isArray(p.tradeIDs) ? p.tradeIDs.map((x) => text(x)) : [],
      ...base,
    }
  }
  const r = loose(rejected)
  return {
    success: false,
    orderId: typeof r.orderHash === 'string' ? r.orderHash : null,
    orderID: '',
    orderHash: typeof r.orderHash === 'string' ? r.orderHash : null,
    status: 'rejected',
    errorMsg: text(r.serverMessage, text(r.message)),
    insertCode: typeof r.insertCode === 'string' ? r.insertCode : null,
    makingAmount: '',
    takingAmount: '',
    transactionsHashes: [],
    tradeIDs: [],
    ...base,
  }
}

export function isRejection(e: unknown): boolean {
  return loose(e).name === 'OrderRejectedError'
}

export function outcomeUnknown(e: unknown): CliError | undefined {
  const err = loose(e)
  if (err.name !== 'OrderOutcomeUnknownError') return undefined
  const hashes = Array.isArray(err.orderHashes) ? err.orderHashes.map((h) => text(h)) : []
  return new CliError('ORDER_OUTCOME_UNKNOWN', text(err.message), {
    hint: `the order may or may not be live — check with \`clob order get ${hashes[0] ?? '<hash>'}\` or \`clob orders\` before re-posting`,
    cause: e,
  })
}

export function printReport(ctx: Context, r: PostReport): number {
  if (ctx.out.json) ctx.out.data(r)
  else if (r.success) {
    ctx.out.fields([
      ['order id', r.orderId ?? ''],
      ['status', ctx.out.paint(r.status, r.status === 'matched' ? 'green' : undefined)],
      ['side', ctx.out.paint(r.side, sideStyle(r.side))],
      ...(r.market === undefined
        ? ([
            ['price', r.price],
            ['size', `${r.size} shares`],
          ] as const)
        : ([
            [
              'amount',
              `${r.market.amount} ${r.market.amountUnit} ${r.side === 'BUY' ? 'to spend' : 'to sell'}`,
            ],
            [
              'worst price',
              `${r.market.worstPrice}${r.market.worstPriceSource === 'book' ? ' (computed from the book)' : ''}`,
            ],
            [
              r.side === 'BUY' ? 'shares' : 'proceeds',
              `at least ${r.market.expected} ${r.market.expectedUnit} (at the worst price)`,
            ],
          ] as const)),
      ['type', r.orderType],
      ...(r.makingAmount ? ([['making', fromUnitsSafe(r.makingAmount)]] as const) : []),
      ...(r.takingAmount ? ([['taking', fromUnitsSafe(r.takingAmount)]] as const) : []),
      ...(r.tradeIDs.length > 0 ? ([['trades', r.tradeIDs.join(', ')]] as const) : []),
      ...(r.transactionsHashes.length > 0 ? ([['tx', r.transactionsHashes.join(', ')]] as const) : []),
    ])
    if (r.errorMsg) ctx.out.warn(`server note: ${r.errorMsg}`)
  }
  if (!r.success) {
    throw new RejectedError(
      'ORDER_REJECTED',
      `order rejected${r.insertCode ? ` (${r.insertCode})` : ''}: ${r.errorMsg || 'no reason given'}`,
      rejectionHint(r.insertCode),
    )
  }
  return 0
}

export function fromUnitsSafe(v: string): string {
  return /^\d+$/.test(v) ? fromUnits(v) : v
}

export function rejectionHint(code: string | null): string | undefined {
  switch (code) {
    case 'INVALID_ORDER_NOT_ENOUGH_BALANCE':
      return 'check `clob balance` (open orders reserve balance too)'
    case 'INVALID_ORDER_MIN_TICK_SIZE':
      return 'the price is off the market tick; see `clob tick-size <token>`'
    case 'INVALID_ORDER_MIN_SIZE':
      return 'the size is below the market minimum; see `clob book <token>`'
    case 'FOK_ORDER_NOT_FILLED_ERROR':
      return 'not enough liquidity at that price; use --type FAK or a worse --price'
    case 'INVALID_POST_ONLY_ORDER':
      return 'a post-only order would have crossed the book'
    case 'INVALID_ORDER_EXPIRATION':
      return 'GTD expirations need more than 60 s of lead time'
    case 'ORDER_VERSION_MISMATCH':
      return 'the exchange version changed; retry (or pass --exchange-version)'
    default:
      return undefined
  }
}
