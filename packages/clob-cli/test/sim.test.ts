import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { argv, type Result, runInPty, type Sandbox, sandbox, TEST_ADDRESS, TEST_KEY } from './helpers.js'

// Real processes over real loopback HTTP: the built `clob` binary against clob-sim.
const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817'
const NO = '99745350690374632499971079087374360969353085358205563945927490072558604948071'
const NEG = '70850512422879686143177739046657966252260775540807003565285970361820036351644'
const CONDITION = '0x373e6f1389155f47498d27d9aeb77b602f383fd6075d6b329dda1a6cbd07051d'

let sim: SimHandle
let box: Sandbox
const outputs: string[] = []
let secret = ''
let passphrase = ''

async function clob(
  args: readonly string[],
  opts: { env?: Record<string, string | undefined>; input?: string } = {},
): Promise<Result> {
  const r = await box.run(args, opts)
  outputs.push(r.stdout, r.stderr)
  return r
}

function json<T = Record<string, unknown>>(r: Result): T {
  try {
    return JSON.parse(r.stdout) as T
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`)
  }
}

async function openOrders(): Promise<{ id: string; price: string; side: string; status: string }[]> {
  return json<{ data: { id: string; price: string; side: string; status: string }[] }>(
    await clob(['orders', '--all', '--json']),
  ).data
}

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  box = sandbox({ CLOB_HOST: sim.url })
  const pw = box.file('pw.txt', 'sim test password\n')
  const kf = box.file('key.hex', TEST_KEY)
  const imp = await clob([
    'wallet',
    'import',
    'main',
    '--key-file',
    kf,
    '--password-file',
    pw,
    '--scrypt-n',
    '4096',
  ])
  expect(imp.code, imp.stderr).toBe(0)
  expect((await clob(['profile', 'set', '--password-file', pw])).code).toBe(0)
})

afterAll(async () => {
  await sim?.stop()
  box?.cleanup()
})

describe('market data', () => {
  it('markets list: table, --json page shape, --all', async () => {
    const [human, page, all] = await Promise.all([
      clob(['markets', 'list']),
      clob(['markets', 'list', '--json']),
      clob(['markets', 'list', '--all', '--json']),
    ])
    expect(human.code).toBe(0)
    expect(human.stdout).toMatch(/^CONDITION ID\s+STATE\s+QUESTION/)
    expect(human.stdout).toContain('Will it rain in Lisbon')
    const p = json<{ data: { condition_id: string }[]; next_cursor: string }>(page)
    expect(p.data.map((m) => m.condition_id)).toContain(CONDITION)
    expect(typeof p.next_cursor).toBe('string')
    expect(json<{ next_cursor: string }>(all).next_cursor).toBe('LTE=')
  })

  it('--all shows a progress line on a TTY', async () => {
    const r = await runInPty(box, ['markets', 'list', '--all'], [])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/fetching markets: \d+ in \d+ page\(s\)/)
    expect(r.stdout).toContain('Will it rain in Lisbon')
  })

  it('markets get by condition id and by token', async () => {
    const [byId, byToken] = await Promise.all([
      clob(['markets', 'get', CONDITION, '--json']),
      clob(['markets', 'get', '--token', NO]),
    ])
    expect(json(byId)).toMatchObject({ condition_id: CONDITION })
    expect(byToken.stdout).toContain(CONDITION)
    expect(byToken.stdout).toMatch(/OUTCOME\s+TOKEN ID/)
  })

  it('book: best levels first in the table; --json is the server summary; --depth', async () => {
    const [human, raw, shallow] = await Promise.all([
      clob(['book', YES]),
      clob(['book', YES, '--json']),
      clob(['book', '--token', YES, '--depth', '1', '--json']),
    ])
    const lines = human.stdout.split('\n').filter((l) => /^(ASK|BID)\s/.test(l))
    expect(lines[0]).toMatch(/^ASK\s+0\.55/)
    expect(lines.at(-1)).toMatch(/^BID\s+0\.45/)
    const b = json<{ asset_id: string; bids: unknown[]; asks: unknown[]; tick_size: string }>(raw)
    expect(b.asset_id).toBe(YES)
    expect(b.bids.length).toBeGreaterThan(1)
    const s = json<{ bids: { price: string }[]; asks: { price: string }[] }>(shallow)
    expect(s.bids).toEqual([expect.objectContaining({ price: '0.48' })])
    expect(s.asks).toEqual([expect.objectContaining({ price: '0.52' })])
  })

  it('price, midpoint, spread, last trade: single and batch shapes', async () => {
    const [p1, pN, mid, spread, lt1, ltN] = await Promise.all([
      clob(['price', YES, '--side', 'SELL', '--json']),
      clob(['price', YES, NO, '--side', 'BUY', '--json']),
      clob(['midpoint', YES, NO, '--json']),
      clob(['spread', YES, '--json']),
      clob(['last-trade', YES, '--json']),
      clob(['last-trade', YES, NO, '--json']),
    ])
    expect(json(p1)).toMatchObject({ token_id: YES, side: 'SELL', price: expect.stringMatching(/^0\.\d+$/) })
    const batch = json<{ token_id: string; side: string; price: string }[]>(pN)
    expect(batch.map((x) => [x.token_id, x.side])).toEqual([
      [YES, 'BUY'],
      [NO, 'BUY'],
    ])
    expect(batch.every((x) => /^0\.\d+$/.test(x.price))).toBe(true)
    expect(json<{ token_id: string; mid: string }[]>(mid)).toEqual([
      { token_id: YES, mid: '0.5' },
      { token_id: NO, mid: expect.stringMatching(/^0\.\d+$/) },
    ])
    expect(json<{ spread: string }[]>(spread)[0]?.spread).toBe('0.04')
    expect(json<{ price: string }[]>(lt1)[0]?.price).toBe('0.5')
    expect(json<unknown[]>(ltN)).toHaveLength(2)
  })

  it('markets list --kind simplified, spread batch', async () => {
    const [simple, spreads] = await Promise.all([
      clob(['markets', 'list', '--kind', 'simplified', '--json']),
      clob(['spread', YES, NO, '--json']),
    ])
    expect(simple.code, simple.stderr).toBe(0)
    expect(json<{ data: unknown[] }>(simple).data.length).toBeGreaterThan(0)
    expect(json<{ token_id: string; spread: string }[]>(spreads).map((x) => x.token_id)).toEqual([YES, NO])
    expect((await clob(['markets', 'list', '--kind', 'weird'])).code).toBe(2)
  })

  it('tick size, neg risk, fee rate, price history, time', async () => {
    const [tick, nr, fee, hist, t] = await Promise.all([
      clob(['tick-size', YES, '--json']),
      clob(['neg-risk', YES, '--json']),
      clob(['fee-rate', YES, '--json']),
      clob(['price-history', YES, '--interval', '1d', '--json']),
      clob(['time', '--json']),
    ])
    expect(json(tick)).toEqual({ token_id: YES, tick_size: '0.01' })
    expect(json(nr)).toEqual({ token_id: YES, neg_risk: false })
    expect(json(fee)).toEqual({ token_id: YES, base_fee: 0 })
    expect(json<{ history: unknown[] }>(hist).history).toBeInstanceOf(Array)
    const tt = json<{ server: number; offset_ms: number }>(t)
    expect(Math.abs(tt.offset_ms)).toBeLessThan(5000)
  })

  it('usage errors: missing token, bad interval combination, unknown side', async () => {
    const [a, b, c2, d] = await Promise.all([
      clob(['book']),
      clob(['price-history', YES]),
      clob(['price-history', YES, '--interval', '1d', '--start', '1']),
      clob(['price', YES, '--side', 'ASK']),
    ])
    for (const r of [a, b, c2, d]) expect(r.code).toBe(2)
    expect(d.stderr).toContain('[INVALID_SIDE]')
  })

  it('an unknown token is exit 1 naming the token, not a bare HTTP 404', async () => {
    const [book, tick, order] = await Promise.all([
      clob(['book', '1']),
      clob(['tick-size', '123', '--json']),
      clob(argv('order limit --token 777 --side BUY --price 0.4 --size 10 --dry-run')),
    ])
    expect(book.code).toBe(1)
    expect(book.stderr).toContain(`error [TOKEN_NOT_FOUND] token 1 was not found on ${sim.url}`)
    expect(book.stderr).toContain('hint: check the id')
    expect(book.stderr).not.toContain('HTTP_ERROR')
    expect(tick.code).toBe(1)
    expect(JSON.parse(tick.stderr)).toMatchObject({
      error: { code: 'TOKEN_NOT_FOUND', param: '--token', message: expect.stringContaining('token 123 ') },
    })
    expect(order.code).toBe(1)
    expect(order.stderr).toContain('[TOKEN_NOT_FOUND] token 777 was not found')
  })
})

describe('keys and credentials', () => {
  it('L2 commands without credentials say how to get them', async () => {
    const r = await clob(['orders'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('[MISSING_CREDENTIALS]')
    expect(r.stderr).toContain('clob keys create-or-derive')
  })

  it('create-or-derive stores credentials (0600) and prints only the key', async () => {
    const r = await clob(['keys', 'create-or-derive', '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = json<{ apiKey: string; address: string; nonce: number; stored: boolean }>(r)
    expect(out).toMatchObject({ address: TEST_ADDRESS, nonce: 0, stored: true })
    const path = join(box.config, 'profiles', 'default.json')
    expect(statSync(path).mode & 0o777).toBe(0o600)
    const profile = JSON.parse(readFileSync(path, 'utf8')) as {
      credentials: { key: string; secret: string; passphrase: string }
    }
    expect(profile.credentials.key).toBe(out.apiKey)
    secret = profile.credentials.secret
    passphrase = profile.credentials.passphrase
    expect(secret.length).toBeGreaterThan(8)
    expect(r.stdout + r.stderr).not.toContain(secret)
    expect(r.stdout + r.stderr).not.toContain(passphrase)
  })

  it('derive returns the same key; list shows it; profile show masks the secret', async () => {
    const key = json<{ apiKey: string }>(await clob(['keys', 'derive', '--json'])).apiKey
    const list = json<{ apiKeys: unknown[] }>(await clob(['keys', 'list', '--json']))
    expect(JSON.stringify(list.apiKeys)).toContain(key)
    const show = await clob(['profile', 'show'])
    expect(show.stdout).toContain(key)
    expect(show.stdout).toContain('*** (stored, never shown)')
    const showJson = json<{ credentials: Record<string, unknown> }>(await clob(['profile', 'show', '--json']))
    expect(Object.keys(showJson.credentials).sort()).toEqual(['address', 'apiKey', 'nonce'])
  })

  it('readonly keys: create, list, delete', async () => {
    const key = json<{ apiKey: string }>(await clob(['keys', 'readonly', 'create', '--json'])).apiKey
    // A new key of its own, registered on the exchange for this address — not the profile's L2 key.
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
    const profileKey = (
      JSON.parse(readFileSync(join(box.config, 'profiles', 'default.json'), 'utf8')) as {
        credentials: { key: string }
      }
    ).credentials.key
    expect(key).not.toBe(profileKey)
    expect([...sim.state.readonlyKeys.values()].some((set) => set.has(key))).toBe(true)
    expect(json<{ apiKeys: string[] }>(await clob(['keys', 'readonly', 'list', '--json'])).apiKeys).toContain(
      key,
    )
    const del = await clob(['keys', 'readonly', 'delete', key, '--json'])
    expect(del.code, del.stderr).toBe(0)
    expect(
      json<{ apiKeys: string[] }>(await clob(['keys', 'readonly', 'list', '--json'])).apiKeys,
    ).not.toContain(key)
  })

  it('builder keys: create (stored, secret hidden), list, revoke needs --yes off a TTY', async () => {
    const c = await clob(['keys', 'builder', 'create', '--json'])
    expect(c.code, c.stderr).toBe(0)
    const key = json<{ key: string }>(c).key
    expect(JSON.stringify(json(await clob(['keys', 'builder', 'list', '--json'])))).toContain(key)
    expect((await clob(['keys', 'builder', 'revoke'])).code).toBe(2)
    expect((await clob(['keys', 'builder', 'revoke', '--yes'])).code).toBe(0)
  })
})

describe('orders', () => {
  beforeAll(async () => {
    const f = await clob(['sim', 'fund', '--collateral', '5000', '--tokens', `${YES}=500`, '--json'])
    expect(f.code, f.stderr).toBe(0)
    expect(json(f)).toMatchObject({ address: TEST_ADDRESS.toLowerCase(), collateral: '5000' })
  })

  it('limit GTC rests; --json result shape; the order is readable', async () => {
    const r = await clob(argv(`order limit --token ${YES} --side BUY --price 0.40 --size 10 --json`))
    expect(r.code, r.stderr).toBe(0)
    const o = json<Record<string, unknown>>(r)
    expect(Object.keys(o).sort()).toEqual(
      argv(
        'errorMsg insertCode makingAmount orderHash orderID orderId orderType price side size status success takingAmount tradeIDs transactionsHashes',
      ).sort(),
    )
    expect(o).toMatchObject({
      success: true,
      status: 'live',
      orderType: 'GTC',
      side: 'BUY',
      price: '0.4',
      size: '10',
    })
    expect(o.orderID).toBe(o.orderHash)
    expect(o.orderId).toBe(o.orderID)
    const got = json(await clob(['order', 'get', String(o.orderID), '--json']))
    expect(got).toMatchObject({ id: o.orderID, side: 'BUY', price: '0.4', order_type: 'GTC' })
  })

  it('GTD with --expires 10m adds the 60 s threshold; too-near expiries are usage errors', async () => {
    const before = Math.floor(Date.now() / 1000)
    const r = await clob(
      argv(`order limit --token ${YES} --side BUY --price 0.39 --size 10 --expires 10m --json`),
    )
    expect(r.code, r.stderr).toBe(0)
    const id = json<{ orderID: string; orderType: string }>(r)
    expect(id.orderType).toBe('GTD')
    const o = json<{ expiration: string }>(await clob(['order', 'get', id.orderID, '--json']))
    const exp = Number(o.expiration)
    expect(exp).toBeGreaterThanOrEqual(before + 660)
    expect(exp).toBeLessThanOrEqual(before + 660 + 30)
    const near = await clob([
      'order',
      'limit',
      '--token',
      YES,
      '--side',
      'BUY',
      '--price',
      '0.39',
      '--size',
      '10',
      '--expires',
      String(before + 30),
    ])
    expect(near.code).toBe(2)
    expect(near.stderr).toContain('[INVALID_EXPIRATION]')
    const gtdNoExp = await clob(
      argv(`order limit --token ${YES} --side BUY --price 0.39 --size 10 --type GTD`),
    )
    expect(gtdNoExp.code).toBe(2)
  })

  it('--dry-run signs and prints payload, hash, notional and fees, and sends nothing', async () => {
    const before = (await openOrders()).length
    const r = await clob(
      argv(`order limit --token ${YES} --side BUY --price 0.42 --size 25 --dry-run --json`),
    )
    expect(r.code, r.stderr).toBe(0)
    const d = json<{
      dryRun: boolean
      orderHash: string
      notional: string
      payload: { owner: string; orderType: string; order: { salt: number; signature: string } }
      fees: { kind: string; takerFee: string; rate: string }
    }>(r)
    expect(d.dryRun).toBe(true)
    expect(d.orderHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(d.notional).toBe('10.5')
    expect(typeof d.payload.order.salt).toBe('number')
    expect(d.payload.owner).toMatch(/-/)
    // Seeded market fees: rate 0.05, exponent 1 → 25 · 0.05 · 0.42 · 0.58 = 0.3045.
    expect(d.fees).toMatchObject({ kind: 'platform', rate: '0.05', takerFee: '0.3045' })
    expect((await openOrders()).length).toBe(before)
    const human = await clob(argv(`order market --token ${YES} --side BUY --amount 5 --dry-run`))
    expect(human.stdout).toContain('DRY RUN — nothing was sent')
    expect(human.stdout).toContain('"orderType": "FOK"')
  })

  it('post-only that would cross is rejected: exit 1, JSON says why', async () => {
    const r = await clob(
      argv(`order limit --token ${YES} --side BUY --price 0.60 --size 5 --post-only --json`),
    )
    expect(r.code).toBe(1)
    expect(json(r)).toMatchObject({ success: false, status: 'rejected' })
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'ORDER_REJECTED' } })
  })

  it('a marketable FOK fills (exit 0); an unfillable FOK is rejected (exit 1)', async () => {
    const fill = await clob(argv(`order market --token ${YES} --side BUY --amount 10 --price 0.6 --json`))
    expect(fill.code, fill.stderr).toBe(0)
    const f = json<{ status: string; tradeIDs: string[] }>(fill)
    expect(f.status).toBe('matched')
    expect(f.tradeIDs.length).toBeGreaterThan(0)
    const kill = await clob(argv(`order market --token ${YES} --side BUY --amount 4000 --price 0.53`))
    expect(kill.code).toBe(1)
    expect(kill.stderr).toMatch(/ORDER_REJECTED|NO_MATCH|FOK/)
  })

  it('FAK, and a market SELL priced from the book', async () => {
    const fak = await clob(
      argv(`order market --token ${YES} --side BUY --amount 5 --type FAK --price 0.55 --json`),
    )
    expect(fak.code, fak.stderr).toBe(0)
    const sell = await clob(['order', 'market', '--token', YES, '--side', 'SELL', '--amount', '5', '--json'])
    expect(sell.code, sell.stderr).toBe(0)
    expect(json(sell)).toMatchObject({ success: true, status: 'matched', orderType: 'FOK' })
  })

  it('unknown enums are usage errors, never defaulted', async () => {
    const base = ['order', 'limit', '--token', YES, '--side', 'BUY', '--price', '0.4', '--size', '10']
    const [t, sig, tick, side] = await Promise.all([
      clob([...base, '--type', 'IOC']),
      clob([...base, '--signature-type', '4']),
      clob([...base, '--tick-size', '0.02']),
      clob(['order', 'limit', '--token', YES, '--side', 'buy-ish', '--price', '0.4', '--size', '10']),
    ])
    expect([t.code, sig.code, tick.code, side.code]).toEqual([2, 2, 2, 2])
    expect(t.stderr).toContain('[INVALID_ORDER_TYPE]')
    expect(sig.stderr).toContain('[INVALID_SIGNATURE_TYPE]')
    expect(tick.stderr).toContain('[INVALID_TICK_SIZE]')
    expect(side.stderr).toContain('[INVALID_SIDE]')
  })

  it('batch from JSON: 17 orders go out as 15 + 2; one rejection makes exit 1', async () => {
    const rows = Array.from({ length: 17 }, (_, i) => ({
      token: YES,
      side: 'BUY',
      price: (0.2 + i * 0.005).toFixed(3).replace(/0$/, ''),
      size: '5',
    }))
    // 0.005 steps are off the 0.01 tick on odd rows: use only even-cent prices.
    const clean = rows.map((r, i) => ({ ...r, price: (0.2 + i * 0.01).toFixed(2) }))
    const file = box.file('batch.json', JSON.stringify(clean))
    const r = await clob(['order', 'batch', file, '--json'])
    expect(r.code, r.stderr).toBe(0)
    const out = json<{ results: { success: boolean; orderID: string }[]; posted: number; rejected: number }>(
      r,
    )
    expect(out.posted).toBe(17)
    expect(out.rejected).toBe(0)
    expect(new Set(out.results.map((x) => x.orderID)).size).toBe(17)
    const bad = box.file(
      'bad.json',
      JSON.stringify([
        { token: YES, side: 'BUY', price: '0.3', size: '5' },
        { token: YES, side: 'BUY', price: '0.3', size: '999999' },
      ]),
    )
    const r2 = await clob(['order', 'batch', bad, '--json'])
    expect(r2.code).toBe(1)
    const out2 = json<{ posted: number; rejected: number; results: { insertCode: string | null }[] }>(r2)
    expect([out2.posted, out2.rejected]).toEqual([1, 1])
    expect(out2.results[1]?.insertCode).toBe('INVALID_ORDER_NOT_ENOUGH_BALANCE')
  })

  it('batch from CSV with GTD and post-only columns; --dry-run sends nothing; bad rows name the row', async () => {
    const csv = box.file(
      'orders.csv',
      `token,side,price,size,type,expires,post_only\n${YES},SELL,0.70,5,GTC,,true\n${YES},SELL,0.71,5,GTD,15m,false\n`,
    )
    const dry = await clob(['order', 'batch', csv, '--dry-run', '--json'])
    expect(dry.code, dry.stderr).toBe(0)
    const d = json<{ dryRun: boolean; orders: { orderType: string; postOnly: boolean }[] }>(dry)
    expect(d.orders.map((o) => [o.orderType, o.postOnly])).toEqual([
      ['GTC', true],
      ['GTD', false],
    ])
    const real = await clob(['order', 'batch', csv, '--json'])
    expect(real.code, real.stderr).toBe(0)
    expect(json<{ posted: number }>(real).posted).toBe(2)
    const broken = box.file('broken.csv', `token,side,price,size\n${YES},BUY,0.3,5\n${YES},HOLD,0.3,5\n`)
    const b = await clob(['order', 'batch', broken])
    expect(b.code).toBe(2)
    expect(b.stderr).toContain('row 2')
  })

  it('order sign (online) resolves the tick and neg risk from the server', async () => {
    const r = await clob(argv(`order sign --token ${YES} --side BUY --price 0.3 --size 10 --json`))
    expect(r.code, r.stderr).toBe(0)
    const s = json<{
      domain: { version: string; verifyingContract: string }
      payload: { owner: string; order: { signature: string } } | null
    }>(r)
    expect(s.domain.version).toBe('2')
    // The payload is ready to post: owned by the profile's API key, carrying the signature.
    const profileKey = (
      JSON.parse(readFileSync(join(box.config, 'profiles', 'default.json'), 'utf8')) as {
        credentials: { key: string }
      }
    ).credentials.key
    expect(s.payload?.owner).toBe(profileKey)
    // Neg risk comes from the server: the neg-risk market's token signs for another exchange.
    const neg = await clob(argv(`order sign --token ${NEG} --side BUY --price 0.3 --size 10 --json`))
    expect(neg.code, neg.stderr).toBe(0)
    const negDomain = json<{ domain: { verifyingContract: string } }>(neg).domain
    expect(negDomain.verifyingContract).not.toBe(s.domain.verifyingContract)
    // The tick comes from the server: 0.005 is off YES's 0.01 tick, and on BTC's 0.001 tick.
    const off = await clob(argv(`order sign --token ${YES} --side BUY --price 0.305 --size 10`))
    expect(off.code).toBe(2)
    expect(off.stderr).toContain('[PRICE_NOT_ON_TICK] price 0.305 is not on the market tick 0.01')
  })
})

describe('proxy / safe / 1271 setups', () => {
  const FUNDER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
  const sign = argv(
    `order sign --offline --token ${YES} --side BUY --price 0.5 --size 10 --tick-size 0.01 --json`,
  )

  it('proxy signs with the EOA for the funder', async () => {
    const r = await clob([...sign, '--signature-type', 'proxy', '--funder', FUNDER])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ signedOrder: Record<string, unknown> }>(r).signedOrder).toMatchObject({
      maker: FUNDER,
      signer: TEST_ADDRESS,
      signatureType: 1,
    })
  })

  it('1271 wraps the signature (317 bytes) and needs V2/V3', async () => {
    const r = await clob([...sign, '--signature-type', '1271', '--funder', FUNDER, '--exchange-version', '3'])
    expect(r.code, r.stderr).toBe(0)
    const s = json<{ signature: string; signedOrder: { signer: string; maker: string } }>(r)
    expect(s.signature.length).toBe(2 + 317 * 2)
    expect(s.signedOrder.signer).toBe(FUNDER)
    const v1 = await clob([
      ...sign,
      '--signature-type',
      '1271',
      '--funder',
      FUNDER,
      '--exchange-version',
      '1',
    ])
    expect(v1.code).toBe(2)
    expect(JSON.parse(v1.stderr)).toMatchObject({
      error: { code: 'UNSUPPORTED_SIGNATURE_TYPE', param: '--signature-type' },
    })
  })

  it('inconsistent setups are refused before signing', async () => {
    const [eoaFunder, proxyNoFunder] = await Promise.all([
      clob([...sign, '--funder', FUNDER]),
      clob([...sign, '--signature-type', 'safe']),
    ])
    expect(eoaFunder.code).toBe(2)
    expect(JSON.parse(eoaFunder.stderr)).toMatchObject({
      error: { code: 'FUNDER_MISMATCH', hint: expect.stringContaining('proxy') },
    })
    expect(proxyNoFunder.code).toBe(2)
    expect(JSON.parse(proxyNoFunder.stderr)).toMatchObject({ error: { code: 'FUNDER_REQUIRED' } })
  })
})

describe('account', () => {
  it('open orders and trades, paginated with --all; tables on request', async () => {
    const [orders, trades, humanOrders] = await Promise.all([
      clob(['orders', '--all', '--json']),
      clob(['trades', '--all', '--json']),
      clob(['orders', '--token', YES]),
    ])
    expect(json<{ data: unknown[]; next_cursor: string }>(orders).next_cursor).toBe('LTE=')
    expect(json<{ data: unknown[] }>(orders).data.length).toBeGreaterThanOrEqual(20)
    expect(json<{ data: { side: string }[] }>(trades).data.length).toBeGreaterThan(0)
    expect(humanOrders.stdout).toMatch(/^ORDER ID\s+SIDE\s+PRICE\s+SIZE\s+FILLED/)
  })

  it('balance (collateral and token) and --refresh', async () => {
    const [coll, tok, refreshed] = await Promise.all([
      clob(['balance', '--json']),
      clob(['balance', '--token', YES, '--json']),
      clob(['balance', '--refresh', '--json']),
    ])
    const c = json<{ asset_type: string; balance: string; allowances: Record<string, string> }>(coll)
    expect(c.asset_type).toBe('COLLATERAL')
    expect(c.balance).toMatch(/^\d+$/)
    expect(json(tok)).toMatchObject({ asset_type: 'CONDITIONAL', token_id: YES })
    expect(json(refreshed)).toMatchObject({ refreshed: true })
  })

  it('notifications list and drop; scoring; closed-only; rewards', async () => {
    const list = json<{ id: number }[]>(await clob(['notifications', 'list', '--json']))
    expect(Array.isArray(list)).toBe(true)
    if (list.length > 0) {
      const d = await clob(['notifications', 'drop', String(list[0]!.id), '--json'])
      expect(json(d)).toEqual({ dropped: [list[0]!.id] })
    }
    expect((await clob(['notifications', 'drop', 'x'])).code).toBe(2)
    const ids = (await openOrders()).slice(0, 2).map((o) => o.id)
    const sc = json<Record<string, boolean>>(await clob(['scoring', ...ids, '--json']))
    expect(Object.keys(sc).sort()).toEqual([...ids].sort())
    expect(json(await clob(['closed-only', '--json']))).toEqual({ closed_only: false })
    const [rm, rp, rt, re] = await Promise.all([
      clob(['rewards', 'markets', '--json']),
      clob(['rewards', 'percentages', '--json']),
      clob(['rewards', 'total', '--json']),
      clob(['rewards', 'earnings', '--date', '2027-01-01', '--json']),
    ])
    for (const r of [rm, rp, rt, re]) expect(r.code, r.stderr).toBe(0)
    expect((await clob(['rewards', 'total', '--date', '2027-13-45'])).code).toBe(2)
  })
})

describe('cancel', () => {
  it('one and many by id', async () => {
    const ids = (await openOrders()).slice(0, 3).map((o) => o.id)
    const one = await clob(['cancel', 'order', ids[0]!, '--json'])
    expect(json(one)).toEqual({ canceled: [ids[0]], not_canceled: {} })
    const many = await clob(['cancel', ids[1]!, ids[2]!, '--json'])
    expect(json<{ canceled: string[] }>(many).canceled.sort()).toEqual([ids[1], ids[2]].sort())
    const again = await clob(['cancel', 'order', ids[0]!])
    expect(again.code).toBe(1)
  })

  it('cancel market needs --yes off a TTY, then cancels only that token', async () => {
    const refused = await clob(['cancel', 'market', '--token', YES])
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('[CONFIRMATION_REQUIRED]')
    const r = await clob(['cancel', 'market', '--token', YES, '--yes', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ canceled: string[] }>(r).canceled.length).toBeGreaterThan(0)
    expect((await openOrders()).length).toBe(0)
  })

  it('cancel market by condition id', async () => {
    await clob(['order', 'limit', '--token', NO, '--side', 'BUY', '--price', '0.2', '--size', '5'])
    const r = await clob(['cancel', 'market', '--market', CONDITION, '--yes', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ canceled: string[] }>(r).canceled.length).toBeGreaterThan(0)
    expect((await openOrders()).filter((o) => o.price === '0.2')).toHaveLength(0)
  })

  it('cancel all on a TTY asks; "n" keeps the orders, "y" cancels them', async () => {
    await clob(['order', 'limit', '--token', NO, '--side', 'BUY', '--price', '0.2', '--size', '5'])
    await clob(['order', 'limit', '--token', NO, '--side', 'BUY', '--price', '0.21', '--size', '5'])
    expect((await openOrders()).length).toBe(2)
    const no = await runInPty(box, ['cancel', 'all'], [{ expect: '[y/N] ', send: 'n\r' }])
    expect(no.stdout).toContain('Cancel ALL open orders')
    expect(no.code).toBe(1)
    expect(no.stdout).toContain('[ABORTED]')
    expect((await openOrders()).length).toBe(2)
    const yes = await runInPty(box, ['cancel', 'all'], [{ expect: '[y/N] ', send: 'y\r' }])
    expect(yes.code).toBe(0)
    expect(yes.stdout).toMatch(/canceled\s+0x/)
    expect((await openOrders()).length).toBe(0)
  })

  it('cancel all off a TTY refuses without --yes (exit 2) and works with it', async () => {
    await clob(['order', 'limit', '--token', NO, '--side', 'BUY', '--price', '0.2', '--size', '5'])
    const refused = await clob(['cancel', 'all'])
    expect(refused.code).toBe(2)
    expect((await openOrders()).length).toBe(1)
    expect((await clob(['cancel', 'all', '--yes'])).code).toBe(0)
    expect((await openOrders()).length).toBe(0)
  })
})

describe('secrets', () => {
  it('never appear in any output of this file (stdout, stderr, --json, errors)', () => {
    expect(secret).not.toBe('')
    const all = outputs.join('\n')
    expect(all).not.toContain(secret)
    expect(all).not.toContain(passphrase)
    expect(all).not.toContain(TEST_KEY.slice(2))
    expect(all).not.toContain('sim test password')
  })

  it('a tampered secret makes L2 fail with a hint, still without echoing it', async () => {
    const path = join(box.config, 'profiles', 'default.json')
    const original = readFileSync(path, 'utf8')
    const p = JSON.parse(original) as { credentials: { secret: string } }
    const bogus = Buffer.from('definitely-not-the-secret-0123456789').toString('base64url')
    p.credentials.secret = bogus
    writeFileSync(path, JSON.stringify(p), { mode: 0o600 })
    try {
      const r = await clob(['orders'])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('[AUTHENTICATION_FAILED]')
      expect(r.stderr).toContain('clob keys derive')
      expect(r.stdout + r.stderr).not.toContain(bogus)
    } finally {
      writeFileSync(path, original, { mode: 0o600 })
    }
  })
})

describe('keys delete', () => {
  it('deletes the API key on the server and forgets it locally', async () => {
    const refused = await clob(['keys', 'delete'])
    expect(refused.code).toBe(2)
    const r = await clob(['keys', 'delete', '--yes', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(Object.keys(json(r))).toEqual(['deleted'])
    const after = await clob(['orders'])
    expect(after.code).toBe(1)
    expect(after.stderr).toContain('[MISSING_CREDENTIALS]')
  })
})
