/**
 * `order limit` (GTC / GTD) and `order market` (FOK / FAK with a worst price).
 * The order is created and signed first, so its hash is known before anything is
 * sent; then it is posted once (re-signed and posted once more only when the
 * exchange answers a version mismatch and no version was pinned). Ctrl-C / SIGTERM
 * while posting reports what is known and exits 130 / 143.
 * @module
 */
import type { Client, CreatedOrder, PostedOrder } from '@clobkit/clob-rest'
import {
  bool,
  type OrderTypeName,
  parseDecimal,
  parseOrderType,
  parsePrice,
  required,
  str,
} from '../../args.js'
import type { Context } from '../../context.js'
import { isUnknownToken, tokenNotFound, UsageError } from '../../errors.js'
import { guardSignals, interrupted } from '../../interrupt.js'
import { dryRun, notionalOf, sharesOf } from './describe.js'
import {
  asUsage,
  type CommonOrderInput,
  checkLot,
  checkOnTick,
  commonInput,
  createOptions,
  effectiveTick,
  limitInput,
  limitParams,
  orderClient,
} from './input.js'
import { isRejection, outcomeUnknown, printReport, type ReportBase, report } from './report.js'

type Version = 1 | 2 | 3

/**
 * Signs with `make`, posts, and reports. `pinned` is true when the user chose the
 * exchange version (then a version mismatch is reported, not retried).
 */
async function signAndPost(
  ctx: Context,
  client: Client,
  make: (version: Version | undefined, signal: AbortSignal) => Promise<CreatedOrder>,
  post: { orderType: OrderTypeName; postOnly: boolean },
  pinned: boolean,
  base: (created: CreatedOrder) => ReportBase,
  prepare: (signal: AbortSignal) => Promise<void>,
): Promise<number> {
  // The guard covers the lookups before signing too (tick size, book): a signal
  // there is reported as "nothing was posted", never a silent exit.
  const guard = guardSignals(ctx.out)
  let created: CreatedOrder | undefined
  let posting = false
  try {
    await prepare(guard.signal)
    if (guard.received() !== undefined) throw new Error('interrupted')
    created = await asUsage(() => make(undefined, guard.signal))
    let posted: PostedOrder | undefined
    let rejected: unknown
    for (let attempt = 0; ; attempt++) {
      if (guard.received() !== undefined) break
      try {
        posting = true
        posted = await client.orders.post(created, { ...post, signal: guard.signal })
        break
      } catch (e) {
        posting = false
        const name = guard.received()
        if (name !== undefined) throw interrupted(name, e, 'order', [created.hash], 'during')
        const unknown = outcomeUnknown(e)
        if (unknown !== undefined) throw unknown
        if (!isRejection(e)) throw e
        const code = (e as { insertCode?: unknown }).insertCode
        if (attempt === 0 && !pinned && code === 'ORDER_VERSION_MISMATCH') {
          const next = await client.marketInfo.version({ force: true, signal: guard.signal })
          if (next !== created.version) {
            created = await asUsage(() => make(next, guard.signal))
            continue
          }
        }
        rejected = e
        break
      }
    }
    const name = guard.received()
    if (name !== undefined && posted === undefined && rejected === undefined) {
      throw interrupted(name, undefined, 'order', [created.hash], 'before')
    }
    return printReport(ctx, report(posted, rejected, base(created)))
  } catch (e) {
    const name = guard.received()
    if (name !== undefined && !(e instanceof Error && e.name === 'CliError' && 'exitCode' in e && e.exitCode))
      throw interrupted(name, e, 'order', created ? [created.hash] : [], posting ? 'during' : 'before')
    throw e
  } finally {
    guard.dispose()
  }
}

/** `--salt` / `--timestamp` pin what is signed, which only a dry run or `order sign` may do. */
function refusePinned(input: CommonOrderInput, dry: boolean): void {
  if (!dry && (input.salt !== undefined || input.timestamp !== undefined)) {
    throw new UsageError(
      'CONFLICTING_OPTIONS',
      '--salt',
      '--salt/--timestamp are only for --dry-run and `order sign`',
    )
  }
}

// ---- order limit ----------------------------------------------------------------

