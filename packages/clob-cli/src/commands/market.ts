/**
 * Market data: markets, book, price, midpoint, spread, last trade (single and
 * batch), tick size, neg risk, fee rate, price history, server time. No auth.
 * @module
 */
import type { Side } from '@clobkit/eip712-order'
import {
  bool,
  isConditionId,
  parseConditionId,
  parseEnum,
  parseNonNegInt,
  parseSide,
  parseTimestamp,
  parseTokenId,
  required,
  str,
  strs,
} from '../args.js'
import { publicClient } from '../client.js'
import type { Context } from '../context.js'
import { UsageError } from '../errors.js'
import { loose, show, sideStyle, text, truncate } from '../util.js'

/** Token ids from positionals and/or --token flags. */
function tokens(ctx: Context, max = 1000): string[] {
  const ids = [...ctx.positionals, ...strs(ctx.values, 'token')].map((t) => parseTokenId(t, 'token-id'))
  if (ids.length === 0) {
    throw new UsageError(
      'MISSING_ARGUMENT',
      'token-id',
      'a token id is required',
      `e.g. clob ${ctx.command.path.join(' ')} 7132…`,
    )
  }
  if (ids.length > max) throw new UsageError('UNEXPECTED_ARGUMENT', 'token-id', `at most ${max} token id(s)`)
  return ids
}

function one(ctx: Context): string {
  return tokens(ctx, 1)[0]!
}

interface PageOut {
  data: unknown[]
  next_cursor: string
}

/** One page, or every page with a progress line on a TTY. */
export async function collect<T>(
  ctx: Context,
  pager: {
    first(): Promise<{ data: readonly T[]; next_cursor: string }>
    pages(): AsyncIterableIterator<{ data: readonly T[]; next_cursor: string }>
  },
  what: string,
): Promise<PageOut> {
  if (!bool(ctx.values, 'all')) {
    const page = await pager.first()
    return { data: [...page.data], next_cursor: page.next_cursor }
  }
  const data: T[] = []
  let pages = 0
  let cursor = 'LTE='
  for await (const page of pager.pages()) {
    pages++
    data.push(...page.data)
    cursor = page.next_cursor
    ctx.out.progress(`fetching ${what}: ${data.length} in ${pages} page(s)…`)
  }
  ctx.out.endProgress()
  return { data, next_cursor: cursor }
}

export async function marketsList(ctx: Context): Promise<number> {
  const client = publicClient(ctx)
  const kind = parseEnum(
    str(ctx.values, 'kind') ?? 'markets',
    ['markets', 'sampling', 'simplified', 'sampling-simplified'] as const,
    '--kind',
    'INVALID_KIND',
    'kind',
  )
  const cursor = str(ctx.values, 'cursor')
  const opts = cursor === undefined ? {} : { cursor }
  const pager =
    kind === 'markets'
      ? client.markets.list(opts)
      : kind === 'sampling'
        ? client.markets.sampling(opts)
        : kind === 'simplified'
          ? client.markets.simplified(opts)
          : kind === 'sampling-simplified'
            ? client.markets.samplingSimplified(opts)
            : undefined
  if (pager === undefined) {
    throw new UsageError(
      'INVALID_KIND',
      '--kind',
      `unknown kind ${JSON.stringify(kind)}`,
      'markets, sampling, simplified or sampling-simplified',
    )
  }
  const page = await collect(ctx, pager as Parameters<typeof collect>[1], 'markets')
  show(ctx.out, page, page.data.map(loose), [
    { header: 'CONDITION ID', value: (m) => text(m.condition_id) },
    {
      header: 'STATE',
      value: (m) =>
        m.closed === true
          ? 'closed'
          : m.active === false
            ? 'inactive'
            : m.accepting_orders === false
              ? 'paused'
              : 'open',
    },
    { header: 'QUESTION', value: (m) => truncate(text(m.question, text(m.market_slug)), 60) },
    {
      header: 'TOKENS',
      value: (m) =>
        Array.isArray(m.tokens)
          ? m.tokens
              .map((t) => `${text(loose(t).outcome)}:${truncate(text(loose(t).token_id), 12)}`)
              .join(' ')
          : '',
    },
  ])
  if (!ctx.out.json && page.next_cursor !== 'LTE=')
    ctx.out.note(`more: --cursor ${page.next_cursor} (or --all)`)
  return 0
}

