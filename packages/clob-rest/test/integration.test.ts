/**
 * The whole order lifecycle against clob-sim over real loopback HTTP.
 */
import { inspect } from 'node:util'
import {
  AbortedError,
  type Client,
  createClient,
  createDefaultTransport,
  NetworkError,
  OrderOutcomeUnknownError,
  OrderRejectedError,
  Orders,
  RateLimitError,
  TimeoutError,
  type Transport,
  type TransportRequest,
} from '@clobkit/clob-rest'
import { defaultSeed, type SimHandle, startSim } from '@clobkit/clob-sim'
import { Decimal, Exchange, Order, Signer } from '@clobkit/eip712-order'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { signer } from './support/fake.js'

const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817'
const NO = '99745350690374632499971079087374360969353085358205563945927490072558604948071'
const MARKET = '0x373e6f1389155f47498d27d9aeb77b602f383fd6075d6b329dda1a6cbd07051d'
const BTC_YES = '104817331945270823609853197244317013432019346290416474870117429663584390021975'

let sim: SimHandle
let client: Client

async function admin(path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

/**
 * The same client over the real loopback transport, recording what it sends; `before`
 * runs ahead of each request (a test acting on the sim at that moment).
 */
function watched(
  base: Client,
  before?: (req: TransportRequest) => Promise<void>,
  retry: Parameters<typeof createClient>[0]['retry'] = false,
) {
  const real = createDefaultTransport()
  const sent: TransportRequest[] = []
  const transport: Transport = async (req) => {
    sent.push(req)
    await before?.(req)
    return real(req)
  }
  const watchedClient = createClient({
    host: sim.url,
    chainId: 137,
    signer,
    credentials: base.context.credentials as never,
    transport,
    retry,
  })
  return {
    client: watchedClient,
    posts: (path: string) =>
      sent.filter((r) => r.method === 'POST' && new URL(r.url).pathname === path).map((r) => r.body ?? ''),
  }
}

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true, pageSize: 5 })
  const l1 = createClient({ host: sim.url, chainId: 137, signer, retry: { baseDelayMs: 10 } })
  const first = await l1.keys.createOrDerive()
  expect(first.key).toMatch(/^[0-9a-f-]{36}$/)
  expect(JSON.stringify(first)).not.toContain(first.secret)
  client = l1.withCredentials(first)
})
afterAll(() => sim.stop())
beforeEach(async () => {
  await admin('faults', undefined, 'DELETE')
  await admin('fund', {
    address: signer.address,
    collateral: '10000',
    tokens: { [YES]: '1000', [NO]: '1000' },
  })
  await client.cancels.all()
})

