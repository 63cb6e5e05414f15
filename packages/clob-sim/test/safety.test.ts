import { Agent, request } from 'node:http'
import { connect } from 'node:net'
import type { SimHandle } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  BTC_YES,
  ELECTION_YES,
  l2,
  l2Headers,
  limitBody,
  postLimit,
  RAIN_NO,
  RAIN_YES,
  raw,
  start,
  type Trader,
  trader,
} from './helpers.js'

let sim: SimHandle
beforeAll(async () => {
  sim = await start()
})
afterAll(() => sim.stop())

describe('request hygiene', () => {
  it('bodies over 1 MB get 413 and the server keeps answering', async () => {
    const big = `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`
    const res = await raw(sim, 'POST', '/books', { body: big })
    expect(res.status).toBe(413)
    expect(typeof res.json.error).toBe('string')
    expect((await raw(sim, 'GET', '/ok')).status).toBe(200)
    const small = await start({ bodyLimitBytes: 100 })
    try {
      expect(
        (await raw(small, 'POST', '/books', { body: JSON.stringify([{ token_id: RAIN_YES }]).padEnd(101) }))
          .status,
      ).toBe(413)
      expect(
        (await raw(small, 'POST', '/books', { body: JSON.stringify([{ token_id: RAIN_YES }]) })).status,
      ).toBe(200)
    } finally {
      await small.stop()
    }
  })

  it('malformed JSON, wrong types, unknown paths and wrong methods get the {"error"} shape with 4xx', async () => {
    const cases: [string, string, string | undefined, number][] = [
      ['POST', '/books', '{"token_id":', 400],
      ['POST', '/books', '{"token_id":"1"}', 400],
      ['POST', '/books', '[{"token_id":12}]', 400],
      ['POST', '/books', '', 400],
      ['GET', '/nope', undefined, 404],
      ['GET', '/markets/a/b', undefined, 404],
      ['DELETE', '/book', undefined, 405],
      ['GET', '/markets/%E0%A4%A', undefined, 400],
      ['GET', '/price?token_id=1&side=BUY', undefined, 404],
      ['GET', '/prices-history?market=abc', undefined, 400],
    ]
    for (const [method, path, body, status] of cases) {
      const res = await raw(sim, method, path, body === undefined ? {} : { body })
      expect(res.status, `${method} ${path}`).toBe(status)
      expect(typeof res.json.error, `${method} ${path}`).toBe('string')
    }
  })

  it('malformed HTTP gets a 400 with the error shape, and the server keeps answering', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const sock = connect(sim.port, '127.0.0.1', () => sock.write('NOT HTTP AT ALL\r\n\r\n'))
      let out = ''
      sock.setEncoding('utf8')
      sock.on('data', (c: string) => {
        out += c
      })
      sock.on('end', () => resolve(out))
      sock.on('error', reject)
    })
    expect(text.startsWith('HTTP/1.1 400')).toBe(true)
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)).error).toMatch(/Bad Request/)
    expect((await raw(sim, 'GET', '/ok')).status).toBe(200)
  })

  it('authenticated endpoints answer 401 (never 500) to hostile auth headers', async () => {
    const hostile: Record<string, string>[] = [
      {},
      {
        POLY_ADDRESS: 'x',
        POLY_SIGNATURE: 'y',
        POLY_TIMESTAMP: 'z',
        POLY_API_KEY: 'k',
        POLY_PASSPHRASE: 'p',
      },
      {
        POLY_ADDRESS: `0x${'0'.repeat(40)}`,
        POLY_SIGNATURE: '',
        POLY_TIMESTAMP: '99999999999999999999',
        POLY_API_KEY: '',
        POLY_PASSPHRASE: '',
      },
      {
        POLY_ADDRESS: `0x${'f'.repeat(40)}`,
        POLY_SIGNATURE: `0x${'1'.repeat(130)}`,
        POLY_TIMESTAMP: '1',
        POLY_NONCE: '-1',
      },
    ]
    for (const headers of hostile) {
      for (const [method, path] of [
        ['POST', '/order'],
        ['GET', '/data/orders'],
        ['POST', '/auth/api-key'],
        ['GET', '/auth/derive-api-key'],
      ] as const) {
        expect(
          (await raw(sim, method, path, { headers, body: method === 'POST' ? '{}' : undefined })).status,
        ).toBe(401)
      }
    }
  })
})

// ---------------------------------------------------------------- fuzz

function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
  }
}

