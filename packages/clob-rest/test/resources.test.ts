import {
  type Client,
  Conformance,
  createClient,
  END_CURSOR,
  INITIAL_CURSOR,
  paginate,
} from '@clobkit/clob-rest'
import { describe, expect, it } from 'vitest'
import { creds, signer } from './support/fake.js'

const CID = `0x${'c1'.repeat(32)}`
const T1 = '123'
const T2 = '456'
const OID = `0x${'0a'.repeat(32)}`
const CODE = `0x${'be'.repeat(32)}` as const

function recording(extra: Partial<Parameters<typeof createClient>[0]> = {}) {
  const { transport, requests } = Conformance.recordingTransport()
  const client = createClient({
    host: 'http://localhost:8080/',
    chainId: 137,
    signer,
    credentials: creds,
    signatureType: 2,
    transport,
    retry: false,
    ...extra,
  })
  return { client, requests }
}

type Row = [
  name: string,
  call: (c: Client) => Promise<unknown>,
  method: string,
  path: string,
  query?: string | undefined,
  body?: string | undefined,
]

const rows: Row[] = [
  ['server.health', (c) => c.server.health(), 'GET', '/ok'],
  ['server.time', (c) => c.server.time(), 'GET', '/time'],
  ['server.version', (c) => c.server.version(), 'GET', '/version'],
  ['markets.list', (c) => c.markets.list().first(), 'GET', '/markets', 'next_cursor=MA%3D%3D'],
  [
    'markets.sampling',
    (c) => c.markets.sampling().first(),
    'GET',
    '/sampling-markets',
    'next_cursor=MA%3D%3D',
  ],
  [
    'markets.simplified',
    (c) => c.markets.simplified({ cursor: 'MTA=' }).first(),
    'GET',
    '/simplified-markets',
    'next_cursor=MTA%3D',
  ],
  [
    'markets.samplingSimplified',
    (c) => c.markets.samplingSimplified().first(),
    'GET',
    '/sampling-simplified-markets',
    'next_cursor=MA%3D%3D',
  ],
  ['markets.get', (c) => c.markets.get(CID), 'GET', `/markets/${CID}`],
  ['markets.byToken', (c) => c.markets.byToken(T1), 'GET', `/markets-by-token/${T1}`],
  ['markets.details', (c) => c.markets.details(CID), 'GET', `/clob-markets/${CID}`],
  ['books.book', (c) => c.books.book(T1), 'GET', '/book', `token_id=${T1}`],
  [
    'books.books',
    (c) => c.books.books([T1, { token_id: T2, side: 'SELL' }]),
    'POST',
    '/books',
    undefined,
    `[{"token_id":"${T1}"},{"token_id":"${T2}","side":"SELL"}]`,
  ],
  ['books.midpoint', (c) => c.books.midpoint(T1), 'GET', '/midpoint', `token_id=${T1}`],
  [
    'books.midpoints',
    (c) => c.books.midpoints([T1, T2]),
    'POST',
    '/midpoints',
    undefined,
    `[{"token_id":"${T1}"},{"token_id":"${T2}"}]`,
  ],
  ['books.price', (c) => c.books.price(T1, 'BUY'), 'GET', '/price', `token_id=${T1}&side=BUY`],
  [
    'books.prices',
    (c) => c.books.prices([{ token_id: T1, side: 'BUY' }]),
    'POST',
    '/prices',
    undefined,
    `[{"token_id":"${T1}","side":"BUY"}]`,
  ],
  ['books.spread', (c) => c.books.spread(T1), 'GET', '/spread', `token_id=${T1}`],
  ['books.spreads', (c) => c.books.spreads([T1]), 'POST', '/spreads', undefined, `[{"token_id":"${T1}"}]`],
  ['books.lastTradePrice', (c) => c.books.lastTradePrice(T1), 'GET', '/last-trade-price', `token_id=${T1}`],
  [
    'books.lastTradesPrices',
    (c) => c.books.lastTradesPrices([T1]),
    'POST',
    '/last-trades-prices',
    undefined,
    `[{"token_id":"${T1}"}]`,
  ],
  ['books.tickSize', (c) => c.books.tickSize(T1), 'GET', '/tick-size', `token_id=${T1}`],
  ['books.negRisk', (c) => c.books.negRisk(T1), 'GET', '/neg-risk', `token_id=${T1}`],
  ['books.feeRate', (c) => c.books.feeRate(T1), 'GET', '/fee-rate', `token_id=${T1}`],
  [
    'books.priceHistory',
    (c) => c.books.priceHistory({ market: T1, interval: '1d', fidelity: 60 }),
    'GET',
    '/prices-history',
    `market=${T1}&fidelity=60&interval=1d`,
  ],
  ['keys.create', (c) => c.keys.create({ nonce: 3 }), 'POST', '/auth/api-key'],
  ['keys.derive', (c) => c.keys.derive(), 'GET', '/auth/derive-api-key'],
  ['keys.list', (c) => c.keys.list(), 'GET', '/auth/api-keys'],
  ['keys.remove', (c) => c.keys.remove(), 'DELETE', '/auth/api-key'],
  ['keys.createReadonly', (c) => c.keys.createReadonly(), 'POST', '/auth/readonly-api-key'],
  ['keys.listReadonly', (c) => c.keys.listReadonly(), 'GET', '/auth/readonly-api-keys'],
  [
    'keys.removeReadonly',
    (c) => c.keys.removeReadonly('k-1'),
    'DELETE',
    '/auth/readonly-api-key',
    undefined,
    '{"key":"k-1"}',
  ],
  ['keys.createBuilder', (c) => c.keys.createBuilder(), 'POST', '/auth/builder-api-key'],
  ['keys.listBuilder', (c) => c.keys.listBuilder(), 'GET', '/auth/builder-api-key'],
  ['keys.revokeBuilder', (c) => c.keys.revokeBuilder(), 'DELETE', '/auth/builder-api-key'],
  ['orders.get', (c) => c.orders.get(OID), 'GET', `/data/order/${OID}`],
  [
    'orders.open',
    (c) => c.orders.open({ market: CID, asset_id: T1 }).first(),
    'GET',
    '/data/orders',
    `market=${CID}&asset_id=${T1}&next_cursor=MA%3D%3D`,
  ],
  [
    'orders.preMigration',
    (c) => c.orders.preMigration().first(),
    'GET',
    '/data/pre-migration-orders',
    'next_cursor=MA%3D%3D',
  ],
  ['orders.isScoring', (c) => c.orders.isScoring(OID), 'GET', '/order-scoring', `order_id=${OID}`],
  [
    'orders.areScoring',
    (c) => c.orders.areScoring([OID]),
    'POST',
    '/orders-scoring',
    undefined,
    `["${OID}"]`,
  ],
  ['cancels.one', (c) => c.cancels.one(OID), 'DELETE', '/order', undefined, `{"orderID":"${OID}"}`],
  ['cancels.many', (c) => c.cancels.many([OID]), 'DELETE', '/orders', undefined, `["${OID}"]`],
  ['cancels.all', (c) => c.cancels.all(), 'DELETE', '/cancel-all'],
  [
    'cancels.market',
    (c) => c.cancels.market({ asset_id: T1 }),
    'DELETE',
    '/cancel-market-orders',
    undefined,
    `{"asset_id":"${T1}"}`,
  ],
  [
    'trades.list',
    (c) => c.trades.list({ market: CID, before: 10, after: 5 }).first(),
    'GET',
    '/data/trades',
    `market=${CID}&before=10&after=5&next_cursor=MA%3D%3D`,
  ],
  ['trades.liveActivity', (c) => c.trades.liveActivity(CID), 'GET', `/markets/live-activity/${CID}`],
  [
    'account.balanceAllowance',
    (c) => c.account.balanceAllowance({ asset_type: 'COLLATERAL' }),
    'GET',
    '/balance-allowance',
    'asset_type=COLLATERAL&signature_type=2',
  ],
  [
    'account.refreshBalanceAllowance',
    (c) => c.account.refreshBalanceAllowance({ asset_type: 'CONDITIONAL', token_id: T1 }),
    'GET',
    '/balance-allowance/update',
    `asset_type=CONDITIONAL&token_id=${T1}&signature_type=2`,
  ],
  ['account.closedOnly', (c) => c.account.closedOnly(), 'GET', '/auth/ban-status/closed-only'],
  ['account.notifications', (c) => c.account.notifications(), 'GET', '/notifications', 'signature_type=2'],
  [
    'account.dropNotifications',
    (c) => c.account.dropNotifications([1, 2]),
    'DELETE',
    '/notifications',
    'ids=1,2',
  ],
  [
    'rewards.earnings',
    (c) => c.rewards.earnings('2026-01-02').first(),
    'GET',
    '/rewards/user',
    'date=2026-01-02&signature_type=2&next_cursor=MA%3D%3D',
  ],
  [
    'rewards.totalEarnings',
    (c) => c.rewards.totalEarnings('2026-01-02'),
    'GET',
    '/rewards/user/total',
    'date=2026-01-02&signature_type=2',
  ],
  [
    'rewards.percentages',
    (c) => c.rewards.percentages(),
    'GET',
    '/rewards/user/percentages',
    'signature_type=2',
  ],
  [
    'rewards.userMarkets',
    (c) => c.rewards.userMarkets({ order_by: 'earnings', no_competition: true }).first(),
    'GET',
    '/rewards/user/markets',
    'signature_type=2&order_by=earnings&no_competition=true&next_cursor=MA%3D%3D',
  ],
  [
    'rewards.currentMarkets',
    (c) => c.rewards.currentMarkets().first(),
    'GET',
    '/rewards/markets/current',
    'next_cursor=MA%3D%3D',
  ],
  [
    'rewards.market',
    (c) => c.rewards.market(CID).first(),
    'GET',
    `/rewards/markets/${CID}`,
    'next_cursor=MA%3D%3D',
  ],
  [
    'heartbeats.post',
    (c) => c.heartbeats.post('hb-1'),
    'POST',
    '/v1/heartbeats',
    undefined,
    '{"heartbeat_id":"hb-1"}',
  ],
  [
    'builder.trades',
    (c) => c.builder.trades({ builder_code: CODE }).first(),
    'GET',
    '/builder/trades',
    `builder_code=${CODE}&next_cursor=MA%3D%3D`,
  ],
  ['builder.fees', (c) => c.builder.fees(CODE), 'GET', `/fees/builder-fees/${CODE}`],
]

