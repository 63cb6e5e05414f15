import { startSim } from '@clobkit/clob-sim'
import { describe, expect, it } from 'vitest'
import {
  balance,
  book,
  fund,
  l2,
  limitBody,
  newSigner,
  postLimit,
  RAIN_YES,
  raw,
  simPool,
  trader,
} from './helpers.js'

const { sim, sims } = simPool()

describe('admin endpoints are off unless enabled', () => {
  it('answers 404 like any unknown path', async () => {
    const s = await startSim()
    sims.push(s)
    const res = await raw(s, 'POST', '/_sim/fund', {
      body: JSON.stringify({ address: newSigner().address, collateral: '1' }),
    })
    expect(res.status).toBe(404)
    expect(typeof res.json.error).toBe('string')
    expect((await raw(s, 'GET', '/_sim/state')).status).toBe(404)
  })
})

describe('POST /_sim/fund and /_sim/version', () => {
  it('credits collateral and outcome tokens in whole units', async () => {
    const s = await sim()
    const t = await trader(s)
    const res = await raw(s, 'POST', '/_sim/fund', {
      body: JSON.stringify({ address: t.address, collateral: '1000', tokens: { [RAIN_YES]: '500' } }),
    })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      address: t.address.toLowerCase(),
      collateral: '1000',
      tokens: { [RAIN_YES]: '500' },
    })
    await fund(s, t.address, '0.5')
    expect(await balance(s, t)).toBe(1_000_500_000n)
    expect(await balance(s, t, RAIN_YES)).toBe(500_000_000n)
    for (const body of [
      { address: 'nope', collateral: '1' },
      { address: t.address, collateral: 1 },
      { address: t.address, collateral: '-1' },
      { address: t.address, collateral: '1.0000001' },
      { address: t.address, tokens: { '42': '1' } },
    ]) {
      expect((await raw(s, 'POST', '/_sim/fund', { body: JSON.stringify(body) })).status).toBe(400)
    }
  })

  it('sets the exchange version', async () => {
    const s = await sim()
    expect((await raw(s, 'POST', '/_sim/version', { body: '{"version":1}' })).json).toEqual({ version: 1 })
    expect((await raw(s, 'GET', '/version')).json).toEqual({ version: 1 })
    expect((await raw(s, 'POST', '/_sim/version', { body: '{"version":4}' })).status).toBe(400)
    expect((await raw(s, 'POST', '/_sim/version', { body: '{"version":"2"}' })).status).toBe(400)
  })
})

describe('POST /_sim/faults', () => {
  // How long a latency fault holds its request is a timing figure: apps/bench (`pnpm bench --only sim-faults`).
  it('latency holds the matching request only, and is used up by it', async () => {
    const s = await sim()
    await raw(s, 'POST', '/_sim/faults', { body: JSON.stringify({ path: '/time', latencyMs: 300 }) })
    const faults = async () => (await raw(s, 'GET', '/_sim/faults')).json
    // another path neither waits for nor consumes it
    expect((await raw(s, 'GET', '/ok')).status).toBe(200)
    expect(await faults()).toMatchObject([{ path: '/time', latencyMs: 300, remaining: 1 }])
    // the held request is answered after one on another path that started later
    const order: string[] = []
    const held = raw(s, 'GET', '/time').then((r) => order.push(`time ${r.status}`))
    await new Promise((resolve) => setImmediate(resolve))
    await raw(s, 'GET', '/ok').then((r) => order.push(`ok ${r.status}`))
    await held
    expect(order).toEqual(['ok 200', 'time 200'])
    expect(await faults()).toEqual([])
  })

  it('5xx answers for `count` requests without processing them', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await raw(s, 'POST', '/_sim/faults', {
      body: JSON.stringify({ path: '/order', method: 'POST', status: 503, count: 2 }),
    })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    const r1 = await l2(s, t, 'POST', '/order', b.wire)
    expect(r1.status).toBe(503)
    expect(typeof r1.json.error).toBe('string')
    expect((await l2(s, t, 'POST', '/order', b.wire)).status).toBe(503)
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toEqual([])
    expect((await l2(s, t, 'POST', '/order', b.wire)).status).toBe(200)
  })

  it('429 with Retry-After', async () => {
    const s = await sim()
    await raw(s, 'POST', '/_sim/faults', {
      body: JSON.stringify({ path: '/book', rateLimit: { retryAfter: 2 } }),
    })
    const res = await raw(s, 'GET', `/book?token_id=${RAIN_YES}`)
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('2')
    expect(typeof res.json.error).toBe('string')
    expect((await raw(s, 'GET', `/book?token_id=${RAIN_YES}`)).status).toBe(200)
  })

  it('dropAfterProcess: the connection dies but the order was placed', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await raw(s, 'POST', '/_sim/faults', { body: JSON.stringify({ path: '/order', dropAfterProcess: true }) })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    await expect(l2(s, t, 'POST', '/order', b.wire)).rejects.toThrow()
    const open = (await l2(s, t, 'GET', '/data/orders')).json.data
    expect(open.map((o: { id: string }) => o.id)).toEqual([b.id])
    expect((await l2(s, t, 'POST', '/order', b.wire)).json.errorCode).toBe('INVALID_ORDER_DUPLICATED')
  })

  it('dropBeforeProcess: the connection dies and nothing happened', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await raw(s, 'POST', '/_sim/faults', {
      body: JSON.stringify({ path: '/order', dropBeforeProcess: true }),
    })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    await expect(l2(s, t, 'POST', '/order', b.wire)).rejects.toThrow()
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toEqual([])
  })

  it('prefix paths, unlimited counts, listing and clearing; bad specs are 400s', async () => {
    const s = await sim()
    const added = await raw(s, 'POST', '/_sim/faults', {
      body: JSON.stringify({ path: '/data/*', status: 500, count: -1 }),
    })
    expect(added.json).toMatchObject({ id: 1, path: '/data/*', status: 500, remaining: -1 })
    const t = await trader(s)
    for (let i = 0; i < 3; i++) expect((await l2(s, t, 'GET', '/data/orders')).status).toBe(500)
    expect((await raw(s, 'GET', '/ok')).status).toBe(200)
    expect((await raw(s, 'GET', '/_sim/faults')).json).toHaveLength(1)
    expect((await raw(s, 'DELETE', '/_sim/faults')).json).toEqual({ cleared: 1 })
    expect((await l2(s, t, 'GET', '/data/orders')).status).toBe(200)
    for (const spec of [
      {},
      { status: 200 },
      { latencyMs: -1 },
      { count: 0, status: 500 },
      { nope: 1, status: 500 },
      { rateLimit: 5 },
    ]) {
      expect((await raw(s, 'POST', '/_sim/faults', { body: JSON.stringify(spec) })).status).toBe(400)
    }
  })
})