describe('lifecycle', () => {
  it('reads markets, the book and prices', async () => {
    expect(await client.server.health()).toBe(true)
    expect(await client.server.version()).toBe(2)
    expect(Math.abs((await client.server.time()) - Date.now() / 1000)).toBeLessThan(5)
    const market = await client.markets.get(MARKET)
    expect(market.condition_id).toBe(MARKET)
    expect((await client.markets.byToken(YES)).condition_id).toBe(MARKET)
    const details = await client.markets.details(MARKET)
    expect(details.t.some((t) => t?.t === YES)).toBe(true)
    const all = await client.markets.list().all()
    expect(all.length).toBeGreaterThanOrEqual(3)
    const book = await client.books.book(YES)
    expect(book.asset_id).toBe(YES)
    expect(book.asks?.length).toBeGreaterThan(0)
    expect(await client.books.tickSize(YES)).toBe('0.01')
    expect(await client.books.negRisk(YES)).toBe(false)
    // the midpoint is halfway between the best bid and the best ask of that same book
    const prices = (levels: readonly { price: string }[] | null | undefined) =>
      (levels ?? []).map((l) => Decimal.parse(l.price, 'price'))
    const bestBid = prices(book.bids).reduce(Decimal.max)
    const bestAsk = prices(book.asks).reduce(Decimal.min)
    const mid = Decimal.parse((await client.books.midpoint(YES)).mid, 'price')
    expect(Decimal.toString(mid)).toBe(
      Decimal.toString(Decimal.div(Decimal.add(bestBid, bestAsk), Decimal.from(2n), 6, 'halfUp')),
    )
    expect(Decimal.lt(bestBid, mid) && Decimal.lt(mid, bestAsk)).toBe(true)
    expect((await client.books.books([YES, NO])).length).toBe(2)
  })

  it('posts a resting limit order, finds it, and cancels it', async () => {
    const placed = await client.orders.createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
    expect(placed.status).toBe('live')
    expect(placed.orderID.toLowerCase()).toBe(placed.orderHash?.toLowerCase())
    const order = await client.orders.get(placed.orderID)
    expect(order.status).toBe('LIVE')
    expect(order.price).toBe('0.4')
    const open = await client.orders.open({ asset_id: YES }).all()
    expect(open.map((o) => o.id)).toContain(placed.orderID)
    const res = await client.cancels.one(placed.orderID)
    expect(res.canceled).toContain(placed.orderID)
    expect((await client.orders.get(placed.orderID)).status).toBe('CANCELED')
  })

  it('fills a market order and lists the trade', async () => {
    const filled = await client.orders.createAndPostMarket({ tokenId: YES, side: 'BUY', amount: '10' })
    expect(filled.status).toBe('matched')
    expect(filled.tradeIDs?.length).toBeGreaterThan(0)
    const trades = await client.trades.list({ asset_id: YES }).all()
    expect(trades.some((t) => t.taker_order_id.toLowerCase() === filled.orderHash?.toLowerCase())).toBe(true)
  })

  it('posts a post-only GTD order with an expiration past the security threshold', async () => {
    const nowMs = (await admin('time', undefined, 'GET')) as { nowMs: number }
    const placed = await client.orders.createAndPost(
      {
        tokenId: YES,
        side: 'BUY',
        price: '0.41',
        size: '10',
        expiration: Orders.gtdExpiration(3600, nowMs.nowMs),
      },
      { orderType: 'GTD', postOnly: true },
    )
    expect(placed.status).toBe('live')
    const crossing = await client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.60', size: '10' }, { postOnly: true })
      .catch((e: unknown) => e)
    expect(crossing).toBeInstanceOf(OrderRejectedError)
    expect((crossing as OrderRejectedError).insertCode).toBe('INVALID_POST_ONLY_ORDER')
  })

  it('posts a batch of 20 in two chunks, pages through them, and cancels in every way', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.orders.create({
          tokenId: i % 2 ? YES : NO,
          side: 'BUY',
          price: String(0.1 + i / 100),
          size: '5',
        }),
      ),
    )
    const results = await client.orders.postMany(created)
    expect(results).toHaveLength(20)
    expect(results.filter((r) => r.error)).toEqual([])
    const pages: number[] = []
    for await (const page of client.orders.open().pages()) pages.push(page.data.length)
    expect(pages.reduce((a, b) => a + b, 0)).toBe(20)
    expect(pages.length).toBeGreaterThanOrEqual(4)
    const [a, b, c] = created
    if (!a || !b || !c) throw new Error('unreachable')
    expect((await client.cancels.one(a.hash)).canceled).toEqual([a.hash])
    expect((await client.cancels.many([b.hash, c.hash])).canceled?.length).toBe(2)
    const byAsset = await client.cancels.market({ asset_id: YES })
    expect(byAsset.canceled?.length).toBeGreaterThan(0)
    const byMarket = await client.cancels.market({ market: MARKET })
    expect(byMarket.canceled?.length).toBeGreaterThan(0)
    expect(await client.orders.open().all()).toEqual([])
  })

  it('re-signs after an exchange version change: a new signature, for the new domain, posted once more', async () => {
    const wire = watched(client)
    // the client knows version 2 (cached) when the exchange moves to 3
    expect(await wire.client.server.version()).toBe(2)
    await admin('version', { version: 3 })
    try {
      const placed = await wire.client.orders.createAndPost({
        tokenId: YES,
        side: 'BUY',
        price: '0.40',
        size: '10',
      })
      expect(placed.status).toBe('live')
      const posts = wire.posts('/order')
      expect(posts).toHaveLength(2)
      const [first, second] = posts.map((body) => Order.fromWire(JSON.parse(body)).order)
      if (!first || !second) throw new Error('unreachable')
      // the first was signed for the V2 exchange, the retry for V3: another domain, another signature
      const v2 = Exchange.domain({ chainId: 137, version: 2, negRisk: false })
      const v3 = Exchange.domain({ chainId: 137, version: 3, negRisk: false })
      expect(v3.verifyingContract).not.toBe(v2.verifyingContract)
      expect(Order.recover(first, v2)).toBe(signer.address)
      expect(Order.recover(second, v3)).toBe(signer.address)
      expect(second.signature).not.toBe(first.signature)
      // and the order the sim holds is the re-signed one
      expect(placed.orderHash).toBe(Order.hash(second, v3))
      expect(placed.orderID.toLowerCase()).toBe(Order.hash(second, v3).toLowerCase())
      expect(await wire.client.server.version()).toBe(3)
    } finally {
      await admin('version', { version: 2 })
      await client.server.version({ force: true })
    }
  })

  it('gives up after a second version mismatch, having posted twice', async () => {
    await client.server.version({ force: true })
    // the exchange changes version again while the re-signed order is on its way
    let flips = 0
    const wire = watched(client, async (req) => {
      if (req.method === 'POST' && req.url.endsWith('/order') && flips < 2) {
        flips++
        await admin('version', { version: flips === 1 ? 3 : 2 })
      }
    })
    try {
      const err = await wire.client.orders
        .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(OrderRejectedError)
      expect((err as OrderRejectedError).insertCode).toBe('ORDER_VERSION_MISMATCH')
      expect(wire.posts('/order')).toHaveLength(2)
      expect(await client.orders.open().all()).toEqual([])
    } finally {
      await admin('version', { version: 2 })
      await client.server.version({ force: true })
    }
  })

  it('refreshes the tick size after a tick-size rejection', async () => {
    expect(await client.books.tickSize(BTC_YES)).toBe('0.001')
    await admin('tick-size', { token_id: BTC_YES, tick_size: '0.01' })
    try {
      const err = await client.orders
        .createAndPost({ tokenId: BTC_YES, side: 'BUY', price: '0.105', size: '10' })
        .catch((e: unknown) => e)
      expect(err).toBeInstanceOf(OrderRejectedError)
      expect((err as OrderRejectedError).insertCode).toBe('INVALID_ORDER_MIN_TICK_SIZE')
      expect(client.context.marketInfo.tick.has(BTC_YES)).toBe(false)
      const placed = await client.orders.createAndPost({
        tokenId: BTC_YES,
        side: 'BUY',
        price: '0.105',
        size: '10',
      })
      expect(placed.status).toBe('live')
      expect((await client.orders.get(placed.orderID)).price).toBe('0.11')
    } finally {
      await admin('tick-size', { token_id: BTC_YES, tick_size: '0.001' })
    }
  })
})