export async function marketsGet(ctx: Context): Promise<number> {
  const client = publicClient(ctx)
  const token = str(ctx.values, 'token')
  const arg = ctx.positionals[0]
  let conditionId: string
  if (token !== undefined) {
    conditionId = (await client.markets.byToken(parseTokenId(token))).condition_id
  } else if (arg !== undefined && isConditionId(arg)) {
    conditionId = parseConditionId(arg, 'condition-id')
  } else if (arg !== undefined && /^\d+$/.test(arg)) {
    conditionId = (await client.markets.byToken(parseTokenId(arg, 'token-id'))).condition_id
  } else if (arg !== undefined) {
    throw new UsageError(
      'INVALID_CONDITION_ID',
      'condition-id',
      `${JSON.stringify(arg)} is neither a condition id nor a token id`,
    )
  } else {
    throw new UsageError('MISSING_ARGUMENT', 'condition-id', 'a condition id or --token is required')
  }
  const market = await client.markets.get(conditionId)
  if (ctx.out.json) {
    ctx.out.data(market)
    return 0
  }
  const m = loose(market)
  ctx.out.fields([
    ['condition id', text(m.condition_id)],
    ['question', text(m.question)],
    ['slug', text(m.market_slug)],
    ['state', m.closed === true ? 'closed' : m.active === false ? 'inactive' : 'open'],
    ['accepting orders', text(m.accepting_orders)],
    ['neg risk', text(m.neg_risk)],
    ['tick size', text(m.minimum_tick_size)],
    ['min order size', text(m.minimum_order_size)],
    ['end date', text(m.end_date_iso)],
  ])
  const toks = Array.isArray(m.tokens) ? m.tokens.map(loose) : []
  if (toks.length > 0) {
    ctx.out.line()
    ctx.out.table(toks, [
      { header: 'OUTCOME', value: (t) => text(t.outcome) },
      { header: 'TOKEN ID', value: (t) => text(t.token_id) },
      { header: 'PRICE', value: (t) => text(t.price), align: 'right' },
    ])
  }
  return 0
}

export async function book(ctx: Context): Promise<number> {
  const token = one(ctx)
  const depthFlag = str(ctx.values, 'depth')
  const depth = depthFlag === undefined ? undefined : parseNonNegInt(depthFlag, '--depth', 10_000)
  const b = await publicClient(ctx).books.book(token)
  // Best level last on the wire (§3.7); sort defensively for display and --depth.
  const byPrice = (a: { price: string }, c: { price: string }): number => Number(a.price) - Number(c.price)
  const asks = [...(b.asks ?? [])].sort(byPrice)
  const bids = [...(b.bids ?? [])].sort(byPrice).reverse()
  const cut = <T>(xs: T[]): T[] => (depth === undefined ? xs : xs.slice(0, depth))
  if (ctx.out.json) {
    ctx.out.data(depth === undefined ? b : { ...b, bids: cut(bids).reverse(), asks: cut(asks).reverse() })
    return 0
  }
  const shownAsks = cut(asks).reverse()
  const shownBids = cut(bids)
  const rows = [
    ...shownAsks.map((l) => ({ side: 'ASK', price: l.price, size: l.size })),
    ...shownBids.map((l) => ({ side: 'BID', price: l.price, size: l.size })),
  ]
  ctx.out.fields([
    ['market', text(b.market)],
    ['token', text(b.asset_id)],
    ['tick size', text(b.tick_size, '?')],
    ['last trade', text(b.last_trade_price, '-')],
  ])
  ctx.out.line()
  ctx.out.table(rows, [
    { header: 'SIDE', value: (r) => r.side, style: (r) => (r.side === 'ASK' ? 'red' : 'green') },
    { header: 'PRICE', value: (r) => r.price, align: 'right' },
    { header: 'SIZE', value: (r) => r.size, align: 'right' },
  ])
  return 0
}

