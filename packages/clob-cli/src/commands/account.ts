/**
 * Account: open orders, trades, balance/allowance (and refresh), notifications,
 * scoring, closed-only status, rewards. All L2 with the profile's credentials.
 * @module
 */
import {
  bool,
  parseAddress,
  parseConditionId,
  parseDate,
  parseOrderId,
  parseTimestamp,
  parseTokenId,
  str,
} from '../args.js'
import { authClient, publicClient } from '../client.js'
import type { Context } from '../context.js'
import { UsageError } from '../errors.js'
import { fromUnits, loose, show, sideStyle, text } from '../util.js'
import { collect } from './market.js'

function filters(ctx: Context) {
  const m = str(ctx.values, 'market')
  const t = str(ctx.values, 'token')
  const id = str(ctx.values, 'id')
  return {
    ...(m === undefined ? {} : { market: parseConditionId(m) }),
    ...(t === undefined ? {} : { asset_id: parseTokenId(t) }),
    ...(id === undefined ? {} : { id }),
  }
}

function cursorOpt(ctx: Context) {
  const c = str(ctx.values, 'cursor')
  return c === undefined ? {} : { cursor: c }
}

export async function openOrders(ctx: Context): Promise<number> {
  const pager = authClient(ctx).orders.open(filters(ctx), cursorOpt(ctx))
  const page = await collect(ctx, pager, 'open orders')
  show(ctx.out, page, page.data.map(loose), [
    { header: 'ORDER ID', value: (o) => text(o.id) },
    { header: 'SIDE', value: (o) => text(o.side), style: (o) => sideStyle(o.side) },
    { header: 'PRICE', value: (o) => text(o.price), align: 'right' },
    { header: 'SIZE', value: (o) => text(o.original_size), align: 'right' },
    { header: 'FILLED', value: (o) => text(o.size_matched, '0'), align: 'right' },
    { header: 'TYPE', value: (o) => text(o.order_type) },
    { header: 'STATUS', value: (o) => text(o.status) },
    { header: 'TOKEN', value: (o) => text(o.asset_id) },
  ])
  return 0
}

export async function trades(ctx: Context): Promise<number> {
  const maker = str(ctx.values, 'maker')
  const before = str(ctx.values, 'before')
  const after = str(ctx.values, 'after')
  const params = {
    ...filters(ctx),
    ...(maker === undefined ? {} : { maker_address: parseAddress(maker, '--maker') }),
    ...(before === undefined ? {} : { before: parseTimestamp(before, '--before') }),
    ...(after === undefined ? {} : { after: parseTimestamp(after, '--after') }),
  }
  const page = await collect(ctx, authClient(ctx).trades.list(params, cursorOpt(ctx)), 'trades')
  show(ctx.out, page, page.data.map(loose), [
    { header: 'TRADE ID', value: (t) => text(t.id) },
    { header: 'SIDE', value: (t) => text(t.side), style: (t) => sideStyle(t.side) },
    { header: 'PRICE', value: (t) => text(t.price), align: 'right' },
    { header: 'SIZE', value: (t) => text(t.size), align: 'right' },
    { header: 'ROLE', value: (t) => text(t.trader_side) },
    { header: 'STATUS', value: (t) => text(t.status) },
    {
      header: 'TIME',
      value: (t) => {
        const s = Number(t.match_time)
        return Number.isFinite(s) && s > 0 ? new Date(s * 1000).toISOString() : text(t.match_time)
      },
    },
  ])
  return 0
}

export async function balance(ctx: Context): Promise<number> {
  const t = str(ctx.values, 'token')
  const params =
    t === undefined
      ? ({ asset_type: 'COLLATERAL' } as const)
      : ({ asset_type: 'CONDITIONAL', token_id: parseTokenId(t) } as const)
  const client = authClient(ctx)
  if (bool(ctx.values, 'refresh')) {
    ctx.out.progress('refreshing the balance on the server…')
    await client.account.refreshBalanceAllowance(params)
    ctx.out.endProgress()
  }
  const res = loose(await client.account.balanceAllowance(params))
  const allowances = loose(res.allowances)
  const result = {
    asset_type: params.asset_type,
    ...(params.asset_type === 'CONDITIONAL' ? { token_id: params.token_id } : {}),
    balance: text(res.balance),
    allowances:
      Object.keys(allowances).length > 0
        ? allowances
        : res.allowance === undefined
          ? {}
          : { '*': res.allowance },
    refreshed: bool(ctx.values, 'refresh'),
  }
  if (ctx.out.json) {
    ctx.out.data(result)
    return 0
  }
  // An allowance near 2^256 is the usual "approve max": say so instead of 78 digits.
  const units = (v: unknown): string =>
    /^\d+$/.test(text(v)) ? (BigInt(text(v)) >= 1n << 128n ? 'unlimited' : fromUnits(text(v))) : text(v)
  ctx.out.fields([
    ['asset', params.asset_type === 'COLLATERAL' ? 'collateral (USDC)' : `token ${params.token_id}`],
    ['balance', units(res.balance)],
    ...Object.entries(result.allowances).map(([spender, v]) => [`allowance ${spender}`, units(v)] as const),
  ])
  return 0
}

