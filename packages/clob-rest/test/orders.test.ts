/**
 * Order flows against a hand-written fake exchange (support/fake.ts). Everything an honest
 * server produces — version changes and re-signing, tick-size and balance rejections, 5xx,
 * timeouts and dropped connections with their reconciliation, batches — runs against
 * clob-sim in integration.test.ts. What stays here needs the fake because it observes or
 * sends what the sim cannot:
 * - the request sequence and the exact bytes received (caching of market facts, the wire
 *   body and headers, chunk sizes, order types), recorded by the raw server;
 * - checks that must send nothing at all (no signer, post-only with FOK/FAK, GTD too soon);
 * - answers no honest server gives: an HTML 2xx to an order POST, a 200 carrying
 *   `order_version_mismatch`, a mismatch while `/version` still reports the signed version;
 * - a market fact changing between create and post (a V1 fee rate), which the sim cannot do.
 */
import {
  createClient,
  NetworkError,
  OrderOutcomeUnknownError,
  type OrderRejectedError,
  Orders,
  ResponseValidationError,
} from '@clobkit/clob-rest'
import { Order } from '@clobkit/eip712-order'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { creds, type FakeState, fakeExchange, fakeState, signer, TOKEN } from './support/fake.js'
import { deadPort, startServer, type TestServer } from './support/server.js'

let server: TestServer
let state: FakeState
beforeAll(async () => {
  server = await startServer()
})
afterAll(() => server.close())
beforeEach(() => {
  state = fakeState()
  server.handler = fakeExchange(state)
})

const client = (extra: Partial<Parameters<typeof createClient>[0]> = {}) =>
  createClient({ host: server.url, chainId: 137, signer, credentials: creds, retry: false, ...extra })

const since = (n: number) => server.seen.slice(n).map((s) => `${s.method} ${s.path}`)

describe('orders.create', () => {
  it('resolves tick size, neg risk and version, signs, and caches the facts', async () => {
    const c = client()
    const n = server.seen.length
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    expect(since(n).sort()).toEqual(['GET /neg-risk', 'GET /tick-size', 'GET /version'])
    expect(created.version).toBe(2)
    expect(created.domain.version).toBe('2')
    expect(created.hash).toBe(Order.hash(created.order, created.domain))
    expect(Order.recover(created.order, created.domain).toLowerCase()).toBe(signer.address.toLowerCase())
    expect(created.order.makerAmount).toBe('5000000')
    expect(created.order.takerAmount).toBe('10000000')
    const m = server.seen.length
    await c.orders.create({ tokenId: TOKEN, side: 'SELL', price: '0.6', size: '5' })
    expect(since(m)).toEqual([])
  })

  it('rejects a tick size finer than the market minimum', async () => {
    const err = await client()
      .orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' }, { tickSize: '0.001' })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ code: 'INVALID_TICK_SIZE', param: 'tickSize' })
  })

  it('needs a signer', async () => {
    const c = createClient({ host: server.url, chainId: 137, credentials: creds, address: signer.address })
    await expect(
      c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '1' }),
    ).rejects.toMatchObject({
      code: 'SIGNER_REQUIRED',
    })
  })
})

describe('orders.post', () => {
  it('posts the exact wire body with L2 headers over it and returns the order hash', async () => {
    const c = client()
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    const res = await c.orders.post(created)
    const post = state.posts[0]
    expect(post?.body).toBe(
      JSON.stringify(
        Order.toWire(created.order, {
          owner: creds.key,
          orderType: 'GTC',
          postOnly: false,
          deferExec: false,
        }),
      ),
    )
    expect(post?.headers.poly_api_key).toBe(creds.key)
    expect(post?.headers.poly_address).toBe(signer.address)
    expect(res.orderHash).toBe(created.hash)
    expect(res.success).toBe(true)
  })

  it('rejects post-only with FOK/FAK before any request', async () => {
    const c = client()
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    const n = server.seen.length
    for (const orderType of ['FOK', 'FAK'] as const) {
      await expect(c.orders.post(created, { orderType, postOnly: true })).rejects.toMatchObject({
        code: 'INVALID_POST_ONLY',
        param: 'postOnly',
      })
      await expect(c.orders.postMany([created], { orderType, postOnly: true })).rejects.toMatchObject({
        code: 'INVALID_POST_ONLY',
      })
      await expect(
        c.orders.createAndPost(
          { tokenId: TOKEN, side: 'BUY', price: '0.5', size: '1' },
          { orderType, postOnly: true },
        ),
      ).rejects.toMatchObject({ code: 'INVALID_POST_ONLY' })
    }
    expect(server.seen.length).toBe(n)
  })

  // raw: no honest exchange answers an order POST with an HTML 2xx (a proxy or captive portal might)
  it('turns an unreadable 2xx into OrderOutcomeUnknownError', async () => {
    state.onPost = () => ({ headers: { 'content-type': 'text/html' }, raw: '<html>oops</html>' })
    const c = client()
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    const err = (await c.orders.post(created).catch((e: unknown) => e)) as OrderOutcomeUnknownError
    expect(err).toBeInstanceOf(OrderOutcomeUnknownError)
    expect(err.cause).toBeInstanceOf(ResponseValidationError)
  })

  it('reports a refused connection as a plain NetworkError (nothing was sent)', async () => {
    const c = client()
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    const dead = createClient({ host: await deadPort(), chainId: 137, signer, credentials: creds })
    const err = (await dead.orders.post(created).catch((e: unknown) => e)) as NetworkError
    expect(err).toBeInstanceOf(NetworkError)
    expect(err.requestSent).toBe(false)
  })

  // raw: needs the market's fee rate to change between create and post, which the sim cannot do
  it('drops a cached V1 fee rate when the server rejects the fee rate', async () => {
    state.version = 1
    state.feeRate = 0
    const c = client()
    const created = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    state.onPost = () => ({
      status: 400,
      body: {
        error:
          'INVALID_ORDER_FEE_RATE: invalid user provided fee rate: 0, fee rate for the market must be 25',
        errorCode: 'INVALID_ORDER_FEE_RATE',
      },
    })
    const err = (await c.orders.post(created).catch((e: unknown) => e)) as OrderRejectedError
    expect(err.serverCode).toBe('INVALID_ORDER_FEE_RATE')
    state.feeRate = 25
    const again = await c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    expect((again.order as { feeRateBps: string }).feeRateBps).toBe('25')
  })
})

