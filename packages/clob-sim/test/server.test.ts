import { Agent, request } from 'node:http'
import { defaultSeed, parseSeed, startSim } from '@clobkit/clob-sim'
import { isClobError } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { raw, start } from './helpers.js'

function code(fn: () => unknown): { code?: string; param?: string } {
  try {
    fn()
  } catch (e) {
    if (isClobError(e)) return { code: e.code, param: e.param ?? '' }
    throw e
  }
  throw new Error('did not throw')
}

async function rejects(p: Promise<unknown>): Promise<{ code?: string; param?: string }> {
  try {
    await p
  } catch (e) {
    if (isClobError(e)) return { code: e.code, param: e.param ?? '' }
    throw e
  }
  throw new Error('did not reject')
}

describe('startSim', () => {
  it('listens on 127.0.0.1 on an ephemeral port and answers /ok, /time and /version', async () => {
    const sim = await start({ now: () => 1_700_000_000_123, version: 3 })
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
      expect(sim.port).toBeGreaterThan(0)
      expect((await raw(sim, 'GET', '/ok')).json).toBe('OK')
      expect((await raw(sim, 'GET', '/')).json).toBe('OK')
      expect((await raw(sim, 'GET', '/time')).json).toBe(1_700_000_000)
      expect((await raw(sim, 'GET', '/version')).json).toEqual({ version: 3 })
    } finally {
      await sim.stop()
    }
  })

  it('stops promptly even with an idle keep-alive connection open, and stop is idempotent', async () => {
    const sim = await start()
    const agent = new Agent({ keepAlive: true })
    await new Promise<void>((resolve, reject) => {
      const req = request(`${sim.url}/ok`, { agent }, (res) => {
        res.resume()
        res.on('end', resolve)
      })
      req.on('error', reject)
      req.end()
    })
    const t0 = Date.now()
    await Promise.all([sim.stop(), sim.stop()])
    expect(Date.now() - t0).toBeLessThan(1000)
    await expect(fetch(`${sim.url}/ok`)).rejects.toThrow()
    agent.destroy()
  })

  it('two sims run side by side with independent state', async () => {
    const [a, b] = await Promise.all([start({ version: 1 }), start({ version: 3 })])
    try {
      expect(a.port).not.toBe(b.port)
      expect((await raw(a, 'GET', '/version')).json.version).toBe(1)
      expect((await raw(b, 'GET', '/version')).json.version).toBe(3)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  it('rejects bad options with typed errors naming the option', async () => {
    expect(await rejects(startSim({ port: -1 }))).toEqual({ code: 'INVALID_SIM_OPTION', param: 'port' })
    expect(await rejects(startSim({ chainId: 1 as 137 }))).toEqual({
      code: 'INVALID_SIM_OPTION',
      param: 'chainId',
    })
    expect(await rejects(startSim({ version: 4 as 3 }))).toEqual({
      code: 'INVALID_SIM_OPTION',
      param: 'version',
    })
    expect(await rejects(startSim({ pageSize: 0 }))).toEqual({
      code: 'INVALID_SIM_OPTION',
      param: 'pageSize',
    })
    expect(await rejects(startSim({ heartbeat: { timeoutMs: 1.5 } }))).toEqual({
      code: 'INVALID_SIM_OPTION',
      param: 'heartbeat.timeoutMs',
    })
  })

  it('the injectable clock drives /time and can be advanced and set', async () => {
    let base = 1_000_000
    const sim = await start({ now: () => base })
    try {
      expect(sim.clock.now()).toBe(1_000_000)
      base += 500
      expect(sim.clock.now()).toBe(1_000_500)
      sim.clock.advance(10_000)
      expect((await raw(sim, 'GET', '/time')).json).toBe(1010)
      sim.clock.set(5_000_000)
      expect((await raw(sim, 'GET', '/time')).json).toBe(5000)
    } finally {
      await sim.stop()
    }
  })
})

describe('defaultSeed', () => {
  it('has a normal, a neg-risk and a 0.001-tick market with realistic token ids and two-sided books', () => {
    const seed = defaultSeed()
    expect(seed.markets.length).toBeGreaterThanOrEqual(3)
    expect(seed.markets.some((m) => m.negRisk)).toBe(true)
    expect(seed.markets.some((m) => !m.negRisk && m.tickSize === '0.01')).toBe(true)
    expect(seed.markets.some((m) => m.tickSize === '0.001')).toBe(true)
    for (const m of seed.markets) {
      expect(m.conditionId).toMatch(/^0x[0-9a-f]{64}$/)
      for (const t of m.tokens) {
        expect(t.tokenId).toMatch(/^\d{77,78}$/)
        expect(BigInt(t.tokenId) < 1n << 256n).toBe(true)
        expect(t.book?.bids?.length).toBeGreaterThan(0)
        expect(t.book?.asks?.length).toBeGreaterThan(0)
      }
    }
    expect(parseSeed(seed)).toEqual(seed)
  })

  it('returns a fresh copy each call', () => {
    const a = defaultSeed()
    ;(a.markets as unknown as unknown[]).length = 0
    expect(defaultSeed().markets.length).toBeGreaterThan(0)
  })
})

describe('parseSeed', () => {
  const market = () => JSON.parse(JSON.stringify(defaultSeed().markets[0])) as Record<string, unknown>
  it('names the JSON path of the first problem', () => {
    expect(code(() => parseSeed(null))).toEqual({ code: 'INVALID_SEED', param: 'seed' })
    expect(code(() => parseSeed({ markets: {} }))).toEqual({ code: 'INVALID_SEED', param: 'seed.markets' })
    expect(code(() => parseSeed({ markets: [{ ...market(), tickSize: '0.02' }] }))).toEqual({
      code: 'INVALID_SEED',
      param: 'seed.markets[0].tickSize',
    })
    expect(code(() => parseSeed({ markets: [{ ...market(), conditionId: '0x12' }] }))).toEqual({
      code: 'INVALID_SEED',
      param: 'seed.markets[0].conditionId',
    })
    const m = market()
    ;(m.tokens as { tokenId: string }[])[1] = { tokenId: '1'.repeat(79) } as { tokenId: string }
    expect(code(() => parseSeed({ markets: [m] })).param).toBe('seed.markets[0].tokens[1].tokenId')
  })

  it('rejects off-tick liquidity, crossed books and duplicate ids', () => {
    const m = market()
    ;(m.tokens as { book: { bids: unknown[] } }[])[0]!.book.bids.push({ price: '0.475', size: '1' })
    expect(code(() => parseSeed({ markets: [m] })).param).toBe('seed.markets[0].tokens[0].book.bids[4].price')
    const crossed = market()
    ;(crossed.tokens as { book: { bids: unknown[] } }[])[0]!.book.bids.push({ price: '0.6', size: '1' })
    expect(code(() => parseSeed({ markets: [crossed] })).param).toBe('seed.markets[0].tokens[0].book')
    expect(code(() => parseSeed({ markets: [market(), market()] })).param).toBe('seed.markets[1].conditionId')
  })

  it('a custom seed is served, and its accounts are funded', async () => {
    const sim = await start({
      seed: {
        markets: [
          {
            conditionId: `0x${'ab'.repeat(32)}`,
            question: 'Custom?',
            tickSize: '0.1',
            minOrderSize: '1',
            negRisk: false,
            tokens: [
              { tokenId: '11', outcome: 'Yes', book: { asks: [{ price: '0.7', size: '3' }] } },
              { tokenId: '22', outcome: 'No' },
            ],
          },
        ],
        accounts: [{ address: `0x${'12'.repeat(20)}`, collateral: '5', tokens: { '22': '7' } }],
      },
    })
    try {
      const book = (await raw(sim, 'GET', '/book?token_id=11')).json
      expect(book.asks).toEqual([{ price: '0.7', size: '3' }])
      expect(book.bids).toEqual([])
      expect(book.tick_size).toBe('0.1')
      const acct = sim.state.accounts.get(`0x${'12'.repeat(20)}`)
      expect(acct?.collateral).toBe(5_000_000n)
      expect(acct?.tokens.get('22')).toBe(7_000_000n)
      expect(sim.check()).toEqual([])
    } finally {
      await sim.stop()
    }
  })
})