describe('clock, state, reset, tick size', () => {
  it('POST /_sim/time advances or sets the sim clock', async () => {
    const s = await sim({ now: () => 1_700_000_000_000 })
    expect((await raw(s, 'POST', '/_sim/time', { body: '{"advanceMs":5000}' })).json).toEqual({
      nowMs: 1_700_000_005_000,
    })
    expect((await raw(s, 'GET', '/time')).json).toBe(1_700_000_005)
    expect((await raw(s, 'POST', '/_sim/time', { body: '{"nowMs":1800000000000}' })).json).toEqual({
      nowMs: 1_800_000_000_000,
    })
    expect((await raw(s, 'GET', '/_sim/time')).json).toEqual({ nowMs: 1_800_000_000_000 })
    expect((await raw(s, 'POST', '/_sim/time', { body: '{"advanceMs":-1}' })).status).toBe(400)
  })

  it('POST /_sim/time refuses a time no Date can hold, naming the field, and leaves the clock alone', async () => {
    const s = await sim({ now: () => 1_700_000_000_000 })
    const cases: [unknown, string][] = [
      [{ nowMs: 1e308 }, 'nowMs'],
      [{ nowMs: 8.64e15 + 1 }, 'nowMs'],
      [{ nowMs: -1 }, 'nowMs'],
      [{ nowMs: 1.5 }, 'nowMs'],
      [{ nowMs: '1700000000000' }, 'nowMs'],
      [{ advanceMs: 1e308 }, 'advanceMs'],
      [{ advanceMs: 8.64e15 }, 'advanceMs'],
      [{ advanceMs: 0.5 }, 'advanceMs'],
      [{ advanceMs: 1, nowMs: 1 }, 'body'],
      [{}, 'body'],
      [{ nowMS: 1 }, 'nowMS'],
      [[1], 'body'],
    ]
    for (const [body, field] of cases) {
      const res = await raw(s, 'POST', '/_sim/time', { body: JSON.stringify(body) })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.json).toMatchObject({
        code: 'INVALID_TIME',
        field,
        error: expect.stringMatching(`^${field}: `),
      })
    }
    expect((await raw(s, 'GET', '/_sim/time')).json).toEqual({ nowMs: 1_700_000_000_000 })
    // signed requests still work: the refused times never reached the clock
    const t = await trader(s)
    expect((await l2(s, t, 'GET', '/data/orders')).status).toBe(200)
  })

  it('GET /_sim/state dumps books, balances and invariants without secrets', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    const res = await raw(s, 'GET', '/_sim/state')
    expect(res.json.invariants).toEqual([])
    expect(res.json.orders.open).toBeGreaterThan(0)
    expect(res.json.accounts[t.address.toLowerCase()]).toMatchObject({
      collateral: '100',
      reservedCollateral: '3',
    })
    expect(res.json.keys.some((k: { apiKey: string }) => k.apiKey === t.creds.key)).toBe(true)
    expect(res.text).not.toContain(t.creds.secret)
    expect(res.text).not.toContain(t.creds.passphrase)
  })

  it('POST /_sim/reset restores the seed (optionally keeping keys)', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.52, size: 10 })
    const seeded = (await book(s, RAIN_YES)).asks
    expect(seeded.at(-1)).toEqual({ price: '0.52', size: '90' })
    expect((await raw(s, 'POST', '/_sim/reset', { body: '{"keepKeys":true}' })).json).toEqual({
      reset: true,
      keptKeys: true,
    })
    expect((await book(s, RAIN_YES)).asks.at(-1)).toEqual({ price: '0.52', size: '100' })
    expect(await balance(s, t)).toBe(0n)
    expect((await raw(s, 'POST', '/_sim/reset')).status).toBe(200)
    expect((await l2(s, t, 'GET', '/data/orders')).status).toBe(401)
  })

  it('POST /_sim/tick-size validates its input', async () => {
    const s = await sim()
    expect(
      (
        await raw(s, 'POST', '/_sim/tick-size', {
          body: JSON.stringify({ token_id: RAIN_YES, tick_size: '0.02' }),
        })
      ).status,
    ).toBe(400)
    expect(
      (await raw(s, 'POST', '/_sim/tick-size', { body: JSON.stringify({ token_id: '5', tick_size: '0.1' }) }))
        .status,
    ).toBe(404)
    const ok = await raw(s, 'POST', '/_sim/tick-size', {
      body: JSON.stringify({ token_id: RAIN_YES, tick_size: '0.001' }),
    })
    expect(ok.json.tick_size).toBe('0.001')
    expect((await book(s, RAIN_YES)).tick_size).toBe('0.001')
  })
})