export async function notificationsList(ctx: Context): Promise<number> {
  const list = await authClient(ctx).account.notifications()
  show(ctx.out, list, list.map(loose), [
    { header: 'ID', value: (n) => text(n.id), align: 'right' },
    {
      header: 'TYPE',
      value: (n) => ({ 1: 'cancel', 2: 'fill', 4: 'resolved' })[Number(n.type) as 1 | 2 | 4] ?? text(n.type),
    },
    {
      header: 'TIME',
      value: (n) => (typeof n.timestamp === 'number' ? new Date(n.timestamp * 1000).toISOString() : ''),
    },
    {
      header: 'DETAIL',
      value: (n) => {
        const p = loose(n.payload)
        return [
          text(p.side),
          text(p.matched_size ?? p.original_size),
          text(p.price) && `@ ${text(p.price)}`,
          text(p.order_id),
        ]
          .filter(Boolean)
          .join(' ')
      },
    },
  ])
  return 0
}

export async function notificationsDrop(ctx: Context): Promise<number> {
  const ids = ctx.positionals.map((id) => {
    if (!/^\d+$/.test(id))
      throw new UsageError('INVALID_ID', 'id', `${JSON.stringify(id)} is not a notification id`)
    return id
  })
  if (ids.length === 0) throw new UsageError('MISSING_ARGUMENT', 'id', 'which notification(s)?')
  await authClient(ctx).account.dropNotifications(ids)
  if (ctx.out.json) ctx.out.data({ dropped: ids.map(Number) })
  else ctx.out.line(`dropped ${ids.length} notification(s)`)
  return 0
}

export async function scoring(ctx: Context): Promise<number> {
  const ids = ctx.positionals.map((id) => parseOrderId(id))
  if (ids.length === 0) throw new UsageError('MISSING_ARGUMENT', 'order-id', 'which order(s)?')
  const client = authClient(ctx)
  const map: Record<string, boolean> =
    ids.length === 1
      ? { [ids[0]!]: loose(await client.orders.isScoring(ids[0]!)).scoring === true }
      : await client.orders.areScoring(ids)
  const rows = ids.map((id) => ({ id, scoring: map[id] === true }))
  show(ctx.out, map, rows, [
    { header: 'ORDER ID', value: (r) => r.id },
    {
      header: 'SCORING',
      value: (r) => (r.scoring ? 'yes' : 'no'),
      style: (r) => (r.scoring ? 'green' : undefined),
    },
  ])
  return 0
}

export async function closedOnly(ctx: Context): Promise<number> {
  const v = await authClient(ctx).account.closedOnly()
  if (ctx.out.json) ctx.out.data({ closed_only: v })
  else ctx.out.line(v ? 'closed-only: the account may only reduce positions' : 'not closed-only')
  return 0
}

function today(): string {
  return new Date().toISOString().slice(0, 10)
}

export async function rewardsEarnings(ctx: Context): Promise<number> {
  const d = str(ctx.values, 'date')
  const date = d === undefined ? today() : parseDate(d)
  const page = await collect(ctx, authClient(ctx).rewards.earnings(date, cursorOpt(ctx)), 'earnings')
  show(ctx.out, page, page.data.map(loose), [
    { header: 'DATE', value: (e) => text(e.date) },
    { header: 'MARKET', value: (e) => text(e.condition_id) },
    { header: 'EARNINGS', value: (e) => text(e.earnings), align: 'right' },
    { header: 'RATE', value: (e) => text(e.asset_rate), align: 'right' },
  ])
  return 0
}

export async function rewardsTotal(ctx: Context): Promise<number> {
  const d = str(ctx.values, 'date')
  const date = d === undefined ? today() : parseDate(d)
  const list = await authClient(ctx).rewards.totalEarnings(date)
  show(ctx.out, list, list.map(loose), [
    { header: 'DATE', value: (e) => text(e.date) },
    { header: 'ASSET', value: (e) => text(e.asset_address) },
    { header: 'EARNINGS', value: (e) => text(e.earnings), align: 'right' },
  ])
  return 0
}

export async function rewardsPercentages(ctx: Context): Promise<number> {
  const map = await authClient(ctx).rewards.percentages()
  show(ctx.out, map, Object.entries(map), [
    { header: 'MARKET', value: ([k]) => k },
    { header: 'PERCENT', value: ([, v]) => String(v), align: 'right' },
  ])
  return 0
}

export async function rewardsMarkets(ctx: Context): Promise<number> {
  const cid = ctx.positionals[0]
  const client = publicClient(ctx)
  const pager =
    cid === undefined
      ? client.rewards.currentMarkets(cursorOpt(ctx))
      : client.rewards.market(parseConditionId(cid, 'condition-id'), cursorOpt(ctx))
  const page = await collect(ctx, pager, 'reward markets')
  show(ctx.out, page, page.data.map(loose), [
    { header: 'MARKET', value: (m) => text(m.condition_id) },
    { header: 'MAX SPREAD', value: (m) => text(m.rewards_max_spread), align: 'right' },
    { header: 'MIN SIZE', value: (m) => text(m.rewards_min_size), align: 'right' },
    { header: 'QUESTION', value: (m) => text(m.question) },
  ])
  return 0
}
