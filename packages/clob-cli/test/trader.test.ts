import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { argv, type Result, type Sandbox, sandbox, TEST_ADDRESS, TEST_KEY } from './helpers.js'

// Issue 12 §3: what the CLI prints is what the order really is. Real processes
// (the built binary) against clob-sim over loopback HTTP.
const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817'

let sim: SimHandle
let box: Sandbox

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  box = sandbox({ CLOB_HOST: sim.url, CLOB_PRIVATE_KEY: TEST_KEY })
  const k = await box.run(['keys', 'create-or-derive'])
  expect(k.code, k.stderr).toBe(0)
  const f = await box.run(['sim', 'fund', '--collateral', '5000'])
  expect(f.code, f.stderr).toBe(0)
})

afterAll(async () => {
  await sim?.stop()
  box?.cleanup()
})

function json<T>(r: Result): T {
  try {
    return JSON.parse(r.stdout) as T
  } catch {
    throw new Error(`not JSON (exit ${r.code}): ${r.stdout}\n${r.stderr}`)
  }
}

/** Live orders of the test account in the sim. */
function liveOrders(): { id: string; price: string }[] {
  return [...sim.state.orders.values()]
    .filter((o) => o.status === 'LIVE' && o.maker.toLowerCase() === TEST_ADDRESS.toLowerCase())
    .map((o) => ({ id: o.id, price: (o.priceMicros / 1e6).toString() }))
}

const limit = (price: string, size = '10', side = 'BUY') =>
  argv(`order limit --token ${YES} --side ${side} --price ${price} --size ${size}`)

