/**
 * `order get <id>`: one of the caller's orders, as the exchange knows it — the way
 * to reconcile an order whose POST outcome is unknown.
 * @module
 */
import { parseOrderId } from '../../args.js'
import type { Context } from '../../context.js'
import { UsageError } from '../../errors.js'
import { loose, sideStyle, text } from '../../util.js'

export async function orderGet(ctx: Context): Promise<number> {
  const id = ctx.positionals[0]
  if (id === undefined) throw new UsageError('MISSING_ARGUMENT', 'order-id', 'which order?')
  const { authClient } = await import('../../client.js')
  const order = await authClient(ctx).orders.get(parseOrderId(id))
  if (ctx.out.json) {
    ctx.out.data(order)
    return 0
  }
  const o = loose(order)
  ctx.out.fields([
    ['id', text(o.id)],
    ['status', text(o.status)],
    ['market', text(o.market)],
    ['token', text(o.asset_id)],
    ['side', ctx.out.paint(text(o.side), sideStyle(o.side))],
    ['price', text(o.price)],
    ['size', `${text(o.size_matched, '0')} / ${text(o.original_size)} matched`],
    ['type', text(o.order_type)],
    ['expiration', text(o.expiration) === '0' ? 'none' : text(o.expiration)],
    [
      'created',
      typeof o.created_at === 'number' ? new Date(o.created_at * 1000).toISOString() : text(o.created_at),
    ],
  ])
  return 0
}
