/**
 * `createClient`: a thin object that binds host, chain, signer, credentials and a
 * transport to the resource modules (`client.markets.get(…)`,
 * `client.orders.createAndPost(…)`, …). Every method also exists as a plain
 * function taking the client's `context` first (`Orders.post(client.context, …)`).
 * @module
 */
import {
  type Address,
  type ChainId,
  type Hex,
  InvalidParameterError,
  type SignatureType,
  type Signer,
} from '@clobkit/eip712-order'
import {
  type ApiCredentials,
  Credentials,
  type CredentialsInput,
  Headers,
  ServerClock,
} from '@clobkit/l2-auth'
import * as Account from './account.js'
import * as Books from './books.js'
import * as Builder from './builder.js'
import * as Cancels from './cancels.js'
import type { ClientContext } from './context.js'
import { createDefaultTransport } from './default-transport.js'
import { credentialsRequired, signerRequired } from './errors.js'
import * as Heartbeats from './heartbeats.js'
import * as Keys from './keys.js'
import * as Info from './market-info.js'
import * as Markets from './markets.js'
import * as Orders from './orders.js'
import { reconcile } from './reconcile.js'
import * as Rewards from './rewards.js'
import * as Server from './server.js'
import * as Trades from './trades.js'
import {
  type Authenticator,
  type AuthKind,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUTS,
  type HttpMethod,
  normalizeHost,
  type RetryOptions,
  type Timeouts,
  type Transport,
} from './transport.js'

/** `createClient` options. Only `host` and `chainId` are required. */
export interface ClientOptions {
  /** REST host, e.g. `https://clob.polymarket.com` (one trailing `/` is stripped). */
  readonly host: string
  readonly chainId: ChainId
  /** Signs orders and L1 auth; its address is `POLY_ADDRESS`. */
  readonly signer?: Signer | undefined
  /** L2 API credentials (`keys.createOrDerive()` gets them). */
  readonly credentials?: ApiCredentials | CredentialsInput | undefined
  /** `POLY_ADDRESS` for L2 calls without a signer (read-only use). Defaults to `signer.address`. */
  readonly address?: Address | undefined
  /** 0 EOA (default), 1 POLY_PROXY, 2 POLY_GNOSIS_SAFE, 3 POLY_1271. */
  readonly signatureType?: SignatureType | undefined
  /** The maker: proxy, safe or deposit wallet address. Defaults to the signer. */
  readonly funder?: Address | undefined
  /** Default builder code (bytes32) put in V2/V3 orders. */
  readonly builderCode?: Hex | undefined
  /** Pads the platform fee in fee-aware BUY sizing, in percent: 0 or 1–100 (§3.9). */
  readonly feeSlippage?: number | undefined
  /** Custom transport (tests, proxies). Default: keep-alive `node:http` on Node, `fetch` elsewhere. */
  readonly transport?: Transport | undefined
  readonly timeouts?: Partial<Timeouts> | undefined
  /** Retry policy for GETs; `false` disables. POST/DELETE are never retried. */
  readonly retry?: Partial<RetryOptions> | false | undefined
  /** Use the server's clock (`GET /time`, measured once, re-measured after a 401) for auth timestamps. */
  readonly serverTime?: boolean | undefined
  /** Local clock in ms (tests). Default `Date.now`. */
  readonly now?: (() => number) | undefined
  /** Jitter source (tests). Default `Math.random`. */
  readonly random?: (() => number) | undefined
  /** Salt generator (tests). Default `Salt.generate`. */
  readonly salt?: (() => string) | undefined
  /** TTL of cached market facts in ms (default 300 000), or a cache to share. */
  readonly marketInfo?: number | Info.MarketInfoCache | undefined
}

type Fn = (ctx: ClientContext, ...args: never[]) => unknown
type BoundFn<F> = F extends (ctx: ClientContext, ...args: infer A) => infer R ? (...args: A) => R : never
type Bound<M, K extends keyof M> = { readonly [P in K]: BoundFn<M[P]> }

function bind<M, K extends keyof M>(ctx: ClientContext, mod: M, keys: readonly K[]): Bound<M, K> {
  const out: Record<PropertyKey, unknown> = {}
  for (const key of keys) {
    const fn = mod[key] as unknown as Fn
    out[key] = (...args: never[]) => fn(ctx, ...args)
  }
  return Object.freeze(out) as Bound<M, K>
}