describe('orders.createAndPost', () => {
  // raw: the sim (like the exchange, §2.9) answers a mismatch with a 400; only PY's path sees it in a 200 (§8)
  it('treats a 200 carrying {error: order_version_mismatch} as a refusal and re-signs', async () => {
    state.onPost = () => {
      if (state.posts.length === 1) {
        state.version = 3
        return { body: { error: 'order_version_mismatch' } }
      }
      return undefined
    }
    const res = await client().orders.createAndPost({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' })
    expect(res.success).toBe(true)
    expect(state.posts.length).toBe(2)
  })

  // raw: a server contradicting itself (mismatch, yet /version reports the version the order was signed for)
  it('does not re-post when the refreshed version is unchanged', async () => {
    state.onPost = () => ({ status: 400, body: { error: 'order_version_mismatch' } })
    await expect(
      client().orders.createAndPost({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10' }),
    ).rejects.toMatchObject({ insertCode: 'ORDER_VERSION_MISMATCH' })
    expect(state.posts.length).toBe(1)
  })

  it('requires a GTD expiration beyond the 60 s security threshold', async () => {
    const c = client()
    const n = server.seen.length
    await expect(
      c.orders.createAndPost(
        {
          tokenId: TOKEN,
          side: 'BUY',
          price: '0.5',
          size: '10',
          expiration: Math.floor(Date.now() / 1000) + 30,
        },
        { orderType: 'GTD' },
      ),
    ).rejects.toMatchObject({ code: 'INVALID_EXPIRATION', param: 'expiration' })
    expect(server.seen.length).toBe(n)
    const expiration = Orders.gtdExpiration(120)
    await c.orders.createAndPost(
      { tokenId: TOKEN, side: 'BUY', price: '0.5', size: '10', expiration },
      { orderType: 'GTD' },
    )
    const body = JSON.parse(state.posts[0]?.body ?? '{}') as {
      orderType: string
      order: { expiration: string }
    }
    expect(body.orderType).toBe('GTD')
    expect(body.order.expiration).toBe(String(expiration))
  })

  it('posts market orders as FOK by default', async () => {
    await client().orders.createAndPostMarket({ tokenId: TOKEN, side: 'SELL', amount: '20', price: '0.4' })
    expect((JSON.parse(state.posts[0]?.body ?? '{}') as { orderType: string }).orderType).toBe('FOK')
  })
})

describe('orders.postMany', () => {
  it('chunks a batch into requests of at most 15', async () => {
    const c = client()
    const orders = await Promise.all(
      Array.from({ length: 33 }, (_, i) =>
        c.orders.create({ tokenId: TOKEN, side: 'BUY', price: '0.5', size: String(10 + i) }),
      ),
    )
    state.onPost = (req) => {
      const arr = JSON.parse(req.body) as unknown[]
      if (arr.length === 3) {
        return {
          body: arr.map((_, i) =>
            i === 1
              ? { success: false, errorMsg: 'order is invalid. Duplicated.', orderID: '' }
              : { success: true, errorMsg: '', orderID: orders[30 + i]?.hash, status: 'live' },
          ),
        }
      }
      return undefined
    }
    const out = await c.orders.postMany(orders)
    expect(state.posts.map((p) => (JSON.parse(p.body) as unknown[]).length)).toEqual([15, 15, 3])
    expect(out).toHaveLength(33)
    expect(out.map((e) => e.orderHash)).toEqual(orders.map((o) => o.hash))
    expect(out[31]?.error?.insertCode).toBe('INVALID_ORDER_DUPLICATED')
    expect(out.filter((e) => e.error).length).toBe(1)
  })
})

describe('orders.reconcile', () => {
  it('reports unknown when the lookups fail', async () => {
    const c = createClient({ host: await deadPort(), chainId: 137, signer, credentials: creds, retry: false })
    const result = await c.orders.reconcile([`0x${'aa'.repeat(32)}`])
    expect(result[0]?.status).toBe('unknown')
    expect(result[0]?.error?.code).toBe('NETWORK_ERROR')
  })
})