const PATHS = [
  '/',
  '/ok',
  '/time',
  '/version',
  '/markets',
  `/markets/${'0x373e6f1389155f47498d27d9aeb77b602f383fd6075d6b329dda1a6cbd07051d'}`,
  '/clob-markets',
  `/clob-markets/0x${'1'.repeat(64)}`,
  `/markets-by-token/${RAIN_YES}`,
  '/book',
  `/book?token_id=${RAIN_YES}`,
  '/books',
  '/midpoint',
  '/midpoints',
  '/price',
  '/prices',
  '/spread',
  '/spreads',
  '/last-trade-price',
  '/last-trades-prices',
  '/tick-size',
  '/neg-risk',
  '/fee-rate',
  '/prices-history',
  '/order',
  '/orders',
  '/cancel-all',
  '/cancel-market-orders',
  '/data/orders',
  '/data/order/0x12',
  '/data/trades',
  '/order-scoring',
  '/orders-scoring',
  '/notifications',
  '/balance-allowance',
  '/v1/heartbeats',
  '/auth/api-key',
  '/auth/derive-api-key',
  '/auth/api-keys',
  '/auth/readonly-api-key',
  '/auth/builder-api-key',
  '/builder/trades',
  '/fees/builder-fees/0x00',
  '/_sim/fund',
  '/_sim/faults',
  '/_sim/state',
  '/%ff',
  '/markets/%',
  '/data/order/%2F..%2F',
]
const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'HEAD']
const TOKENS = [RAIN_YES, RAIN_NO, ELECTION_YES, BTC_YES]

function randomValue(r: ReturnType<typeof prng>, depth = 0): unknown {
  switch (r.int(depth > 2 ? 8 : 11)) {
    case 0:
      return null
    case 1:
      return r.next() < 0.5
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER])
    case 3:
      return r.pick([
        '',
        '0',
        '-1',
        '1e5',
        'NaN',
        '0x',
        '0x00',
        'BUY',
        'SELL',
        'GTC',
        'FOK',
        '\u0000',
        '💥',
        'a'.repeat(300),
      ])
    case 4:
      return r.pick(TOKENS)
    case 5:
      return `0x${'ab'.repeat(r.int(40))}`
    case 6:
      return String(r.int(1e9))
    case 7:
      return 'x'.repeat(r.int(5))
    case 8:
      return Array.from({ length: r.int(4) }, () => randomValue(r, depth + 1))
    default: {
      const keys = [
        'token_id',
        'side',
        'orderID',
        'heartbeat_id',
        'market',
        'asset_id',
        'order',
        'owner',
        'orderType',
        'key',
        'version',
        'address',
      ]
      const o: Record<string, unknown> = {}
      for (let i = r.int(4); i > 0; i--) o[r.pick(keys)] = randomValue(r, depth + 1)
      return o
    }
  }
}

function mutate(r: ReturnType<typeof prng>, wire: Record<string, unknown>): unknown {
  const copy = JSON.parse(JSON.stringify(wire)) as Record<string, unknown>
  const order = copy.order as Record<string, unknown>
  const keys = Object.keys(order)
  switch (r.int(6)) {
    case 0:
      order[r.pick(keys)] = randomValue(r)
      break
    case 1:
      delete order[r.pick(keys)]
      break
    case 2:
      copy[r.pick(['owner', 'orderType', 'postOnly', 'deferExec', 'order'])] = randomValue(r)
      break
    case 3:
      order[r.pick(['extra', 'taker', 'nonce', 'feeRateBps', 'timestamp'])] = randomValue(r)
      break
    case 4:
      return [copy, randomValue(r)]
    default: {
      const s = JSON.stringify(copy)
      return s.slice(0, r.int(s.length))
    }
  }
  return copy
}

