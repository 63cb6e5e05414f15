/**
 * Cancels: one or many by id, all, or by market/asset. `cancel all` and
 * `cancel market` ask for confirmation on a TTY unless `--yes`; without a TTY
 * they refuse (exit 2) unless `--yes`. Anything not cancelled exits 1.
 * @module
 */
import { parseConditionId, parseOrderId, parseTokenId, str } from '../args.js'
import { authClient } from '../client.js'
import type { Context } from '../context.js'
import { CliError, RejectedError, UsageError } from '../errors.js'
import { guardSignals, interrupted } from '../interrupt.js'
import { loose, text } from '../util.js'

interface CancelReport {
  readonly canceled: string[]
  readonly not_canceled: Record<string, string>
}

function normalize(res: unknown): CancelReport {
  const r = loose(res)
  const canceled = Array.isArray(r.canceled) ? r.canceled.map((x) => text(x)) : []
  const nc = loose(r.not_canceled)
  return { canceled, not_canceled: Object.fromEntries(Object.entries(nc).map(([k, v]) => [k, text(v)])) }
}

function print(ctx: Context, report: CancelReport): number {
  const failed = Object.entries(report.not_canceled)
  if (ctx.out.json) ctx.out.data(report)
  else {
    if (report.canceled.length === 0 && failed.length === 0) ctx.out.line('nothing to cancel')
    for (const id of report.canceled) ctx.out.line(`${ctx.out.paint('canceled', 'green')}  ${id}`)
    for (const [id, why] of failed) ctx.out.line(`${ctx.out.paint('NOT canceled', 'red')}  ${id}  ${why}`)
    if (report.canceled.length > 1) ctx.out.note(`${report.canceled.length} order(s) canceled`)
  }
  if (failed.length > 0) {
    throw new RejectedError(
      'NOT_CANCELED',
      `${failed.length} order(s) were not canceled`,
      'see the reasons above; `clob orders` lists what is still open',
    )
  }
  return 0
}

/** Runs a cancel request; Ctrl-C / SIGTERM aborts it and says whether it had been sent. */
async function guarded<T>(ctx: Context, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const guard = guardSignals(ctx.out)
  try {
    return await run(guard.signal)
  } catch (e) {
    const name = guard.received()
    if (name !== undefined) throw interrupted(name, e, 'cancel')
    throw e
  } finally {
    guard.dispose()
  }
}

export async function cancelOrders(ctx: Context): Promise<number> {
  const ids = ctx.positionals.map((id) => parseOrderId(id))
  if (ids.length === 0)
    throw new UsageError('MISSING_ARGUMENT', 'order-id', 'which order(s)?', 'clob cancel order 0x…')
  const client = authClient(ctx)
  const res = await guarded(ctx, (signal) =>
    ids.length === 1 ? client.cancels.one(ids[0]!, { signal }) : client.cancels.many(ids, { signal }),
  )
  return print(ctx, normalize(res))
}

export async function cancelAll(ctx: Context): Promise<number> {
  const client = authClient(ctx)
  if (
    !(await ctx.confirm(`Cancel ALL open orders of ${ctx.credentials().address} on ${ctx.settings.host}?`))
  ) {
    throw new CliError('ABORTED', 'not confirmed; nothing was canceled')
  }
  return print(ctx, normalize(await guarded(ctx, (signal) => client.cancels.all({ signal }))))
}

export async function cancelMarket(ctx: Context): Promise<number> {
  const m = str(ctx.values, 'market')
  const t = str(ctx.values, 'token')
  if (m === undefined && t === undefined) {
    throw new UsageError('MISSING_OPTION', '--market', 'give --market CONDITION_ID and/or --token ID')
  }
  const market = m === undefined ? undefined : parseConditionId(m)
  const asset = t === undefined ? undefined : parseTokenId(t)
  const client = authClient(ctx)
  const what = [market && `market ${market}`, asset && `token ${asset}`].filter(Boolean).join(' / ')
  if (!(await ctx.confirm(`Cancel every open order in ${what}?`))) {
    throw new CliError('ABORTED', 'not confirmed; nothing was canceled')
  }
  const res = await guarded(ctx, (signal) =>
    client.cancels.market(
      {
        ...(market === undefined ? {} : { market }),
        ...(asset === undefined ? {} : { asset_id: asset }),
      },
      { signal },
    ),
  )
  return print(ctx, normalize(res))
}
