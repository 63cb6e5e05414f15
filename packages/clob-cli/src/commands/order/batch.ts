/**
 * `order batch <file>`: JSON or CSV rows, each validated (named by row), signed
 * locally and posted 15 per request. Ctrl-C between or during requests reports
 * what was posted, what is unknown and what was never sent.
 * @module
 */
import { readFileSync } from 'node:fs'
import type { Client, CreatedOrder } from '@clobkit/clob-rest'
import {
  bool,
  type OrderTypeName,
  parseDecimal,
  parseExpires,
  parseOrderType,
  parsePrice,
  parseSide,
  parseTick,
  parseTokenId,
} from '../../args.js'
import type { Context } from '../../context.js'
import { parseCsv } from '../../csv.js'
import { CliError, RejectedError, UsageError } from '../../errors.js'
import { guardSignals, interrupted } from '../../interrupt.js'
import { loose, sideStyle } from '../../util.js'
import { describe } from './describe.js'
import {
  asUsage,
  type CommonOrderInput,
  checkLot,
  checkOnTick,
  effectiveTick,
  orderClient,
  ownerOf,
} from './input.js'
import { outcomeUnknown, type PostReport, report } from './report.js'

interface BatchRow {
  readonly token: string
  readonly side: string
  readonly price: string
  readonly size: string
  readonly type?: string
  readonly expires?: string
  readonly tick_size?: string
  readonly neg_risk?: string | boolean
  readonly post_only?: string | boolean
}

