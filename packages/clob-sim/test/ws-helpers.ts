/**
 * A real `ws` client for the stream tests. Every JSON frame is parsed with the
 * `clob-types` channel schema (a frame that does not parse fails the test), and
 * events are flattened in arrival order. `barrier()` sends PING and waits for
 * PONG: the sim answers in order, so any event caused before the barrier has
 * arrived by then, which lets a test assert that something was not sent without
 * waiting on a timer.
 */
import type { SimHandle } from '@clobkit/clob-sim'
import { MarketChannelMessageSchema, parse, UserChannelMessageSchema } from '@clobkit/clob-types'
import WebSocket from 'ws'

// biome-ignore lint/suspicious/noExplicitAny: test convenience for reading parsed events
export type Event = Record<string, any> & { event_type: string }

const WAIT_MS = 5_000

export class Client {
  readonly events: Event[] = []
  /** Raw text frames other than PONG, in order. */
  readonly frames: string[] = []
  readonly parseErrors: string[] = []
  pongs = 0
  private consumed = new Set<number>()
  private waiters: (() => void)[] = []
  readonly closed: Promise<{ code: number; reason: string }>

  private constructor(
    readonly ws: WebSocket,
    readonly channel: 'market' | 'user',
  ) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return
      const text = data.toString()
      if (text === 'PONG') this.pongs++
      else {
        this.frames.push(text)
        try {
          const schema = channel === 'market' ? MarketChannelMessageSchema : UserChannelMessageSchema
          const parsed = parse(schema, JSON.parse(text), `ws ${channel}`) as Event | Event[]
          for (const e of Array.isArray(parsed) ? parsed : [parsed]) this.events.push(e)
        } catch (e) {
          this.parseErrors.push(`${e instanceof Error ? e.message : String(e)}: ${text.slice(0, 300)}`)
        }
      }
      for (const w of this.waiters.splice(0)) w()
    })
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString() })
        for (const w of this.waiters.splice(0)) w()
      })
    })
    ws.on('error', () => {})
  }

  static open(sim: SimHandle, channel: 'market' | 'user', path = `/ws/${channel}`): Promise<Client> {
    const ws = new WebSocket(`${sim.url.replace(/^http/, 'ws')}${path}`)
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new Client(ws, channel)))
      ws.once('error', reject)
    })
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message))
  }

  /** Resolves when `check` is true, re-checked on each frame; fails after a bound instead of hanging. */
  private until(check: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS)
      const test = () => {
        if (check()) {
          clearTimeout(timer)
          resolve()
        } else if (this.ws.readyState === WebSocket.CLOSED) {
          clearTimeout(timer)
          reject(new Error(`closed while waiting for ${what}`))
        } else this.waiters.push(test)
      }
      test()
    })
  }

  /** The first not-yet-taken event matching `pred` (waits for it). */
  async take(pred: (e: Event) => boolean, what = 'an event'): Promise<Event> {
    let found = -1
    await this.until(() => {
      found = this.events.findIndex((e, i) => !this.consumed.has(i) && pred(e))
      return found >= 0
    }, what)
    this.consumed.add(found)
    return this.events[found] as Event
  }

  /** Takes the next event of `type` (optionally also matching `pred`). */
  next(type: string, pred: (e: Event) => boolean = () => true): Promise<Event> {
    return this.take((e) => e.event_type === type && pred(e), type)
  }

  /** Events not taken yet. */
  untaken(): Event[] {
    return this.events.filter((_e, i) => !this.consumed.has(i))
  }

  /** Takes every event so far. */
  drain(): Event[] {
    const out = this.untaken()
    for (let i = 0; i < this.events.length; i++) this.consumed.add(i)
    return out
  }

  /** PING, then wait for its PONG. */
  async barrier(): Promise<void> {
    const want = this.pongs + 1
    this.send('PING')
    await this.until(() => this.pongs >= want, 'PONG')
  }

  close(): void {
    this.ws.close()
  }
}

/** Opens clients and closes them after the test. */
export function clientPool() {
  const open: Client[] = []
  return {
    async market(sim: SimHandle, subscribe?: unknown): Promise<Client> {
      const c = await Client.open(sim, 'market')
      open.push(c)
      if (subscribe !== undefined) c.send(subscribe)
      return c
    },
    async user(sim: SimHandle, subscribe?: unknown): Promise<Client> {
      const c = await Client.open(sim, 'user')
      open.push(c)
      if (subscribe !== undefined) c.send(subscribe)
      return c
    },
    closeAll(): void {
      for (const c of open.splice(0)) {
        if (c.parseErrors.length > 0)
          throw new Error(`frames the schemas refused:\n${c.parseErrors.join('\n')}`)
        c.close()
      }
    },
  }
}

/** Levels of a book event or REST book as a price → size map (exact strings, normalised by the sim). */
export function levels(side: { price: string; size: string }[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const l of side) out[l.price] = l.size
  return out
}