describe('prices and sizes are signed as typed, or refused', () => {
  it('a price off the tick is refused naming the valid neighbours; nothing is posted', async () => {
    const before = liveOrders().length
    const [off, tiny] = await Promise.all([box.run(limit('0.453')), box.run(limit('0.50000000001'))])
    expect(off.code).toBe(2)
    expect(off.stderr).toContain('[PRICE_NOT_ON_TICK] price 0.453 is not on the market tick 0.01')
    expect(off.stderr).toContain('use 0.45 or 0.46')
    expect(tiny.code).toBe(2)
    expect(tiny.stderr).toContain('use 0.5 or 0.51')
    expect(liveOrders().length).toBe(before)
    const json = await box.run([...limit('0.453'), '--json'])
    expect(JSON.parse(json.stderr)).toMatchObject({ error: { code: 'PRICE_NOT_ON_TICK', param: '--price' } })
  })

  it('a size finer than the 0.01 lot warns with the size that is signed, and signs that', async () => {
    const r = await box.run([...limit('0.3', '10.0000001'), '--dry-run', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toContain('--size 10.0000001 has more than 2 decimals: signing 10 shares')
    const d = json<{ size: string; signedOrder: { takerAmount: string } }>(r)
    expect(d.size).toBe('10')
    expect(d.signedOrder.takerAmount).toBe('10000000')
    const exact = await box.run([...limit('0.3', '10.25'), '--dry-run'])
    expect(exact.stderr).not.toContain('warning')
  })

  it('a posted limit order prints the price and size it has', async () => {
    const r = await box.run(limit('0.31', '12'))
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/price\s+0\.31\n/)
    expect(r.stdout).toMatch(/size\s+12 shares\n/)
    const id = /order id\s+(0x[0-9a-f]{64})/.exec(r.stdout)?.[1]
    expect(liveOrders().find((o) => o.id === id)?.price).toBe('0.31')
  })
})

describe('enum spellings: one rule, case-insensitive', () => {
  it('buy, Gtc, Sampling and 1D are accepted as BUY, GTC, sampling, 1d; other spellings are usage errors', async () => {
    const [side, type, kind, interval, bad] = await Promise.all([
      box.run([...limit('0.3'), '--dry-run', '--json'].map((a) => (a === 'BUY' ? 'buy' : a))),
      box.run([...limit('0.3'), '--type', 'Gtc', '--dry-run', '--json']),
      box.run(['markets', 'list', '--kind', 'Sampling', '--json']),
      box.run(['price-history', YES, '--interval', '1D', '--json']),
      box.run(limit('0.3', '10', 'bid')),
    ])
    expect(json<{ side: string }>(side).side).toBe('BUY')
    expect(json<{ orderType: string }>(type).orderType).toBe('GTC')
    expect(kind.code, kind.stderr).toBe(0)
    expect(interval.code, interval.stderr).toBe(0)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('[INVALID_SIDE] unknown side "bid"')
    const help = await box.run(['--help'])
    expect(help.stdout).toContain('are case-insensitive')
  })
})

describe('market orders', () => {
  it('a market BUY prints the USDC amount, the worst price from the book and the least shares it gets', async () => {
    const r = await box.run(['order', 'market', '--token', YES, '--side', 'BUY', '--amount', '10'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/amount\s+10 USDC to spend\n/)
    expect(r.stdout).toMatch(/worst price\s+0\.\d+ \(computed from the book\)\n/)
    expect(r.stdout).toMatch(/shares\s+at least [\d.]+ shares \(at the worst price\)\n/)
    expect(r.stdout).not.toContain('(book)\n')
    const j = await box.run(['order', 'market', '--token', YES, '--side', 'BUY', '--amount', '10', '--json'])
    expect(j.code, j.stderr).toBe(0)
    const out = json<{
      price: string
      size: string
      market: {
        amount: string
        amountUnit: string
        worstPrice: string
        expected: string
        expectedUnit: string
      }
    }>(j)
    expect(out.market).toMatchObject({ amount: '10', amountUnit: 'USDC', expectedUnit: 'shares' })
    expect(out.price).toBe(out.market.worstPrice)
    // 10 USDC at the worst price buys at least this many shares (to the cent of a share).
    const least = Number(out.market.expected)
    expect(Math.abs(least - 10 / Number(out.market.worstPrice))).toBeLessThan(0.01)
    expect(out.size).toBe(out.market.expected)
  })

  it('a market SELL names shares and the least USDC it gets', async () => {
    const r = await box.run(['order', 'market', '--token', YES, '--side', 'SELL', '--amount', '5', '--json'])
    expect(r.code, r.stderr).toBe(0)
    expect(json<{ market: unknown }>(r).market).toMatchObject({
      amount: '5',
      amountUnit: 'shares',
      expectedUnit: 'USDC',
    })
  })
})

describe('output and profiles', () => {
  it('-o json and --output json are --json; an unknown format is a usage error', async () => {
    const [a, b, c, bad] = await Promise.all([
      box.run(['tick-size', YES, '--json']),
      box.run(['-o', 'json', 'tick-size', YES]),
      box.run(['tick-size', YES, '--output=json']),
      box.run(['tick-size', YES, '-o', 'yaml']),
    ])
    expect(json(a)).toEqual({ token_id: YES, tick_size: '0.01' })
    expect(b.stdout).toBe(a.stdout)
    expect(c.stdout).toBe(a.stdout)
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('[INVALID_OUTPUT]')
  })

  it('--profile nosuch says the profile does not exist and lists the ones that do', async () => {
    const made = await box.run(['profile', 'set', '--profile', 'work', '--chain', '137'])
    expect(made.code, made.stderr).toBe(0)
    const r = await box.run(['--profile', 'nosuch', 'orders'], { env: { CLOB_PRIVATE_KEY: undefined } })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('[PROFILE_NOT_FOUND] profile "nosuch" does not exist')
    expect(r.stderr).toMatch(/existing profiles: .*default.*work|existing profiles: .*work.*default/)
    expect(r.stderr).not.toContain('no API credentials')
  })
})

/**
 * Spawns the binary, waits until the sim has taken the request the fault holds
 * (the fault is consumed when the request arrives), then sends `signal`.
 */
async function interrupt(
  args: readonly string[],
  fault: { path: string; method: string },
  signal: NodeJS.Signals,
): Promise<Result> {
  const res = await fetch(`${sim.url}/_sim/faults`, {
    method: 'POST',
    body: JSON.stringify({ ...fault, latencyMs: 1500 }),
  })
  expect(res.status).toBe(200)
  const { child, closed, stdout, stderr } = box.spawn(args)
  const held = (): boolean =>
    !sim.state.faults.some((f) => f.path === fault.path && f.method === fault.method)
  for (let i = 0; i < 500 && !held(); i++) await new Promise((r) => setTimeout(r, 10))
  expect(held()).toBe(true)
  child.kill(signal)
  const code = await closed
  return { code, stdout: stdout(), stderr: stderr() }
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 10))
}

