import type { ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { run } from '@clobkit/clob-cli'
import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { argv, fakeIo, type Sandbox, sandbox, TEST_KEY } from './helpers.js'

// `clob watch …`: the built binary against clob-sim's WebSocket streams over loopback.
const YES = '62428506449048733482889176181157278288069285274000009070221467769868662240817'

let sim: SimHandle
let box: Sandbox
const children: ChildProcess[] = []

beforeAll(async () => {
  sim = await startSim({ port: 0, admin: true })
  box = sandbox({ CLOB_HOST: sim.url, CLOB_PRIVATE_KEY: TEST_KEY })
  const k = await box.run(['keys', 'create-or-derive'])
  expect(k.code, k.stderr).toBe(0)
  const f = await box.run(['sim', 'fund', '--collateral', '5000', '--tokens', `${YES}=100`])
  expect(f.code, f.stderr).toBe(0)
})

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL')
  await sim?.stop()
  box?.cleanup()
})

interface Watch {
  readonly out: () => string
  readonly err: () => string
  readonly lines: () => Record<string, unknown>[]
  /** Waits until some output line satisfies `test`. */
  until(test: (text: string) => boolean, what: string): Promise<void>
  stop(signal?: NodeJS.Signals): Promise<number>
}

function watch(args: readonly string[]): Watch {
  const r = box.spawn(['watch', ...args])
  const { child, closed } = r
  children.push(child)
  return {
    out: r.stdout,
    err: r.stderr,
    lines: () =>
      r
        .stdout()
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    async until(test, what) {
      for (let i = 0; i < 1000; i++) {
        if (test(r.stdout())) return
        if (child.exitCode !== null) break
        await new Promise((r) => setTimeout(r, 10))
      }
      throw new Error(`never saw ${what}\nstdout: ${r.stdout()}\nstderr: ${r.stderr()}`)
    },
    stop(signal = 'SIGINT') {
      child.kill(signal)
      return closed
    },
  }
}

/** The API secret and passphrase the profile stores (to check they are never printed). */
function storedSecrets(): string[] {
  const found: string[] = []
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else {
        const text = readFileSync(p, 'utf8')
        for (const m of text.matchAll(/"(?:secret|passphrase)"\s*:\s*"([^"]{8,})"/g))
          found.push(m[1] as string)
      }
    }
  }
  walk(box.config)
  return [...new Set(found)]
}

const limit = (price: string, size: string, side = 'BUY') =>
  box.run(['order', 'limit', '--token', YES, '--side', side, '--price', price, '--size', size, '--json'])