export async function price(ctx: Context): Promise<number> {
  const ids = tokens(ctx)
  const side = parseSide(required(ctx.values, 'side', 'BUY or SELL')) as Side
  const client = publicClient(ctx)
  let rows: { token_id: string; side: Side; price: string }[]
  if (ids.length === 1) {
    const r = await client.books.price(ids[0]!, side)
    rows = [{ token_id: ids[0]!, side, price: text(loose(r).price) }]
  } else {
    const r = loose(await client.books.prices(ids.map((token_id) => ({ token_id, side }))))
    rows = ids.map((id) => ({ token_id: id, side, price: text(loose(r[id])[side], '') }))
  }
  show(ctx.out, ids.length === 1 ? rows[0] : rows, rows, [
    { header: 'TOKEN ID', value: (r) => r.token_id },
    { header: 'SIDE', value: (r) => r.side, style: (r) => sideStyle(r.side) },
    { header: 'PRICE', value: (r) => r.price || '-', align: 'right' },
  ])
  return 0
}

export async function midpoint(ctx: Context): Promise<number> {
  const ids = tokens(ctx)
  const client = publicClient(ctx)
  let rows: { token_id: string; mid: string }[]
  if (ids.length === 1)
    rows = [{ token_id: ids[0]!, mid: text(loose(await client.books.midpoint(ids[0]!)).mid) }]
  else {
    const r = loose(await client.books.midpoints(ids))
    rows = ids.map((id) => ({ token_id: id, mid: text(r[id]) }))
  }
  show(ctx.out, rows, rows, [
    { header: 'TOKEN ID', value: (r) => r.token_id },
    { header: 'MID', value: (r) => r.mid || '-', align: 'right' },
  ])
  return 0
}

export async function spread(ctx: Context): Promise<number> {
  const ids = tokens(ctx)
  const client = publicClient(ctx)
  let rows: { token_id: string; spread: string }[]
  if (ids.length === 1)
    rows = [{ token_id: ids[0]!, spread: text(loose(await client.books.spread(ids[0]!)).spread) }]
  else {
    const raw = loose(await client.books.spreads(ids))
    // RS mocks wrap the map in {spreads: …}; TS leaves it bare (§8 item 14).
    const map = typeof raw.spreads === 'object' && raw.spreads !== null ? loose(raw.spreads) : raw
    rows = ids.map((id) => ({ token_id: id, spread: text(map[id]) }))
  }
  show(ctx.out, rows, rows, [
    { header: 'TOKEN ID', value: (r) => r.token_id },
    { header: 'SPREAD', value: (r) => r.spread || '-', align: 'right' },
  ])
  return 0
}

export async function lastTrade(ctx: Context): Promise<number> {
  const ids = tokens(ctx)
  const client = publicClient(ctx)
  let rows: { token_id: string; price: string; side: string }[]
  if (ids.length === 1) {
    const r = loose(await client.books.lastTradePrice(ids[0]!))
    rows = [{ token_id: ids[0]!, price: text(r.price), side: text(r.side) }]
  } else {
    const list = await client.books.lastTradesPrices(ids)
    const byId = new Map((Array.isArray(list) ? list : []).map((x) => [text(loose(x).token_id), loose(x)]))
    rows = ids.map((id) => ({
      token_id: id,
      price: text(byId.get(id)?.price),
      side: text(byId.get(id)?.side),
    }))
  }
  show(ctx.out, rows, rows, [
    { header: 'TOKEN ID', value: (r) => r.token_id },
    { header: 'PRICE', value: (r) => r.price || '-', align: 'right' },
    { header: 'SIDE', value: (r) => r.side || '-', style: (r) => sideStyle(r.side) },
  ])
  return 0
}