export async function orderLimit(ctx: Context): Promise<number> {
  const input = limitInput(ctx, ['GTC', 'GTD'])
  const dry = bool(ctx.values, 'dry-run')
  refusePinned(input, dry)
  const client = await orderClient(ctx, input, { credentials: !dry })
  const prepare = async (signal?: AbortSignal): Promise<void> => {
    const tick = await effectiveTick(ctx, client, input.tokenId, input.tickSize, '--token', signal)
    checkOnTick(input.price, tick)
  }
  const create = (version: Version | undefined, signal?: AbortSignal) =>
    client.orders.create(limitParams(input), {
      ...createOptions(input),
      ...(version === undefined ? {} : { version }),
      ...(signal === undefined ? {} : { signal }),
    })
  if (dry) {
    await prepare()
    const created = await asUsage(() => create(undefined))
    return dryRun(ctx, client, created, input.orderType, input.postOnly)
  }
  return signAndPost(
    ctx,
    client,
    create,
    { orderType: input.orderType, postOnly: input.postOnly },
    input.version !== undefined,
    () => ({ side: input.side, price: input.price, size: input.size, orderType: input.orderType }),
    prepare,
  )
}

// ---- order market ----------------------------------------------------------------

export async function orderMarket(ctx: Context): Promise<number> {
  const v = ctx.values
  const common = commonInput(ctx)
  const amountUnit = common.side === 'BUY' ? 'USDC' : 'shares'
  const amount = checkLot(
    (m) => ctx.out.warn(m),
    parseDecimal(required(v, 'amount', 'BUY: collateral to spend; SELL: shares'), '--amount', {
      positive: true,
    }),
    '--amount',
    amountUnit,
  )
  const priceFlag = str(v, 'price')
  const typeFlag = str(v, 'type')
  const orderType = (typeFlag === undefined ? 'FOK' : parseOrderType(typeFlag, ['FOK', 'FAK'])) as
    | 'FOK'
    | 'FAK'
  const dry = bool(v, 'dry-run')
  refusePinned(common, dry)
  const client = await orderClient(ctx, common, { credentials: !dry })
  let price = ''
  const prepare = async (signal?: AbortSignal): Promise<void> => {
    const tick = await effectiveTick(ctx, client, common.tokenId, common.tickSize, '--token', signal)
    if (priceFlag !== undefined) {
      price = parsePrice(priceFlag)
      checkOnTick(price, tick)
      return
    }
    // The worst price from the book, computed here so it can be printed as signed.
    const MarketPrice = await import('@clobkit/eip712-order/market-price')
    let book: Awaited<ReturnType<Client['books']['book']>>
    try {
      book = await client.books.book(common.tokenId, signal === undefined ? {} : { signal })
    } catch (e) {
      if (isUnknownToken(e)) throw tokenNotFound([common.tokenId], ctx.settings.host, e)
      throw e
    }
    price = await asUsage(() =>
      MarketPrice.fromBook({
        side: common.side,
        levels: (common.side === 'BUY' ? book.asks : book.bids) ?? [],
        amount,
        orderType,
      }),
    )
  }
  const params = () => ({
    tokenId: common.tokenId,
    side: common.side,
    amount,
    orderType,
    price,
    ...(common.metadata === undefined ? {} : { metadata: common.metadata }),
    ...(common.builderCode === undefined ? {} : { builderCode: common.builderCode }),
    ...(common.feeRateBps === undefined ? {} : { feeRateBps: common.feeRateBps }),
    ...(common.nonce === undefined ? {} : { nonce: common.nonce }),
    ...(common.taker === undefined ? {} : { taker: common.taker }),
  })
  const create = (version: Version | undefined, signal?: AbortSignal) =>
    client.orders.createMarket(params(), {
      ...createOptions(common),
      ...(version === undefined ? {} : { version }),
      ...(signal === undefined ? {} : { signal }),
    })
  if (dry) {
    await prepare()
    const created = await asUsage(() => create(undefined))
    return dryRun(ctx, client, created, orderType, false)
  }
  return signAndPost(
    ctx,
    client,
    create,
    { orderType, postOnly: false },
    common.version !== undefined,
    (created) => {
      const shares = sharesOf(created.order)
      return {
        side: common.side,
        price,
        size: shares,
        orderType,
        market: {
          amount,
          amountUnit,
          worstPrice: price,
          worstPriceSource: priceFlag === undefined ? 'book' : 'flag',
          expected: common.side === 'BUY' ? shares : notionalOf(created.order),
          expectedUnit: common.side === 'BUY' ? 'shares' : 'USDC',
        },
      }
    },
    prepare,
  )
}