function readBatch(path: string): BatchRow[] {
  let content: string
  try {
    content = readFileSync(path, 'utf8')
  } catch (e) {
    throw new CliError('FILE_UNREADABLE', `cannot read ${path}`, { cause: e })
  }
  let rows: unknown
  if (/\.json$/i.test(path) || /^\s*[[{]/.test(content)) {
    try {
      rows = JSON.parse(content)
    } catch {
      throw new UsageError('INVALID_BATCH_FILE', 'file', `${path} is not valid JSON`)
    }
    if (!Array.isArray(rows))
      throw new UsageError('INVALID_BATCH_FILE', 'file', 'a JSON batch file holds an array of orders')
  } else rows = parseCsv(content)
  const list = rows as unknown[]
  if (list.length === 0) throw new UsageError('INVALID_BATCH_FILE', 'file', `${path} holds no orders`)
  return list.map((r, i) => {
    const o = loose(r)
    const get = (k: string): string | undefined => {
      const v = o[k] ?? o[k.replace(/_(.)/g, (_m, c: string) => c.toUpperCase())]
      return v === undefined || v === null || v === '' ? undefined : String(v)
    }
    const token = get('token') ?? get('token_id')
    const side = get('side')
    const price = get('price')
    const size = get('size')
    for (const [k, val] of [
      ['token', token],
      ['side', side],
      ['price', price],
      ['size', size],
    ] as const) {
      if (val === undefined)
        throw new UsageError('INVALID_BATCH_ROW', `row ${i + 1}`, `row ${i + 1}: missing ${k}`)
    }
    return {
      token: token!,
      side: side!,
      price: price!,
      size: size!,
      ...(get('type') === undefined ? {} : { type: get('type')! }),
      ...(get('expires') === undefined ? {} : { expires: get('expires')! }),
      ...(get('tick_size') === undefined ? {} : { tick_size: get('tick_size')! }),
      ...(get('neg_risk') === undefined ? {} : { neg_risk: get('neg_risk')! }),
      ...(get('post_only') === undefined ? {} : { post_only: get('post_only')! }),
    }
  })
}

function flag(value: string | boolean | undefined, param: string): boolean {
  if (value === undefined || value === false) return false
  if (value === true) return true
  const v = value.toLowerCase()
  if (['1', 'true', 'yes', 'y'].includes(v)) return true
  if (['0', 'false', 'no', 'n', ''].includes(v)) return false
  throw new UsageError('INVALID_BOOLEAN', param, `${param}: ${JSON.stringify(value)} is not true/false`)
}

const BATCH_SIZE = 15

let warnLot: (message: string) => void = () => {}

function lot(size: string, param: string): string {
  return checkLot(warnLot, size, param, 'shares')
}

/** Validates one batch row; every usage error names the row. */
function rowInput(r: BatchRow, i: number, allPostOnly: boolean, now: number) {
  const p = `row ${i + 1}: `
  try {
    const orderType =
      r.type === undefined
        ? r.expires === undefined
          ? 'GTC'
          : 'GTD'
        : parseOrderType(r.type, ['GTC', 'GTD', 'FOK', 'FAK'], `${p}type`)
    if (orderType === 'GTD' && r.expires === undefined)
      throw new UsageError('MISSING_OPTION', `${p}expires`, 'GTD needs expires')
    if (orderType !== 'GTD' && r.expires !== undefined)
      throw new UsageError('CONFLICTING_OPTIONS', `${p}expires`, 'expires only applies to GTD')
    const postOnly = allPostOnly || flag(r.post_only, `${p}post_only`)
    if (postOnly && (orderType === 'FOK' || orderType === 'FAK')) {
      throw new UsageError(
        'INVALID_POST_ONLY',
        `${p}post_only`,
        'postOnly is not supported for FOK/FAK orders',
      )
    }
    return {
      tokenId: parseTokenId(r.token, `${p}token`),
      side: parseSide(r.side, `${p}side`),
      price: parsePrice(r.price, `${p}price`),
      size: lot(parseDecimal(r.size, `${p}size`, { positive: true }), `${p}size`),
      orderType,
      postOnly,
      expiry: r.expires === undefined ? undefined : parseExpires(r.expires, now, `${p}expires`),
      tickSize: r.tick_size === undefined ? undefined : parseTick(r.tick_size, `${p}tick_size`),
      negRisk: r.neg_risk === undefined ? undefined : flag(r.neg_risk, `${p}neg_risk`),
    }
  } catch (e) {
    if (e instanceof UsageError && !e.message.startsWith(p))
      throw new UsageError(e.code, e.param ?? p, `${p}${e.message}`, e.hint)
    throw e
  }
}

export async function orderBatch(ctx: Context): Promise<number> {
  const file = ctx.positionals[0]
  if (file === undefined)
    throw new UsageError('MISSING_ARGUMENT', 'file', 'which file?', 'clob order batch orders.csv')
  const rows = readBatch(file)
  const dry = bool(ctx.values, 'dry-run')
  const allPostOnly = bool(ctx.values, 'post-only')
  const now = Math.floor(ctx.nowMs() / 1000)
  warnLot = (m) => ctx.out.warn(m)
  const inputs = rows.map((r, i) => rowInput(r, i, allPostOnly, now))
  const common = commonInputForBatch(ctx)
  const client = await orderClient(ctx, common, { credentials: !dry })
  const created: {
    order: CreatedOrder
    orderType: OrderTypeName
    postOnly: boolean
    price: string
    size: string
  }[] = []
  for (const [i, inp] of inputs.entries()) {
    const tick = await effectiveTick(ctx, client, inp.tokenId, inp.tickSize, `row ${i + 1}: token`)
    try {
      checkOnTick(inp.price, tick, `row ${i + 1}: price`)
    } catch (e) {
      if (e instanceof UsageError)
        throw new UsageError(e.code, e.param ?? '', `row ${i + 1}: ${e.message}`, e.hint)
      throw e
    }
  }
  for (const [i, inp] of inputs.entries()) {
    ctx.out.progress(`signing ${i + 1}/${inputs.length}…`)
    const order = await asUsage(
      () =>
        client.orders.create(
          {
            tokenId: inp.tokenId,
            side: inp.side,
            price: inp.price,
            size: inp.size,
            ...(inp.expiry === undefined ? {} : { expiration: inp.expiry.expiration }),
            ...(common.builderCode === undefined ? {} : { builderCode: common.builderCode }),
          },
          {
            ...(inp.tickSize === undefined ? {} : { tickSize: inp.tickSize }),
            ...(inp.negRisk === undefined ? {} : { negRisk: inp.negRisk }),
            ...(common.version === undefined ? {} : { version: common.version }),
          },
        ),
      `row ${i + 1}: `,
    )
    created.push({
      order,
      orderType: inp.orderType,
      postOnly: inp.postOnly,
      price: inp.price,
      size: inp.size,
    })
  }
  ctx.out.endProgress()
  if (dry) {
    const owner = ownerOf(ctx)
    const described = await Promise.all(created.map((c) => describe(c.order, c.orderType, c.postOnly, owner)))
    if (ctx.out.json)
      ctx.out.data({ dryRun: true, orders: described, requests: Math.ceil(described.length / BATCH_SIZE) })
    else {
      ctx.out.line(ctx.out.paint(`DRY RUN — ${described.length} order(s) signed, nothing was sent`, 'yellow'))
      ctx.out.table(described, [
        { header: '#', value: (d) => String(described.indexOf(d) + 1), align: 'right' },
        { header: 'SIDE', value: (d) => d.side, style: (d) => sideStyle(d.side) },
        { header: 'PRICE', value: (d) => d.price, align: 'right' },
        { header: 'SIZE', value: (d) => d.size, align: 'right' },
        { header: 'NOTIONAL', value: (d) => d.notional, align: 'right' },
        { header: 'TYPE', value: (d) => d.orderType },
        { header: 'ORDER HASH', value: (d) => d.orderHash },
      ])
    }
    return 0
  }
  const results: PostReport[] = []
  const chunks = Math.ceil(created.length / BATCH_SIZE)
  const guard = guardSignals(ctx.out)
  const summary = (extra: Record<string, unknown>) => ({
    results,
    posted: results.filter((r) => r.success).length,
    rejected: results.filter((r) => !r.success).length,
    ...extra,
  })
  try {
    for (let c = 0; c < chunks; c++) {
      const chunk = created.slice(c * BATCH_SIZE, (c + 1) * BATCH_SIZE)
      ctx.out.progress(`posting batch ${c + 1}/${chunks} (${chunk.length} orders)…`)
      // postOnly is per request in the official API; split a chunk that mixes it.
      for (const postOnly of [false, true]) {
        const part = chunk.filter((x) => x.postOnly === postOnly)
        if (part.length === 0) continue
        const name = guard.received()
        const unsent = created.filter((x) => !results.some((r) => r.orderHash === x.order.hash))
        if (name !== undefined) {
          ctx.out.endProgress()
          if (ctx.out.json)
            ctx.out.data(
              summary({ incomplete: true, interrupted: name, notSent: unsent.map((x) => x.order.hash) }),
            )
          throw interrupted(name, undefined, 'orders', [], 'before')
        }
        let entries: Awaited<ReturnType<Client['orders']['postMany']>>
        try {
          entries = await client.orders.postMany(
            part.map((x) => ({ order: x.order, orderType: x.orderType })),
            { postOnly, signal: guard.signal },
          )
        } catch (e) {
          ctx.out.endProgress()
          const got = guard.received()
          const hashes = part.map((x) => x.order.hash)
          if (got !== undefined) {
            if (ctx.out.json)
              ctx.out.data(summary({ incomplete: true, interrupted: got, outcomeUnknown: hashes }))
            throw interrupted(got, e, 'orders', hashes)
          }
          const unknown = outcomeUnknown(e)
          if (unknown !== undefined) {
            if (ctx.out.json) ctx.out.data(summary({ incomplete: true, outcomeUnknown: hashes }))
            throw unknown
          }
          throw e
        }
        entries.forEach((entry, i) => {
          const x = part[i]!
          const base = { side: x.order.order.side, price: x.price, size: x.size, orderType: x.orderType }
          if (entry.error === undefined && entry.response !== undefined) {
            results.push(
              report(
                { ...entry.response, orderId: x.order.orderId, orderHash: x.order.orderId },
                undefined,
                base,
              ),
            )
          } else {
            const r = report(undefined, entry.error, base)
            results.push({ ...r, orderHash: r.orderHash ?? entry.orderHash ?? null })
          }
        })
      }
    }
  } finally {
    guard.dispose()
  }
  ctx.out.endProgress()
  const rejected = results.filter((r) => !r.success).length
  if (ctx.out.json) ctx.out.data({ results, posted: results.length - rejected, rejected })
  else {
    ctx.out.table(results, [
      { header: 'SIDE', value: (r) => r.side, style: (r) => sideStyle(r.side) },
      { header: 'PRICE', value: (r) => r.price, align: 'right' },
      { header: 'SIZE', value: (r) => r.size, align: 'right' },
      { header: 'STATUS', value: (r) => r.status, style: (r) => (r.success ? undefined : 'red') },
      { header: 'ORDER ID', value: (r) => r.orderID || (r.orderHash ?? '') },
      { header: 'ERROR', value: (r) => (r.insertCode ?? r.errorMsg) || '' },
    ])
    ctx.out.line(`${results.length - rejected} posted, ${rejected} rejected`)
  }
  if (rejected > 0) {
    throw new RejectedError(
      'ORDER_REJECTED',
      `${rejected} of ${results.length} order(s) rejected`,
      'see the ERROR column',
    )
  }
  return 0
}

function commonInputForBatch(ctx: Context): CommonOrderInput {
  return {
    tokenId: '0',
    side: 'BUY',
    tickSize: undefined,
    negRisk: undefined,
    version: ctx.settings.exchangeVersion,
    metadata: undefined,
    builderCode: ctx.settings.builderCode,
    feeRateBps: undefined,
    nonce: undefined,
    taker: undefined,
    salt: undefined,
    timestamp: undefined,
  }
}
