/**
 * A clob-sim with streams over real loopback, traders with keys made through the sim's
 * own L1 endpoint (clob-rest), and small waits that poll real I/O (never timers the code
 * under test depends on: those run on injected clocks).
 */
import { randomBytes } from 'node:crypto'
import { type Client, createClient } from '@clobkit/clob-rest'
import { defaultSeed, type SimHandle, type SimOptions, startSim } from '@clobkit/clob-sim'
import { type Hex, Signer } from '@clobkit/eip712-order'
import type { MarketConnection } from '../../src/index.js'

export const SEED = defaultSeed()
const [rain, election, btc] = SEED.markets
export const RAIN = rain?.conditionId as string
export const RAIN_YES = rain?.tokens[0].tokenId as string
export const RAIN_NO = rain?.tokens[1].tokenId as string
export const ELECTION = election?.conditionId as string
export const ELECTION_YES = election?.tokens[0].tokenId as string
export const BTC = btc?.conditionId as string
export const BTC_YES = btc?.tokens[0].tokenId as string

export function start(options: SimOptions = {}): Promise<SimHandle> {
  return startSim({ admin: true, ...options })
}

export async function admin(sim: SimHandle, path: string, body?: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${sim.url}/_sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`admin ${path}: ${res.status} ${await res.text()}`)
  return res.json()
}

export interface Trader {
  readonly client: Client
  readonly address: string
  readonly creds: { readonly key: string; readonly secret: string; readonly passphrase: string }
}

/** A funded trader with a fresh API key. */
export async function trader(
  sim: SimHandle,
  tokens: readonly string[] = [RAIN_YES, RAIN_NO],
): Promise<Trader> {
  const signer = Signer.fromPrivateKey(`0x${randomBytes(32).toString('hex')}` as Hex)
  const l1 = createClient({ host: sim.url, chainId: 137, signer, retry: false })
  const creds = await l1.keys.createOrDerive()
  await admin(sim, 'fund', {
    address: signer.address,
    collateral: '100000',
    tokens: Object.fromEntries(tokens.map((t) => [t, '100000'])),
  })
  return {
    client: l1.withCredentials(creds),
    address: signer.address,
    creds: { key: creds.key, secret: creds.secret, passphrase: creds.passphrase },
  }
}

/** Polls `check` on real I/O until it holds (fails after `ms`). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  for (;;) {
    if (await check()) return
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/** Normalized `{price, size}` levels of a book side, in the given order. */
function norm(levels: readonly { price: string; size: string }[] | null | undefined): string {
  return JSON.stringify(
    (levels ?? []).map((l) => ({ price: String(Number(l.price)), size: String(Number(l.size)) })),
  )
}

/** True when the connection's book of `tokenId` is ready and equals `GET /book`, level for level. */
export async function mirrorsRest(
  client: Client,
  market: MarketConnection,
  tokenId: string,
): Promise<boolean> {
  const rest = await client.books.book(tokenId)
  const book = market.book(tokenId)
  if (book === undefined || book.stale) return false
  const local = book.levels()
  return norm(local.bids) === norm(rest.bids) && norm(local.asks) === norm(rest.asks)
}

/** Waits until the sim has a user connection authenticated as `apiKey` (the exchange sends no ack). */
export async function userSubscribed(sim: SimHandle, apiKey: string, count = 1): Promise<void> {
  await until(async () => {
    const list = (await admin(sim, 'ws/connections', undefined, 'GET')) as {
      channel: string
      apiKey: string | null
    }[]
    return list.filter((c) => c.channel === 'user' && c.apiKey === apiKey).length >= count
  }, `user subscription of ${apiKey}`)
}