describe('clob watch book', () => {
  it('--json: NDJSON books that follow a new level, a trade and a cancel; Ctrl-C exits 0', async () => {
    const w = watch(['book', YES, '--json', '--depth', '20'])
    await w.until((s) => s.includes('"type":"book"') && s.includes('"stale":false'), 'a live book')
    const first = w.lines().find((l) => l.type === 'book' && l.stale === false) as {
      bids: { price: string; size: string }[]
      bestAsk: { price: string } | null
    }
    expect(first.bids.some((l) => l.price === '0.49')).toBe(false)
    const placed = await limit('0.49', '7')
    expect(placed.code, placed.stderr).toBe(0)
    const id = (JSON.parse(placed.stdout) as { orderId?: string; orderID?: string; orderHash?: string })
      .orderId
    await w.until(
      (s) =>
        s.split('\n').some((l) => l.includes('"type":"book"') && l.includes('{"price":"0.49","size":"7"}')),
      'the new 0.49 bid',
    )
    const last = w
      .lines()
      .filter((l) => l.type === 'book')
      .at(-1) as { bids: { price: string }[]; mid: string | null }
    expect(last.bids[0]?.price).toBe('0.49') // the seeded bids are lower (best 0.48): it is the best bid now
    expect(typeof last.mid).toBe('string')
    // A market BUY at the best ask trades: the last trade price appears.
    const ask = first.bestAsk?.price
    expect(ask).toBeDefined()
    const market = await box.run(argv(`order market --token ${YES} --side BUY --amount 5 --price ${ask}`))
    expect(market.code, market.stderr).toBe(0)
    await w.until((s) => s.includes(`"lastTradePrice":"${ask}"`), 'the last trade price')
    const cancel = await box.run(['cancel', String(id)])
    expect(cancel.code, cancel.stderr).toBe(0)
    await w.until(
      (s) =>
        (s.trimEnd().split('\n').at(-1) ?? '').includes('"type":"book"') &&
        !(s.trimEnd().split('\n').at(-1) ?? '').includes('"price":"0.49"'),
      'the 0.49 bid gone',
    )
    expect(await w.stop('SIGINT')).toBe(0)
    for (const l of w.lines()) expect(typeof l.type).toBe('string') // every line is JSON
  })

  it('without a terminal: one plain line per change, and SIGTERM exits 0', async () => {
    const w = watch(['book', YES])
    await w.until((s) => /bid \d\.\d+ × [\d.]+ {2}ask/.test(s), 'a plain book line')
    expect(w.out()).not.toContain('\x1b[')
    const before = w.out().split('\n').length
    expect((await limit('0.49', '6')).code).toBe(0)
    await w.until((s) => s.includes('bid 0.49 × 6'), 'the new best bid')
    expect(w.out().split('\n').length).toBe(before + 1)
    expect(await w.stop('SIGTERM')).toBe(0)
    expect(w.err()).toContain('stopped (SIGTERM)')
  })

  it('on a terminal: the book is drawn, then redrawn in place (cursor up, clear), with the new level', async () => {
    const f = fakeIo(box.env({ CLOB_CONFIG_DIR: box.config }), { tty: true, columns: 100 })
    const done = run(['watch', 'book', YES, '--duration', '3s'], f.io)
    for (let i = 0; i < 500 && !f.out().includes('ASK'); i++) await new Promise((r) => setTimeout(r, 10))
    expect(f.out()).toContain('(Ctrl-C to stop)')
    expect(f.out()).not.toContain('\x1b[J') // the first draw moves nothing
    expect(f.out()).not.toContain(' 0.51 ')
    expect((await limit('0.51', '9')).code).toBe(0)
    for (let i = 0; i < 500 && !/BID +0\.51 +9\n/.test(f.out().slice(f.out().lastIndexOf('\x1b[J'))); i++)
      await new Promise((r) => setTimeout(r, 10))
    const ESC = String.fromCharCode(27)
    const redraw = new RegExp(`${ESC}\\[(\\d+)F${ESC}\\[J`).exec(f.out())
    expect(redraw).not.toBeNull()
    const lastFrame = f.out().slice(f.out().lastIndexOf('\x1b[J'))
    expect(lastFrame).toMatch(/BID +0\.51 +9\n/)
    // The frame it replaces has exactly as many lines as it moves up.
    const frames = f.out().split(new RegExp(`${ESC}\\[\\d+F${ESC}\\[J`))
    expect(frames[0]!.trimEnd().split('\n').length).toBe(Number(redraw![1]))
    expect(await done).toBe(0)
  })

  it('an unknown token is TOKEN_NOT_FOUND before any stream opens; a bad --ws-url is a usage error', async () => {
    const unknown = await box.run(['watch', 'book', '777'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('[TOKEN_NOT_FOUND] token 777 was not found')
    const bad = await box.run(['watch', 'book', YES, '--ws-url', 'ftp://x'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('INVALID_URL')
    const noToken = await box.run(['watch', 'book', 'abc'])
    expect(noToken.code).toBe(2)
  })
})

describe('clob watch orders / trades (user channel)', () => {
  it('orders: PLACEMENT and CANCELLATION of our order; the API secret never appears', async () => {
    const w = watch(['orders', '--json'])
    await w.until((s) => s.includes('"state":"open"'), 'the stream open')
    const placed = await limit('0.2', '5')
    expect(placed.code, placed.stderr).toBe(0)
    const id = (JSON.parse(placed.stdout) as { orderId: string }).orderId
    await w.until((s) => s.includes('"type":"PLACEMENT"') && s.includes(id), 'the PLACEMENT')
    expect((await box.run(['cancel', id])).code).toBe(0)
    await w.until((s) => s.includes('"type":"CANCELLATION"'), 'the CANCELLATION')
    expect(await w.stop()).toBe(0)
    const secrets = storedSecrets()
    expect(secrets.length).toBe(2) // the API secret and passphrase, as stored in the profile
    for (const secret of secrets) {
      expect(w.out()).not.toContain(secret)
      expect(w.err()).not.toContain(secret)
    }
  })

  it('trades: a fill arrives and its status moves on (plain lines)', async () => {
    const w = watch(['trades'])
    await w.until(() => w.err().includes('stream open'), 'the stream open')
    const book = JSON.parse((await box.run(['book', YES, '--json'])).stdout) as { asks: { price: string }[] }
    const bestAsk = book.asks.at(-1)?.price
    const m = await box.run(argv(`order market --token ${YES} --side BUY --amount 5 --price ${bestAsk}`))
    expect(m.code, m.stderr).toBe(0)
    await w.until((s) => /MATCHED +trade \S+ {2}BUY [\d.]+ @ /.test(s), 'the MATCHED trade')
    const id = /MATCHED +trade (\S+)/.exec(w.out())?.[1]
    // Settlement runs on the sim's clock: move it past MINED (2 s) and CONFIRMED (5 s).
    const t = await fetch(`${sim.url}/_sim/time`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 6000 }),
    })
    expect(t.status).toBe(200)
    await w.until((s) => s.includes(`CONFIRMED trade ${id}`), 'the CONFIRMED trade')
    expect(w.out()).toContain(`MINED     trade ${id}`)
    expect(await w.stop()).toBe(0)
  })

  it('a refused key is WS_AUTH_FAILED without a reconnect storm', async () => {
    const res = await fetch(`${sim.url}/_sim/ws/faults`, {
      method: 'POST',
      body: JSON.stringify({ kind: 'refuse-auth', count: 50 }),
    })
    expect(res.status).toBe(200)
    const r = await box.run(['watch', 'orders', '--duration', '20s'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('WS_AUTH_FAILED')
    // One refusal, no retry loop: the fault still has refusals left for others.
    const faults = (await (await fetch(`${sim.url}/_sim/ws/faults`)).json()) as unknown
    expect(JSON.stringify(faults)).toContain('refuse-auth')
    await fetch(`${sim.url}/_sim/ws/faults`, { method: 'DELETE' })
  })
})