const SERVER = ['health', 'time', 'version'] as const
const MARKETS = ['list', 'sampling', 'simplified', 'samplingSimplified', 'get', 'byToken', 'details'] as const
const BOOKS = [
  'book',
  'books',
  'midpoint',
  'midpoints',
  'price',
  'prices',
  'spread',
  'spreads',
  'lastTradePrice',
  'lastTradesPrices',
  'tickSize',
  'negRisk',
  'feeRate',
  'priceHistory',
] as const
const KEYS = [
  'create',
  'derive',
  'createOrDerive',
  'list',
  'remove',
  'createReadonly',
  'listReadonly',
  'removeReadonly',
  'createBuilder',
  'listBuilder',
  'revokeBuilder',
] as const
const ORDERS = [
  'create',
  'createMarket',
  'createFromAmounts',
  'post',
  'postMany',
  'createAndPost',
  'createAndPostMarket',
  'get',
  'open',
  'preMigration',
  'isScoring',
  'areScoring',
] as const
const CANCELS = ['one', 'many', 'all', 'market'] as const
const TRADES = ['list', 'liveActivity'] as const
const ACCOUNT = [
  'balanceAllowance',
  'refreshBalanceAllowance',
  'closedOnly',
  'notifications',
  'dropNotifications',
] as const
const REWARDS = [
  'earnings',
  'totalEarnings',
  'percentages',
  'userMarkets',
  'currentMarkets',
  'market',
] as const
const HEARTBEATS = ['post'] as const
const BUILDER = ['trades', 'fees'] as const
const MARKET_INFO = [
  'load',
  'tickSize',
  'negRisk',
  'feeInfo',
  'feeRateBps',
  'builderFees',
  'version',
  'invalidate',
  'invalidateVersion',
] as const

/** A bound client: resource namespaces over one context. */
export interface Client {
  /** The bound state; pass it to the plain resource functions. */
  readonly context: ClientContext
  readonly server: Bound<typeof Server, (typeof SERVER)[number]>
  readonly markets: Bound<typeof Markets, (typeof MARKETS)[number]>
  readonly books: Bound<typeof Books, (typeof BOOKS)[number]>
  readonly keys: Bound<typeof Keys, (typeof KEYS)[number]>
  readonly orders: Bound<typeof Orders, (typeof ORDERS)[number]> & {
    /** Look up orders whose POST outcome is unknown. */
    readonly reconcile: BoundFn<typeof reconcile>
  }
  readonly cancels: Bound<typeof Cancels, (typeof CANCELS)[number]>
  readonly trades: Bound<typeof Trades, (typeof TRADES)[number]>
  readonly account: Bound<typeof Account, (typeof ACCOUNT)[number]>
  readonly rewards: Bound<typeof Rewards, (typeof REWARDS)[number]>
  readonly heartbeats: Bound<typeof Heartbeats, (typeof HEARTBEATS)[number]>
  readonly builder: Bound<typeof Builder, (typeof BUILDER)[number]>
  readonly marketInfo: Bound<typeof Info, (typeof MARKET_INFO)[number]>
  /** A client with other credentials, sharing transport, clock and market cache. */
  withCredentials(credentials: ApiCredentials | CredentialsInput): Client
}

const CHAINS: readonly number[] = [137, 80002]

function checkOptions(options: ClientOptions): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidParameterError('INVALID_OPTIONS', 'options', 'expected an options object')
  }
  if (typeof options.host !== 'string' || !/^https?:\/\/[^/]/i.test(options.host)) {
    throw new InvalidParameterError('INVALID_HOST', 'host', 'expected an http(s) URL')
  }
  if (!CHAINS.includes(options.chainId)) {
    throw new InvalidParameterError('UNSUPPORTED_CHAIN', 'chainId', 'expected 137 (Polygon) or 80002 (Amoy)')
  }
  const st = options.signatureType
  if (st !== undefined && st !== 0 && st !== 1 && st !== 2 && st !== 3) {
    throw new InvalidParameterError('UNSUPPORTED_SIGNATURE_TYPE', 'signatureType', 'expected 0, 1, 2 or 3')
  }
  const fs = options.feeSlippage
  if (fs !== undefined && !(fs === 0 || (typeof fs === 'number' && fs >= 1 && fs <= 100))) {
    throw new InvalidParameterError(
      'INVALID_FEE_SLIPPAGE',
      'feeSlippage',
      'feeSlippage must be 0 or a percentage between 1 and 100',
    )
  }
  for (const key of ['funder', 'address'] as const) {
    const v = options[key]
    if (v !== undefined && (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v))) {
      throw new InvalidParameterError('INVALID_ADDRESS', key, 'expected a 0x-prefixed 20-byte address')
    }
  }
  const bc = options.builderCode
  if (bc !== undefined && (typeof bc !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(bc))) {
    throw new InvalidParameterError('INVALID_BUILDER_CODE', 'builderCode', 'expected a 0x-prefixed bytes32')
  }
  for (const key of ['now', 'random', 'salt', 'transport'] as const) {
    if (options[key] !== undefined && typeof options[key] !== 'function') {
      throw new InvalidParameterError('INVALID_OPTION', key, 'expected a function')
    }
  }
}

interface Shared {
  readonly host: string
  readonly transport: Transport
  readonly timeouts: Timeouts
  readonly retry: RetryOptions
  readonly now: () => number
  readonly random: () => number
  readonly marketInfo: Info.MarketInfoCache
  clock: ServerClock.ServerClock | undefined
}