describe('every endpoint (PROTOCOL.md §5)', () => {
  it.each(rows)('%s', async (_name, call, method, path, query, body) => {
    const { client, requests } = recording()
    await call(client).catch(() => undefined)
    const r = requests[0]
    expect(r?.method).toBe(method)
    expect(r?.url).toBe(`http://localhost:8080${path}`)
    expect(r?.fullUrl).toBe(`http://localhost:8080${path}${query === undefined ? '' : `?${query}`}`)
    expect(r?.body).toBe(body)
    if (r?.body !== undefined) expect(r.headers['Content-Type']).toBe('application/json')
  })

  it('signs L1 calls with the nonce and L2 calls over path and body only', async () => {
    const { client, requests } = recording({ now: () => 1_700_000_000_123 })
    await client.keys.create({ nonce: 3 }).catch(() => undefined)
    expect(requests[0]?.headers.POLY_NONCE).toBe('3')
    expect(requests[0]?.headers.POLY_TIMESTAMP).toBe('1700000000')
    await client.orders.open({ market: CID }).first()
    expect(requests[1]?.headers.POLY_API_KEY).toBe(creds.key)
    expect(requests[1]?.headers.POLY_SIGNATURE).toMatch(/^[A-Za-z0-9_-]{43}=$/)
  })

  it('sends public endpoints without auth headers', async () => {
    const { client, requests } = recording()
    await client.books.book(T1).catch(() => undefined)
    expect(Object.keys(requests[0]?.headers ?? {}).filter((k) => k.startsWith('POLY_'))).toEqual([])
  })

  it('rejects bad inputs before any request', async () => {
    const { client, requests } = recording()
    await expect(client.books.priceHistory({ market: T1, startTs: 1 })).rejects.toMatchObject({
      code: 'INVALID_PRICE_HISTORY_RANGE',
    })
    expect(() => client.builder.trades({ builder_code: `0x${'0'.repeat(64)}` })).toThrow(
      /builderCode is required/,
    )
    expect(() => client.cancels.market({})).toThrow(/market/)
    expect(() => client.account.balanceAllowance({ asset_type: 'CONDITIONAL' })).toThrow(/token_id/)
    expect(requests).toEqual([])
  })

  it('needs credentials for L2 calls and a signer for L1 calls', async () => {
    const { transport, requests } = Conformance.recordingTransport()
    const anon = createClient({ host: 'http://localhost:8080', chainId: 137, transport })
    expect(() => anon.cancels.all()).toThrow(expect.objectContaining({ code: 'CREDENTIALS_REQUIRED' }))
    // L2 pagers check when they are made, before the first page is requested
    for (const make of [
      () => anon.orders.open(),
      () => anon.orders.preMigration(),
      () => anon.trades.list(),
      () => anon.rewards.earnings('2026-01-01'),
    ]) {
      expect(make).toThrow(expect.objectContaining({ code: 'CREDENTIALS_REQUIRED', param: 'credentials' }))
    }
    await expect(anon.keys.derive()).rejects.toMatchObject({ code: 'SIGNER_REQUIRED' })
    expect(requests).toEqual([])
    // a public pager needs neither: it asks for its first page, unauthenticated
    // (the recording transport's canned body is not a markets page: only the request counts)
    await anon.markets
      .list()
      .first()
      .catch(() => undefined)
    expect(requests.map((r) => `${r.method} ${r.fullUrl}`)).toEqual([
      'GET http://localhost:8080/markets?next_cursor=MA%3D%3D',
    ])
    expect(Object.keys(requests[0]?.headers ?? {}).filter((k) => k.startsWith('POLY_'))).toEqual([])
  })
})