describe('fuzz', () => {
  it('thousands of random and mutated requests: no 5xx, always the error shape, the books stay consistent', async () => {
    const s = await start()
    const r = prng(0xc10b)
    const agent = new Agent({ keepAlive: true, maxSockets: 16 })
    const traders: Trader[] = []
    for (let i = 0; i < 4; i++) {
      traders.push(
        await trader(s, { collateral: '5000', tokens: Object.fromEntries(TOKENS.map((t) => [t, '2000'])) }),
      )
    }
    const valid: Record<string, unknown>[] = []
    const statuses = new Map<number, number>()
    const problems: string[] = []

    function send(
      method: string,
      path: string,
      headers: Record<string, string>,
      body?: string,
    ): Promise<void> {
      return new Promise((resolve) => {
        let req: ReturnType<typeof request>
        try {
          const all =
            body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }
          req = request(`${s.url}${path}`, { method, agent, headers: all }, (res) => {
            let text = ''
            res.setEncoding('utf8')
            res.on('data', (c: string) => {
              text += c
            })
            res.on('end', () => {
              const status = res.statusCode ?? 0
              statuses.set(status, (statuses.get(status) ?? 0) + 1)
              if (status >= 500) problems.push(`${status} ${method} ${path} ${text.slice(0, 200)}`)
              if (status >= 400 && method !== 'HEAD') {
                try {
                  const j = JSON.parse(text)
                  if (typeof j?.error !== 'string')
                    problems.push(`no error field: ${method} ${path} ${text.slice(0, 100)}`)
                } catch {
                  problems.push(`not JSON: ${status} ${method} ${path} ${text.slice(0, 100)}`)
                }
              }
              resolve()
            })
          })
        } catch {
          resolve() // the client refused to send it (e.g. an invalid header)
          return
        }
        req.on('error', () => resolve())
        if (body !== undefined) req.write(body)
        req.end()
      })
    }

    async function one(i: number): Promise<void> {
      const t = r.pick(traders)
      const kind = r.int(10)
      if (kind <= 1 && valid.length < 150) {
        const tokenId = r.pick(TOKENS)
        const tickSize = tokenId === BTC_YES ? '0.001' : '0.01'
        const base = tokenId === BTC_YES ? 0.124 : 0.5
        const price =
          Math.round((base + (r.next() - 0.5) * 0.2) * (tickSize === '0.001' ? 1000 : 100)) /
          (tickSize === '0.001' ? 1000 : 100)
        const b = await limitBody(t, {
          tokenId,
          side: r.next() < 0.5 ? 'BUY' : 'SELL',
          price,
          size: 5 + r.int(40),
          tickSize,
          negRisk: tokenId === ELECTION_YES,
          orderType: r.pick(['GTC', 'GTC', 'FOK', 'FAK'] as const),
          postOnly: false,
        })
        valid.push(b.wire as unknown as Record<string, unknown>)
        const body = JSON.stringify(b.wire)
        return send('POST', '/order', l2Headers(s, t, 'POST', '/order', body), body)
      }
      if (kind <= 4 && valid.length > 0) {
        const body = JSON.stringify(mutate(r, r.pick(valid)))
        const path = r.next() < 0.8 ? '/order' : '/orders'
        return send('POST', path, l2Headers(s, t, 'POST', path, body), body)
      }
      if (kind <= 6) {
        const path = r.pick(PATHS)
        const method = r.pick(METHODS)
        const body = r.next() < 0.6 ? JSON.stringify(randomValue(r)) : undefined
        const signed = path.split('?')[0] as string
        return send(method, path, l2Headers(s, t, method, signed, body), body)
      }
      if (kind === 7) {
        const order = r.pick([...s.state.orders.keys()].slice(0, 50).concat(['0x00']))
        const body = JSON.stringify(r.next() < 0.5 ? { orderID: order } : [order])
        const path = body.startsWith('[') ? '/orders' : '/order'
        return send('DELETE', path, l2Headers(s, t, 'DELETE', path, body), body)
      }
      const path = `${r.pick(PATHS)}${r.next() < 0.3 ? `?token_id=${r.pick(['', '1', RAIN_YES, '%zz', 'a&b=c'])}&side=${r.pick(['BUY', 'x'])}` : ''}`
      const body = r.next() < 0.5 ? String(randomValue(r)).slice(0, 500) : undefined
      const headers: Record<string, string> =
        r.next() < 0.5 ? { POLY_ADDRESS: String(randomValue(r)).slice(0, 60), POLY_API_KEY: 'x' } : {}
      void i
      return send(r.pick(METHODS), path, headers, body)
    }

    const TOTAL = 2500
    const deadline = Date.now() + 15_000
    let sent = 0
    const worker = async () => {
      while (sent < TOTAL && Date.now() < deadline) await one(sent++)
    }
    await Promise.all(Array.from({ length: 16 }, worker))
    agent.destroy()

    expect(sent).toBeGreaterThan(1000)
    expect(problems).toEqual([])
    expect(statuses.get(200) ?? 0).toBeGreaterThan(100)
    expect(s.check()).toEqual([])
    // still serving, and still matching
    expect((await raw(s, 'GET', '/ok')).status).toBe(200)
    const fresh = await trader(s, { collateral: '100' })
    const res = await postLimit(s, fresh, {
      tokenId: RAIN_NO,
      side: 'BUY',
      price: 0.99,
      size: 5,
      orderType: 'FAK',
    })
    expect([200, 400]).toContain(res.status)
    expect((await l2(s, fresh, 'GET', '/data/orders')).status).toBe(200)
    expect(s.check()).toEqual([])
    await s.stop()
  }, 30_000)
})
