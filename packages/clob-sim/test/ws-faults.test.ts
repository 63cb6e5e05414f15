import type { SimHandle } from '@clobkit/clob-sim'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { book, postLimit, RAIN_NO, RAIN_YES, raw, simPool, type Trader, trader } from './helpers.js'
import { type Client, clientPool } from './ws-helpers.js'

const { sim } = simPool()
const clients = clientPool()
afterEach(() => clients.closeAll())

async function fault(s: SimHandle, body: unknown) {
  return raw(s, 'POST', '/_sim/ws/faults', { body: JSON.stringify(body) })
}

async function connections(s: SimHandle) {
  return (await raw(s, 'GET', '/_sim/ws/connections')).json as {
    id: number
    channel: string
    received: number
    sent: number
    faults: Record<string, unknown>
  }[]
}

/** Waits until the sim has received `n` frames on connection `id` (bounded), then returns its view. */
async function receivedAtLeast(s: SimHandle, id: number, n: number) {
  for (let i = 0; i < 200; i++) {
    const view = (await connections(s)).find((c) => c.id === id)
    if (view && view.received >= n) return view
    await new Promise((r) => setImmediate(r))
  }
  throw new Error(`connection ${id} never received ${n} frames`)
}

async function subscribed(s: SimHandle, assets = [RAIN_YES]): Promise<Client> {
  const c = await clients.market(s, { type: 'market', assets_ids: assets })
  for (const _ of assets) await c.next('book')
  return c
}

const bid = (s: SimHandle, t: Trader, price: number, tokenId = RAIN_YES) =>
  postLimit(s, t, { tokenId, side: 'BUY', price, size: 10 })

describe('stream faults', () => {
  it('drop: the connection is cut without a close frame; a new connection works', async () => {
    const s = await sim()
    const c = await subscribed(s)
    const res = await fault(s, { kind: 'drop', channel: 'market' })
    expect(res.json).toMatchObject({ kind: 'drop', connections: 1 })
    expect((await c.closed).code).toBe(1006)
    expect(await connections(s)).toEqual([])
    const again = await subscribed(s)
    await again.barrier()
  })

  it('half-open: nothing more is sent, PONG included, and the socket stays open', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const c = await subscribed(s)
    const [view] = await connections(s)
    expect((await fault(s, { kind: 'half-open' })).json.connections).toBe(1)
    c.send('PING')
    await bid(s, t, 0.3)
    const after = await receivedAtLeast(s, view?.id as number, (view?.received ?? 0) + 1)
    expect(after.sent).toBe(view?.sent)
    expect(after.faults.halfOpen).toBe(true)
    expect(c.ws.readyState).toBe(WebSocket.OPEN)
    expect(c.pongs).toBe(0)
    // clearing the fault resumes the connection
    expect((await raw(s, 'DELETE', '/_sim/ws/faults')).json.cleared).toBe(1)
    await bid(s, t, 0.31)
    await c.next('price_change', (e) => e.price_changes[0].price === '0.31')
    expect(c.untaken()).toEqual([])
  })

  it('pong-only: PING is answered but no data flows; only for the given assets when named', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const c = await subscribed(s, [RAIN_YES, RAIN_NO])
    await fault(s, { kind: 'pong-only', channel: 'market' })
    await bid(s, t, 0.3)
    await c.barrier()
    expect(c.untaken()).toEqual([])
    await raw(s, 'DELETE', '/_sim/ws/faults')
    await fault(s, { kind: 'pong-only', assets: [RAIN_YES] })
    await bid(s, t, 0.31)
    await bid(s, t, 0.32, RAIN_NO)
    const pc = await c.next('price_change')
    expect(pc.price_changes).toEqual([expect.objectContaining({ asset_id: RAIN_NO, price: '0.32' })])
    await c.barrier()
    expect(c.untaken()).toEqual([])
  })

  it('delay: data is held for delayMs of sim time, PONG is not; frames keep their order', async () => {
    const s = await sim({ now: () => 1_800_000_000_000 })
    const t = await trader(s, { collateral: '100' })
    const c = await subscribed(s)
    await fault(s, { kind: 'delay', delayMs: 500 })
    await bid(s, t, 0.3)
    await bid(s, t, 0.31)
    await c.barrier()
    expect(c.untaken()).toEqual([])
    s.clock.advance(499)
    await c.barrier()
    expect(c.untaken()).toEqual([])
    s.clock.advance(1)
    const first = await c.next('price_change')
    const second = await c.next('price_change')
    expect([first.price_changes[0].price, second.price_changes[0].price]).toEqual(['0.3', '0.31'])
  })

  it('drop-message: the next event of that type is lost silently; the next one shows the book moved on', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const c = await subscribed(s)
    await fault(s, { kind: 'drop-message', eventType: 'price_change' })
    expect((await raw(s, 'GET', '/_sim/ws/faults')).json).toEqual([
      expect.objectContaining({ kind: 'drop-message', eventType: 'price_change', remaining: 1 }),
    ])
    await bid(s, t, 0.3)
    await bid(s, t, 0.31)
    const pc = await c.next('price_change')
    expect(pc.price_changes[0].price).toBe('0.31')
    // a client that applied only what it saw misses the 0.30 level that REST has
    const rest = await book(s, RAIN_YES)
    expect(rest.bids.map((l: { price: string }) => l.price)).toContain('0.3')
    expect(pc.price_changes[0].hash).toBe(rest.hash)
    await c.barrier()
    expect(c.untaken()).toEqual([])
    expect((await raw(s, 'GET', '/_sim/ws/faults')).json).toEqual([])
  })

  it('refuse-auth: the next user subscription is refused as bad credentials; the one after succeeds', async () => {
    const s = await sim()
    const t = await trader(s)
    const sub = {
      auth: { apiKey: t.creds.key, secret: t.creds.secret, passphrase: t.creds.passphrase },
      type: 'user',
    }
    await fault(s, { kind: 'refuse-auth' })
    const refused = await clients.user(s, sub)
    expect((await refused.closed).code).toBe(1008)
    const ok = await clients.user(s, sub)
    await ok.barrier()
    expect((await connections(s)).map((c) => c.channel)).toEqual(['user'])
  })

  it('targets one connection by id; other connections are untouched', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const a = await subscribed(s)
    const b = await subscribed(s)
    const [first] = await connections(s)
    await fault(s, { kind: 'pong-only', connection: first?.id })
    await bid(s, t, 0.3)
    await b.next('price_change')
    await a.barrier()
    expect(a.untaken()).toEqual([])
  })

  it.each([
    [{}, /kind/],
    [{ kind: 'explode' }, /kind/],
    [{ kind: 'delay' }, /delayMs/],
    [{ kind: 'delay', delayMs: -1 }, /delayMs/],
    [{ kind: 'drop', delayMs: 10 }, /delayMs/],
    [{ kind: 'drop', count: 2 }, /count/],
    [{ kind: 'drop-message', count: 0 }, /count/],
    [{ kind: 'drop-message', eventType: 'Price Change' }, /eventType/],
    [{ kind: 'pong-only', assets: [] }, /assets/],
    [{ kind: 'refuse-auth', channel: 'market' }, /channel/],
    [{ kind: 'drop', channel: 'both' }, /channel/],
    [{ kind: 'drop', connection: 'x' }, /connection/],
    [{ kind: 'drop', extra: true }, /unknown field/],
    [[], /object/],
  ])('refuses the fault body %j with 400 naming the field', async (body, message) => {
    const s = await sim()
    const res = await fault(s, body)
    expect(res.status).toBe(400)
    expect(res.json.error).toMatch(message)
  })

  it('the stream admin routes answer 404 when admin is off', async () => {
    const s = await sim({ admin: false })
    expect((await fault(s, { kind: 'drop' })).status).toBe(404)
    expect((await raw(s, 'GET', '/_sim/ws/connections')).status).toBe(404)
  })
})