describe('createClient', () => {
  it('validates its options', () => {
    expect(() => createClient({ host: 'ftp://x', chainId: 137 })).toThrow(
      expect.objectContaining({ code: 'INVALID_HOST' }),
    )
    expect(() => createClient({ host: 'http://x', chainId: 1 as 137 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CHAIN' }),
    )
    expect(() => createClient({ host: 'http://x', chainId: 137, feeSlippage: 0.5 })).toThrow(
      /feeSlippage must be 0 or a percentage between 1 and 100/,
    )
    expect(() => createClient({ host: 'http://x', chainId: 137, funder: '0x1234' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', param: 'funder' }),
    )
    expect(() => createClient({ host: 'http://x', chainId: 137, builderCode: '0x12' })).toThrow(
      expect.objectContaining({ code: 'INVALID_BUILDER_CODE' }),
    )
    expect(() => createClient({ host: 'http://x', chainId: 137, signatureType: 4 as 0 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_TYPE' }),
    )
  })

  it('withCredentials keeps transport and cache and swaps the key', async () => {
    const { client, requests } = recording()
    const other = client.withCredentials({ ...creds, key: 'aaaaaaaa-0000-4000-8000-000000000000' })
    await other.account.closedOnly()
    expect(requests[0]?.headers.POLY_API_KEY).toBe('aaaaaaaa-0000-4000-8000-000000000000')
    expect(other.context.marketInfo).toBe(client.context.marketInfo)
  })

  it('applies the server clock offset when serverTime is set', async () => {
    const { transport, requests } = Conformance.recordingTransport()
    const timed = createClient({
      host: 'http://localhost:8080',
      chainId: 137,
      signer,
      credentials: creds,
      now: () => 1_700_000_000_000,
      serverTime: true,
      transport: async (req) =>
        req.url.endsWith('/time') ? { status: 200, headers: {}, body: '1700000100' } : transport(req),
    })
    await timed.account.closedOnly()
    await timed.account.closedOnly()
    expect(requests.map((r) => r.headers.POLY_TIMESTAMP)).toEqual(['1700000100', '1700000100'])
  })

  it('never prints the credentials', () => {
    const { client } = recording()
    expect(JSON.stringify(client.context.credentials)).not.toContain(creds.secret)
    expect(String(client.context.credentials)).not.toContain(creds.passphrase)
  })
})

describe('paginate', () => {
  it('walks pages from MA== until LTE= and yields items', async () => {
    const cursors: string[] = []
    const pager = paginate<number>(async (cursor) => {
      cursors.push(cursor)
      const n = cursor === INITIAL_CURSOR ? 0 : Number(atob(cursor))
      return { data: [n, n + 1], next_cursor: n >= 4 ? END_CURSOR : btoa(String(n + 2)) }
    })
    expect(await pager.all()).toEqual([0, 1, 2, 3, 4, 5])
    expect(cursors).toEqual(['MA==', 'Mg==', 'NA=='])
    const first = await pager.first()
    expect(first.data).toEqual([0, 1])
    const items: number[] = []
    for await (const item of pager) items.push(item)
    expect(items).toHaveLength(6)
  })

  it('stops at maxPages and detects a cursor loop', async () => {
    let n = 0
    const pager = paginate<number>(async () => ({ data: [++n], next_cursor: btoa(String(n)) }), {
      maxPages: 3,
    })
    expect(await pager.all()).toEqual([1, 2, 3])
    const looped = paginate<number>(async () => ({ data: [1], next_cursor: 'MQ==' }))
    await expect(looped.all()).rejects.toMatchObject({ code: 'PAGINATION_LOOP' })
  })
})