describe('market facts the order is built from', () => {
  it('prices a market order from the sim’s book when no price is given', async () => {
    // the seeded YES asks are 0.52 × 100, 0.53 × 180, …: $10 is covered at 0.52
    const created = await client.orders.createMarket({ tokenId: YES, side: 'BUY', amount: '10' })
    expect(created.order.makerAmount).toBe('10000000')
    expect(created.order.takerAmount).toBe('19230700') // 10 / 0.52 = 19.23076…, to 4 decimals
    expect(created.order.expiration).toBe('0')
  })

  it('signs a V1 order with the market’s fee rate and refuses another', async () => {
    const seed = defaultSeed()
    const market = seed.markets[0]
    if (!market) throw new Error('unreachable')
    const v1 = await startSim({
      admin: true,
      version: 1,
      seed: {
        ...seed,
        markets: [{ ...market, fees: { ...market.fees, baseFeeBps: 100 } }, ...seed.markets.slice(1)],
      },
    })
    try {
      const c = createClient({ host: v1.url, chainId: 137, signer })
      const err = await c.orders
        .create({ tokenId: YES, side: 'BUY', price: '0.5', size: '10', feeRateBps: 50 })
        .catch((e: unknown) => e)
      expect(err).toMatchObject({ code: 'INVALID_FEE_RATE', param: 'feeRateBps' })
      const ok = await c.orders.create({ tokenId: YES, side: 'BUY', price: '0.5', size: '10' })
      expect(ok.version).toBe(1)
      expect((ok.order as { feeRateBps: string }).feeRateBps).toBe('100')
      // and the sim, which checks V1 fee rates, takes it
      const trader = c.withCredentials(await c.keys.createOrDerive())
      const funded = await fetch(`${v1.url}/_sim/fund`, {
        method: 'POST',
        body: JSON.stringify({ address: signer.address, collateral: '100' }),
      })
      expect(funded.status).toBe(200)
      expect((await trader.orders.post(ok)).success).toBe(true)
    } finally {
      await v1.stop()
    }
  })
})