describe('bad frames from a client', () => {
  it('never crash the sim or close the connection; the sim keeps serving every client', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const c = await subscribed(s)
    const u = await clients.user(s)
    const junk = [
      '',
      'ping',
      'PING ',
      '{',
      'null',
      '[]',
      '[{"type":"market"}]',
      '"market"',
      '{"type":"market","assets_ids":"x"}',
      '{"type":"market","assets_ids":[1,2]}',
      '{"type":"user","assets_ids":[]}',
      '{"operation":"resubscribe","assets_ids":[]}',
      '{"__proto__":{"polluted":true},"type":"market","assets_ids":[]}',
      `{"type":"market","assets_ids":["${'9'.repeat(200)}"]}`,
      '\u0000\uffff',
      `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      `{"type":"market","assets_ids":[],"x":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`,
      JSON.stringify({ type: 'market', assets_ids: Array.from({ length: 2000 }, (_, i) => String(i)) }),
    ]
    for (const frame of junk) {
      c.send(frame)
      u.send(frame === '{"type":"user","assets_ids":[]}' ? '{"nope":1}' : frame)
    }
    c.ws.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true })
    await c.barrier()
    await u.barrier()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    await bid(s, t, 0.3)
    await c.next('price_change')
    const views = await connections(s)
    expect(views.find((v) => v.channel === 'market')?.received).toBeGreaterThanOrEqual(junk.length)
    // a frame over the payload limit closes only that connection (1009), the sim stays up
    c.send(`{"type":"market","assets_ids":["${'1'.repeat(2 * 1024 * 1024)}"]}`)
    expect((await c.closed).code).toBe(1009)
    await u.barrier()
    const fresh = await subscribed(s)
    await fresh.barrier()
  })
})