describe('Ctrl-C / SIGTERM while posting or cancelling', () => {
  it('SIGINT during the order POST: exit 130, ORDER_OUTCOME_UNKNOWN with the hash; the order did land', async () => {
    const r = await interrupt(limit('0.21'), { path: '/order', method: 'POST' }, 'SIGINT')
    expect(r.code).toBe(130)
    expect(r.stderr).toContain('[ORDER_OUTCOME_UNKNOWN] interrupted by SIGINT after the order was sent')
    const hash = /outcome is unknown for (0x[0-9a-f]{64})/.exec(r.stderr)?.[1]
    expect(hash).toBeDefined()
    expect(r.stderr).toContain(`clob order get ${hash}`)
    // The sim answers once its fault delay is over: the order is there, under that hash.
    await until(() => liveOrders().some((o) => o.id === hash))
    expect(liveOrders().find((o) => o.id === hash)?.price).toBe('0.21')
    const got = await box.run(['order', 'get', hash!, '--json'])
    expect(json<{ id: string; status: string }>(got)).toMatchObject({ id: hash, status: 'LIVE' })
  })

  it('SIGTERM before the POST (held on the tick lookup): exit 143, nothing was posted', async () => {
    const before = liveOrders().length
    const r = await interrupt(
      [
        ...limit('0.22'),
        '--token',
        '16565480024056410091484380105580834863806047094369076423201031274794144475800',
      ],
      { path: '/tick-size', method: 'GET' },
      'SIGTERM',
    )
    expect(r.code).toBe(143)
    expect(r.stderr).toContain(
      '[INTERRUPTED] interrupted by SIGTERM before the order was sent: nothing was posted',
    )
    await new Promise((resolve) => setTimeout(resolve, 1600))
    expect(liveOrders().length).toBe(before)
  })

  it('SIGINT during a cancel: exit 130, CANCEL_OUTCOME_UNKNOWN pointing at `clob orders`', async () => {
    const id = liveOrders()[0]!.id
    const r = await interrupt(['cancel', id], { path: '/order', method: 'DELETE' }, 'SIGINT')
    expect(r.code).toBe(130)
    expect(r.stderr).toContain(
      '[CANCEL_OUTCOME_UNKNOWN] interrupted by SIGINT after the cancel request was sent',
    )
    expect(r.stderr).toContain('clob orders')
  })

  it('SIGINT during a batch POST reports the hashes whose outcome is unknown (--json summary on stdout)', async () => {
    const file = box.file(
      'two.json',
      JSON.stringify([
        { token: YES, side: 'BUY', price: '0.23', size: '5' },
        { token: YES, side: 'BUY', price: '0.24', size: '5' },
      ]),
    )
    const r = await interrupt(
      ['order', 'batch', file, '--json'],
      { path: '/orders', method: 'POST' },
      'SIGINT',
    )
    expect(r.code).toBe(130)
    const summary = JSON.parse(r.stdout) as {
      interrupted: string
      outcomeUnknown: string[]
      incomplete: boolean
    }
    expect(summary).toMatchObject({ interrupted: 'SIGINT', incomplete: true })
    expect(summary.outcomeUnknown).toHaveLength(2)
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: 'ORDER_OUTCOME_UNKNOWN' } })
  })
})