function authenticator(
  shared: Shared,
  options: ClientOptions,
  credentials: ApiCredentials | undefined,
  address: Address | undefined,
): Authenticator {
  const signer = options.signer
  const timestamp = (): number | Promise<number> =>
    shared.clock === undefined ? Math.floor(shared.now() / 1000) : shared.clock.timestamp()
  return {
    headers(kind: AuthKind, method: HttpMethod, path: string, body: string | undefined, nonce?: number) {
      if (kind === 'l1') {
        if (signer === undefined) throw signerRequired(`${method} ${path}`)
        return (async () => {
          const ts = await timestamp()
          return {
            ...(await Headers.l1({ signer, chainId: options.chainId, timestamp: ts, nonce: nonce ?? 0 })),
          }
        })()
      }
      if (credentials === undefined) throw credentialsRequired(`${method} ${path}`)
      if (address === undefined) throw signerRequired(`${method} ${path} (POLY_ADDRESS)`)
      const ts = timestamp()
      if (typeof ts === 'number')
        return { ...Headers.l2({ address, credentials, method, path, body, timestamp: ts }) }
      return ts.then((t) => ({ ...Headers.l2({ address, credentials, method, path, body, timestamp: t }) }))
    },
    onUnauthorized() {
      shared.clock?.invalidate()
    },
    skewHint(date: string | undefined) {
      if (date === undefined) return undefined
      const server = Date.parse(date)
      if (Number.isNaN(server)) return undefined
      const local = shared.clock === undefined ? shared.now() : shared.clock.nowMs()
      return (server - local) / 1000
    },
  }
}

function build(
  shared: Shared,
  options: ClientOptions,
  credentialsInput: ClientOptions['credentials'],
): Client {
  const credentials = credentialsInput === undefined ? undefined : Credentials.from(credentialsInput)
  const address = options.address ?? options.signer?.address
  const ctx: ClientContext = {
    host: shared.host,
    transport: shared.transport,
    timeouts: shared.timeouts,
    retry: shared.retry,
    now: shared.now,
    random: shared.random,
    auth: authenticator(shared, options, credentials, address),
    chainId: options.chainId,
    signer: options.signer,
    credentials,
    address,
    signatureType: options.signatureType ?? 0,
    funder: options.funder,
    builderCode: options.builderCode,
    feeSlippage: options.feeSlippage ?? 0,
    marketInfo: shared.marketInfo,
    salt: options.salt,
  }
  if (options.serverTime && shared.clock === undefined) {
    shared.clock = ServerClock.create({ fetchTime: () => Server.time(ctx), now: shared.now })
  }
  return Object.freeze({
    context: ctx,
    server: bind(ctx, Server, SERVER),
    markets: bind(ctx, Markets, MARKETS),
    books: bind(ctx, Books, BOOKS),
    keys: bind(ctx, Keys, KEYS),
    orders: Object.freeze({
      ...bind(ctx, Orders, ORDERS),
      reconcile: (...args: Parameters<BoundFn<typeof reconcile>>) => reconcile(ctx, ...args),
    }),
    cancels: bind(ctx, Cancels, CANCELS),
    trades: bind(ctx, Trades, TRADES),
    account: bind(ctx, Account, ACCOUNT),
    rewards: bind(ctx, Rewards, REWARDS),
    heartbeats: bind(ctx, Heartbeats, HEARTBEATS),
    builder: bind(ctx, Builder, BUILDER),
    marketInfo: bind(ctx, Info, MARKET_INFO),
    withCredentials: (next: ApiCredentials | CredentialsInput) => build(shared, options, next),
  })
}

/**
 * Create a client. Nothing is requested until a method is called.
 *
 * @example
 * ```ts
 * import { createClient } from '@clobkit/clob-rest'
 * import { Signer } from '@clobkit/eip712-order'
 *
 * const signer = Signer.fromPrivateKey(process.env.PK as `0x${string}`)
 * const l1 = createClient({ host: 'https://clob.polymarket.com', chainId: 137, signer })
 * const client = l1.withCredentials(await l1.keys.createOrDerive())
 * const placed = await client.orders.createAndPost({ tokenId, side: 'BUY', price: '0.52', size: '10' })
 * ```
 */
export function createClient(options: ClientOptions): Client {
  checkOptions(options)
  const shared: Shared = {
    host: normalizeHost(options.host),
    transport: options.transport ?? createDefaultTransport(),
    timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts },
    retry: options.retry === false ? { ...DEFAULT_RETRY, limit: 0 } : { ...DEFAULT_RETRY, ...options.retry },
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    marketInfo:
      typeof options.marketInfo === 'object'
        ? options.marketInfo
        : Info.createCache(options.marketInfo ?? 300_000),
    clock: undefined,
  }
  return build(shared, options, options.credentials)
}