export async function tickSize(ctx: Context): Promise<number> {
  const token = one(ctx)
  const tick = await publicClient(ctx).books.tickSize(token)
  if (ctx.out.json) ctx.out.data({ token_id: token, tick_size: tick })
  else ctx.out.line(tick)
  return 0
}

export async function negRisk(ctx: Context): Promise<number> {
  const token = one(ctx)
  const nr = await publicClient(ctx).books.negRisk(token)
  if (ctx.out.json) ctx.out.data({ token_id: token, neg_risk: nr })
  else ctx.out.line(String(nr))
  return 0
}

export async function feeRate(ctx: Context): Promise<number> {
  const token = one(ctx)
  const bps = await publicClient(ctx).books.feeRate(token)
  if (ctx.out.json) ctx.out.data({ token_id: token, base_fee: bps })
  else ctx.out.line(`${bps} bps`)
  return 0
}

const INTERVALS = ['max', '1w', '1d', '6h', '1h', '1m'] as const

export async function priceHistory(ctx: Context): Promise<number> {
  const token = one(ctx)
  const intervalFlag = str(ctx.values, 'interval')
  const interval =
    intervalFlag === undefined
      ? undefined
      : parseEnum(intervalFlag, INTERVALS, '--interval', 'INVALID_INTERVAL', 'interval')
  const start = str(ctx.values, 'start')
  const end = str(ctx.values, 'end')
  if (interval !== undefined && !(INTERVALS as readonly string[]).includes(interval)) {
    throw new UsageError(
      'INVALID_INTERVAL',
      '--interval',
      `unknown interval ${JSON.stringify(interval)}`,
      INTERVALS.join(', '),
    )
  }
  if (interval === undefined && (start === undefined || end === undefined)) {
    throw new UsageError('MISSING_RANGE', '--interval', 'give --interval, or both --start and --end')
  }
  if (interval !== undefined && (start !== undefined || end !== undefined)) {
    throw new UsageError(
      'CONFLICTING_OPTIONS',
      '--interval',
      '--interval cannot be combined with --start/--end',
    )
  }
  const fidelity = str(ctx.values, 'fidelity')
  const history = await publicClient(ctx).books.priceHistory({
    market: token,
    ...(interval === undefined ? {} : { interval: interval as (typeof INTERVALS)[number] }),
    ...(start === undefined ? {} : { startTs: parseTimestamp(start, '--start') }),
    ...(end === undefined ? {} : { endTs: parseTimestamp(end, '--end') }),
    ...(fidelity === undefined ? {} : { fidelity: parseNonNegInt(fidelity, '--fidelity') }),
  })
  const points = history.map(loose)
  show(ctx.out, { token_id: token, history }, points, [
    {
      header: 'TIME',
      value: (p) => (typeof p.t === 'number' ? new Date(p.t * 1000).toISOString() : text(p.t)),
    },
    { header: 'PRICE', value: (p) => text(p.p), align: 'right' },
  ])
  return 0
}

export async function time(ctx: Context): Promise<number> {
  const client = publicClient(ctx)
  const before = Date.now()
  const server = await client.server.time()
  const after = Date.now()
  const local = (before + after) / 2
  const offsetMs = Math.round(server * 1000 - local)
  const result = { server, local: Math.floor(local / 1000), offset_ms: offsetMs, rtt_ms: after - before }
  if (ctx.out.json) ctx.out.data(result)
  else
    ctx.out.fields([
      ['server', `${server} (${new Date(server * 1000).toISOString()})`],
      ['local', `${result.local}`],
      [
        'offset',
        `${offsetMs} ms (±${Math.ceil((after - before) / 2) + 1000} ms: the server reports whole seconds)`,
      ],
    ])
  return 0
}