describe('failures', () => {
  it('retries a rate-limited read after Retry-After', async () => {
    await admin('faults', { path: '/book', method: 'GET', rateLimit: { retryAfter: 1 } })
    const t0 = Date.now()
    const book = await client.books.book(YES)
    expect(book.asset_id).toBe(YES)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900)
  })

  it('never retries a rate-limited order POST', async () => {
    await admin('faults', { path: '/order', method: 'POST', rateLimit: { retryAfter: 7 } })
    const err = await client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(RateLimitError)
    expect((err as RateLimitError).retryAfter).toBe(7)
    expect(await client.orders.open().all()).toEqual([])
  })

  it('surfaces a 5xx on an order POST as outcome-unknown, never retried, then reconciles it as not placed', async () => {
    await admin('faults', { path: '/order', method: 'POST', status: 503 })
    // retries on: GETs would be retried, the order POST must not be
    const wire = watched(client.withCredentials(client.context.credentials as never), undefined, { limit: 5 })
    const err = (await wire.client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(err.code).toBe('ORDER_OUTCOME_UNKNOWN')
    expect(err.orderHashes).toHaveLength(1)
    expect(err.tokenIds).toEqual([YES])
    expect(wire.posts('/order')).toHaveLength(1)
    const [entry] = await client.orders.reconcile(err)
    expect(entry?.status).toBe('not_found')
  })

  it('keeps what was settled when a later chunk of a batch has an unknown outcome', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.orders.create({ tokenId: YES, side: 'BUY', price: '0.30', size: String(10 + i) }),
      ),
    )
    let batches = 0
    const wire = watched(client, async (req) => {
      // the exchange fails while the second chunk is on its way
      if (req.method === 'POST' && req.url.endsWith('/orders') && ++batches === 2) {
        await admin('faults', { path: '/orders', method: 'POST', status: 500 })
      }
    })
    const err = (await wire.client.orders
      .postMany(created)
      .catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(wire.posts('/orders').map((b) => (JSON.parse(b) as unknown[]).length)).toEqual([15, 5])
    expect(err.orderHashes).toEqual(created.slice(15).map((o) => o.hash))
    expect((err.details.settled as unknown[]).length).toBe(15)
    const open = (await client.orders.open({ asset_id: YES }).all()).map((o) => o.id.toLowerCase())
    expect(open.sort()).toEqual(
      created
        .slice(0, 15)
        .map((o) => o.hash.toLowerCase())
        .sort(),
    )
  })

  it('an outcome-unknown error carries order hashes, never order bodies or secrets', async () => {
    await admin('faults', { path: '/order', method: 'POST', status: 500 })
    const err = (await client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(err.orderHashes).toHaveLength(1)
    expect(JSON.stringify(err.details)).not.toContain('signature')
    const creds = client.context.credentials
    if (!creds) throw new Error('unreachable')
    const text = `${String(err)}${inspect(err, { depth: 8, showHidden: true })}${JSON.stringify(err)}${err.stack ?? ''}`
    for (const secret of [creds.secret, creds.passphrase]) expect(text).not.toContain(secret)
  })

  it('rejects an order the account cannot pay for with the exchange’s insert code', async () => {
    const poor = createClient({
      host: sim.url,
      chainId: 137,
      signer: Signer.fromPrivateKey(`0x${'22'.repeat(32)}`),
    })
    const broke = poor.withCredentials(await poor.keys.createOrDerive())
    const err = (await broke.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)) as OrderRejectedError
    expect(err).toBeInstanceOf(OrderRejectedError)
    expect(err.insertCode).toBe('INVALID_ORDER_NOT_ENOUGH_BALANCE')
    expect(err.status).toBe(400)
  })

  it('reconciles an order processed before the connection dropped as live', async () => {
    await admin('faults', { path: '/order', method: 'POST', dropAfterProcess: true })
    const err = (await client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(err.cause).toBeInstanceOf(NetworkError)
    const [entry] = await client.orders.reconcile(err)
    expect(entry?.status).toBe('live')
    expect(entry?.order?.id.toLowerCase()).toBe(err.orderHashes[0]?.toLowerCase())
  })

  it('reconciles a marketable order that filled before the connection dropped as matched', async () => {
    await admin('faults', { path: '/order', method: 'POST', dropAfterProcess: true })
    const err = (await client.orders
      .createAndPostMarket({ tokenId: YES, side: 'BUY', amount: '5' })
      .catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    const [entry] = await client.orders.reconcile(err)
    expect(entry?.status).toBe('matched')
  })

  it('times out a slow read and a slow order POST', async () => {
    await admin('faults', { path: '/book', method: 'GET', latencyMs: 400, count: 5 })
    const err = await client.books
      .book(YES, { timeouts: { attempt: 100, total: 250 } })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(TimeoutError)
    await admin('faults', undefined, 'DELETE')
    await admin('faults', { path: '/order', method: 'POST', latencyMs: 400 })
    const post = await client.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' }, { timeouts: { attempt: 100 } })
      .catch((e: unknown) => e)
    expect(post).toBeInstanceOf(OrderOutcomeUnknownError)
    expect((post as OrderOutcomeUnknownError).cause).toBeInstanceOf(TimeoutError)
    await new Promise((r) => setTimeout(r, 500))
    const [entry] = await client.orders.reconcile(post as OrderOutcomeUnknownError)
    expect(['live', 'not_found']).toContain(entry?.status)
  })

  it('aborts a call through its signal', async () => {
    await admin('faults', { path: '/book', method: 'GET', latencyMs: 1000 })
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 50)
    const err = await client.books.book(YES, { signal: controller.signal }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(AbortedError)
  })

  it('rejects an order signed by a key that does not own the API key', async () => {
    const other = Signer.fromPrivateKey(`0x${'11'.repeat(32)}`)
    const wrong = createClient({
      host: sim.url,
      chainId: 137,
      signer: other,
      credentials: client.context.credentials as never,
      address: signer.address,
    })
    const err = await wrong.orders
      .createAndPost({ tokenId: YES, side: 'BUY', price: '0.40', size: '10' })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(OrderRejectedError)
    expect((err as OrderRejectedError).serverCode).toBe('INVALID_ORDER_SIGNER')
  })

  it('reports a bad HMAC as an authentication error', async () => {
    const bad = client.withCredentials({
      key: client.context.credentials?.key ?? '',
      secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      passphrase: client.context.credentials?.passphrase ?? '',
    })
    const err = await bad.account.closedOnly().catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'AUTHENTICATION_FAILED', status: 401 })
  })
})

describe('account', () => {
  it('reads balance, refreshes it, and reads closed-only status and notifications', async () => {
    const bal = await client.account.balanceAllowance({ asset_type: 'COLLATERAL' })
    expect(Number(bal.balance)).toBeGreaterThan(0)
    await client.account.refreshBalanceAllowance({ asset_type: 'CONDITIONAL', token_id: YES })
    expect(await client.account.closedOnly()).toBe(false)
    const notes = await client.account.notifications()
    expect(Array.isArray(notes)).toBe(true)
    await client.account.dropNotifications(notes.slice(0, 2).map((n) => n.id))
  })

  it('chains heartbeats', async () => {
    const first = await client.heartbeats.post('')
    expect(first.heartbeat_id).not.toBe('')
    const second = await client.heartbeats.post(first.heartbeat_id)
    expect(second.heartbeat_id).toBeTruthy()
  })

  it('manages readonly keys and lists API keys', async () => {
    const ro = await client.keys.createReadonly()
    expect(await client.keys.listReadonly()).toContain(ro)
    await client.keys.removeReadonly(ro)
    expect(await client.keys.listReadonly()).not.toContain(ro)
    expect((await client.keys.list())?.length).toBeGreaterThan(0)
  })
})
