/**
 * Test helpers: traders with keys made through the sim's own L1 endpoint,
 * L2-signed raw HTTP requests, and signed orders. Everything goes over real
 * loopback HTTP with `fetch`.
 */
import { randomBytes } from 'node:crypto'
import { defaultSeed, type SimHandle, type SimOptions, type SimSeedMarket, startSim } from '@clobkit/clob-sim'
import {
  type Address,
  type ExchangeVersion,
  type Hex,
  Order,
  type OrderType,
  type Side,
  type SignatureType,
  Signer,
  type TickSize,
} from '@clobkit/eip712-order'
import { Headers } from '@clobkit/l2-auth'
import { afterEach, expect } from 'vitest'

export const SEED = defaultSeed()
export const RAIN = SEED.markets[0] as SimSeedMarket
export const ELECTION = SEED.markets[1] as SimSeedMarket
export const BTC = SEED.markets[2] as SimSeedMarket
export const RAIN_YES = RAIN.tokens[0].tokenId
export const RAIN_NO = RAIN.tokens[1].tokenId
export const ELECTION_YES = ELECTION.tokens[0].tokenId
export const BTC_YES = BTC.tokens[0].tokenId

export const HARDHAT_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'

export function start(options: SimOptions = {}): Promise<SimHandle> {
  return startSim({ admin: true, ...options })
}

export interface Creds {
  readonly key: string
  readonly secret: string
  readonly passphrase: string
}

export interface Trader {
  readonly signer: ReturnType<typeof Signer.fromPrivateKey>
  readonly address: Address
  creds: Creds
}

export interface Res {
  readonly status: number
  readonly headers: globalThis.Headers
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: test convenience for reading JSON bodies
  readonly json: any
}

export async function raw(
  sim: SimHandle,
  method: string,
  path: string,
  init: { body?: string | undefined; headers?: Record<string, string> } = {},
): Promise<Res> {
  const res = await fetch(sim.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body !== undefined ? { body: init.body } : {}),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text === '' ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: res.status, headers: res.headers, text, json }
}

export function nowS(sim: SimHandle): number {
  return Math.floor(sim.clock.now() / 1000)
}

export function newSigner(pk?: string) {
  return Signer.fromPrivateKey((pk ?? `0x${randomBytes(32).toString('hex')}`) as Hex)
}

export async function l1Headers(sim: SimHandle, signer: ReturnType<typeof Signer.fromPrivateKey>, nonce = 0) {
  return (await Headers.l1({ signer, chainId: 137, timestamp: nowS(sim), nonce })) as unknown as Record<
    string,
    string
  >
}

/** A trader with a fresh API key (created over L1) and optional funding. */
export async function trader(
  sim: SimHandle,
  options: { pk?: string; collateral?: string; tokens?: Record<string, string> } = {},
): Promise<Trader> {
  const signer = newSigner(options.pk)
  const res = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer) })
  if (res.status !== 200) throw new Error(`create key failed: ${res.status} ${res.text}`)
  const creds = { key: res.json.apiKey, secret: res.json.secret, passphrase: res.json.passphrase }
  if (options.collateral !== undefined || options.tokens !== undefined) {
    await fund(sim, signer.address, options.collateral, options.tokens)
  }
  return { signer, address: signer.address, creds }
}

export async function fund(
  sim: SimHandle,
  address: string,
  collateral?: string,
  tokens?: Record<string, string>,
) {
  const res = await raw(sim, 'POST', '/_sim/fund', {
    body: JSON.stringify({ address, ...(collateral ? { collateral } : {}), ...(tokens ? { tokens } : {}) }),
  })
  if (res.status !== 200) throw new Error(`fund failed: ${res.status} ${res.text}`)
  return res.json
}

export function l2Headers(sim: SimHandle, t: Trader, method: string, path: string, body?: string) {
  return Headers.l2({
    address: t.address,
    credentials: t.creds,
    method,
    path,
    ...(body !== undefined ? { body } : {}),
    timestamp: nowS(sim),
  }) as unknown as Record<string, string>
}

/** An L2-authenticated request; `path` may carry a query (not signed, like the official clients). */
export function l2(sim: SimHandle, t: Trader, method: string, path: string, body?: unknown): Promise<Res> {
  const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  const signedPath = path.split('?')[0] as string
  return raw(sim, method, path, {
    headers: l2Headers(sim, t, method, signedPath, text),
    ...(text !== undefined ? { body: text } : {}),
  })
}

export interface LimitSpec {
  tokenId: string
  side: Side
  price: number | string
  size: number | string
  tickSize?: TickSize
  negRisk?: boolean
  version?: ExchangeVersion
  orderType?: OrderType
  postOnly?: boolean
  expiration?: number
  signatureType?: SignatureType
  maker?: Address
  feeRateBps?: string
  chainId?: number
}

/** A signed limit order as a `NewOrder` body object. */
export async function limitBody(t: Trader, spec: LimitSpec) {
  const built = Order.limit({
    chainId: spec.chainId ?? 137,
    version: spec.version ?? 2,
    negRisk: spec.negRisk ?? false,
    tickSize: spec.tickSize ?? '0.01',
    tokenId: spec.tokenId,
    side: spec.side,
    price: spec.price,
    size: spec.size,
    signer: t.address,
    ...(spec.expiration !== undefined ? { expiration: spec.expiration } : {}),
    ...(spec.signatureType !== undefined ? { signatureType: spec.signatureType } : {}),
    ...(spec.maker !== undefined ? { maker: spec.maker } : {}),
    ...(spec.feeRateBps !== undefined ? { feeRateBps: spec.feeRateBps } : {}),
  })
  const signed = await Order.sign(built, t.signer)
  return {
    wire: Order.toWire(signed, {
      owner: t.creds.key,
      orderType: spec.orderType ?? 'GTC',
      postOnly: spec.postOnly ?? false,
    }),
    id: Order.hash(signed, built.domain).toLowerCase(),
    signed,
    domain: built.domain,
  }
}

export async function postLimit(sim: SimHandle, t: Trader, spec: LimitSpec) {
  const b = await limitBody(t, spec)
  const res = await l2(sim, t, 'POST', '/order', JSON.stringify(b.wire))
  return { ...res, id: b.id }
}

export async function book(sim: SimHandle, tokenId: string) {
  return (await raw(sim, 'GET', `/book?token_id=${tokenId}`)).json
}

export async function balance(sim: SimHandle, t: Trader, tokenId?: string): Promise<bigint> {
  const q = tokenId ? `asset_type=CONDITIONAL&token_id=${tokenId}` : 'asset_type=COLLATERAL'
  const res = await l2(sim, t, 'GET', `/balance-allowance?${q}&signature_type=0`)
  return BigInt(res.json.balance)
}

/**
 * Sims for one test file: `sim()` starts one (as {@link start}); after each test every
 * sim started or pushed onto `sims` must pass its invariant check, then is stopped.
 */
export function simPool(): {
  sim: (options?: Parameters<typeof start>[0]) => Promise<SimHandle>
  sims: SimHandle[]
} {
  const sims: SimHandle[] = []
  afterEach(async () => {
    for (const s of sims.splice(0)) {
      expect(s.check()).toEqual([])
      await s.stop()
    }
  })
  return {
    sims,
    sim: async (options = {}) => {
      const s = await start(options)
      sims.push(s)
      return s
    },
  }
}
