/**
 * The seed format: validation of untrusted seed JSON, the default seed, and the
 * construction of a fresh exchange state from a seed.
 * @module
 */
import { TickSizes } from '@clobkit/eip712-order'
import { createSide } from './book.js'
import { credit, seedOrder } from './engine.js'
import { invalidSeed } from './errors.js'
import type { MarketState, SimConfig, SimState, TokenState } from './state.js'
import type { SimSeed, SimSeedLevel, SimSeedMarket, SimSeedToken } from './types.js'
import { parsePrice, parseUnits } from './units.js'

const BYTES32 = /^0x[0-9a-fA-F]{64}$/
const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const UINT = /^(?:0|[1-9]\d{0,77})$/
const MAX_UINT256 = (1n << 256n) - 1n

/** The default liquidity account. */
export const LIQUIDITY_ADDRESS = '0x5151515151515151515151515151515151515151'

/**
 * A few realistic markets with resting liquidity on both sides of both outcomes:
 * a normal 0.01-tick market, a neg-risk market, and a 0.001-tick market.
 *
 * @example
 * ```ts
 * const sim = await startSim({ seed: defaultSeed() })
 * ```
 */
export function defaultSeed(): SimSeed {
  const lvl = (price: string, size: string): SimSeedLevel => ({ price, size })
  return {
    liquidityAddress: LIQUIDITY_ADDRESS,
    markets: [
      {
        conditionId: '0x373e6f1389155f47498d27d9aeb77b602f383fd6075d6b329dda1a6cbd07051d',
        questionId: '0x9a1b0c4e2f7d8e6a5b3c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f00',
        question: 'Will it rain in Lisbon on 1 July 2027?',
        slug: 'will-it-rain-in-lisbon-on-1-july-2027',
        description: 'Resolves Yes if measurable rain is recorded at Lisbon airport on 1 July 2027.',
        tickSize: '0.01',
        minOrderSize: '5',
        negRisk: false,
        fees: { baseFeeBps: 0, rate: 0.05, exponent: 1, takerOnly: true },
        rewards: { minSize: 50, maxSpread: 3.5, dailyRate: 25 },
        endDateIso: '2027-07-01T23:59:59Z',
        tags: ['weather'],
        tokens: [
          {
            tokenId: '62428506449048733482889176181157278288069285274000009070221467769868662240817',
            outcome: 'Yes',
            lastTradePrice: '0.5',
            book: {
              bids: [lvl('0.45', '120'), lvl('0.46', '250'), lvl('0.47', '400'), lvl('0.48', '150')],
              asks: [lvl('0.55', '300'), lvl('0.54', '220'), lvl('0.53', '180'), lvl('0.52', '100')],
            },
          },
          {
            tokenId: '99745350690374632499971079087374360969353085358205563945927490072558604948071',
            outcome: 'No',
            lastTradePrice: '0.5',
            book: {
              bids: [lvl('0.44', '100'), lvl('0.45', '200'), lvl('0.46', '300'), lvl('0.47', '120')],
              asks: [lvl('0.56', '250'), lvl('0.55', '200'), lvl('0.54', '150'), lvl('0.53', '90')],
            },
          },
        ],
      },
      {
        conditionId: '0xe6c15e74bde0b7ebd4996d59ed562a2c8ed4e48b66d08ff3fdf8382e3860bf39',
        questionId: '0x4f1c2d3e4a5b6c7d8e9fa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1',
        question: 'Will Candidate A win the 2028 presidential election?',
        slug: 'will-candidate-a-win-the-2028-presidential-election',
        description: 'One of several mutually exclusive outcomes of the 2028 election (neg-risk market).',
        tickSize: '0.01',
        minOrderSize: '5',
        negRisk: true,
        negRiskMarketId: '0xee2b6f590b8f22e41946977635f194079d8331875fbf7de304ef78c3e0bf5b00',
        fees: { baseFeeBps: 0, rate: 0.04, exponent: 1, takerOnly: true },
        endDateIso: '2028-11-07T12:00:00Z',
        tags: ['politics'],
        tokens: [
          {
            tokenId: '70850512422879686143177739046657966252260775540807003565285970361820036351644',
            outcome: 'Yes',
            lastTradePrice: '0.34',
            book: {
              bids: [lvl('0.3', '500'), lvl('0.31', '800'), lvl('0.32', '650'), lvl('0.33', '400')],
              asks: [lvl('0.38', '600'), lvl('0.37', '500'), lvl('0.36', '450'), lvl('0.35', '300')],
            },
          },
          {
            tokenId: '16565480024056410091484380105580834863806047094369076423201031274794144475800',
            outcome: 'No',
            lastTradePrice: '0.66',
            book: {
              bids: [lvl('0.62', '600'), lvl('0.63', '500'), lvl('0.64', '450'), lvl('0.65', '300')],
              asks: [lvl('0.7', '500'), lvl('0.69', '800'), lvl('0.68', '650'), lvl('0.67', '400')],
            },
          },
        ],
      },
      {
        conditionId: '0x75cc031cce7fbac0f9a35bf4c3622d03c76a52a069d397b7359f2794d10b5998',
        questionId: '0x0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c',
        question: 'Will BTC close above $150,000 on 31 December 2027?',
        slug: 'will-btc-close-above-150000-on-31-december-2027',
        description: 'Resolves Yes if the BTC/USD daily close on 31 December 2027 is above $150,000.',
        tickSize: '0.001',
        minOrderSize: '5',
        negRisk: false,
        fees: { baseFeeBps: 0, rate: 0.072, exponent: 1, takerOnly: true },
        rewards: { minSize: 100, maxSpread: 2, dailyRate: 10 },
        endDateIso: '2027-12-31T23:59:59Z',
        tags: ['crypto'],
        tokens: [
          {
            tokenId: '104817331945270823609853197244317013432019346290416474870117429663584390021975',
            outcome: 'Yes',
            lastTradePrice: '0.124',
            book: {
              bids: [lvl('0.119', '900'), lvl('0.121', '700'), lvl('0.122', '500'), lvl('0.123', '250')],
              asks: [lvl('0.13', '900'), lvl('0.128', '700'), lvl('0.126', '500'), lvl('0.125', '250')],
            },
          },
          {
            tokenId: '40383056427547957940152364738733228765059369377747171707837229370568977402016',
            outcome: 'No',
            lastTradePrice: '0.876',
            book: {
              bids: [lvl('0.87', '900'), lvl('0.872', '700'), lvl('0.874', '500'), lvl('0.875', '250')],
              asks: [lvl('0.881', '900'), lvl('0.879', '700'), lvl('0.878', '500'), lvl('0.877', '250')],
            },
          },
        ],
      },
    ],
  }
}

// ---------------------------------------------------------------- validation

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: unknown, path: string, re?: RegExp, what = 'a string'): string {
  if (typeof v !== 'string' || (re !== undefined && !re.test(v))) throw invalidSeed(path, `expected ${what}`)
  return v
}

function optStr(v: unknown, path: string): string | undefined {
  return v === undefined ? undefined : str(v, path)
}

function num(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    throw invalidSeed(path, 'expected a non-negative number')
  return v
}

function amount(v: unknown, path: string): string {
  const s = str(v, path, undefined, 'a decimal string')
  if (parseUnits(s) === undefined)
    throw invalidSeed(path, 'expected a non-negative decimal string with at most 6 decimals')
  return s
}

function tokenId(v: unknown, path: string): string {
  const s = str(v, path, UINT, 'a uint256 decimal string')
  if (BigInt(s) > MAX_UINT256) throw invalidSeed(path, 'expected a uint256 decimal string')
  return s
}

function levels(v: unknown, path: string, tick: string): SimSeedLevel[] {
  if (v === undefined) return []
  if (!Array.isArray(v)) throw invalidSeed(path, 'expected an array of {price, size}')
  const tickMicros = parsePrice(tick) ?? 1
  return v.map((l, i) => {
    const p = `${path}[${i}]`
    if (!isObject(l)) throw invalidSeed(p, 'expected {price, size}')
    const price = str(l.price, `${p}.price`, undefined, 'a decimal string')
    const micros = parsePrice(price)
    if (
      micros === undefined ||
      micros < tickMicros ||
      micros > 1_000_000 - tickMicros ||
      micros % tickMicros !== 0
    ) {
      throw invalidSeed(`${p}.price`, `expected a price on the ${tick} tick between ${tick} and 1 - ${tick}`)
    }
    const size = amount(l.size, `${p}.size`)
    if (parseUnits(size) === 0n) throw invalidSeed(`${p}.size`, 'expected a positive size')
    return { price, size }
  })
}

function token(v: unknown, path: string, tick: string): SimSeedToken {
  if (!isObject(v)) throw invalidSeed(path, 'expected {tokenId, outcome, book?}')
  const book = v.book
  if (book !== undefined && !isObject(book)) throw invalidSeed(`${path}.book`, 'expected {bids?, asks?}')
  const lastTradePrice = v.lastTradePrice
  if (
    lastTradePrice !== undefined &&
    (typeof lastTradePrice !== 'string' ||
      (lastTradePrice !== '' && parsePrice(lastTradePrice) === undefined))
  ) {
    throw invalidSeed(`${path}.lastTradePrice`, 'expected a price string')
  }
  const bids = book ? levels(book.bids, `${path}.book.bids`, tick) : []
  const asks = book ? levels(book.asks, `${path}.book.asks`, tick) : []
  const bestBid = Math.max(0, ...bids.map((l) => parsePrice(l.price) ?? 0))
  const bestAsk = Math.min(1_000_000, ...asks.map((l) => parsePrice(l.price) ?? 1_000_000))
  if (bids.length > 0 && asks.length > 0 && bestBid >= bestAsk) {
    throw invalidSeed(`${path}.book`, 'the seeded book is crossed (best bid >= best ask)')
  }
  return {
    tokenId: tokenId(v.tokenId, `${path}.tokenId`),
    outcome: str(v.outcome, `${path}.outcome`),
    ...(book ? { book: { bids, asks } } : {}),
    ...(typeof lastTradePrice === 'string' ? { lastTradePrice } : {}),
  }
}

function market(v: unknown, path: string): SimSeedMarket {
  if (!isObject(v)) throw invalidSeed(path, 'expected a market object')
  const tickSize = v.tickSize
  if (typeof tickSize !== 'string' || !(TickSizes as readonly string[]).includes(tickSize)) {
    throw invalidSeed(`${path}.tickSize`, `expected one of ${TickSizes.join(', ')}`)
  }
  const tick = tickSize as SimSeedMarket['tickSize']
  if (!Array.isArray(v.tokens) || v.tokens.length !== 2)
    throw invalidSeed(`${path}.tokens`, 'expected exactly two tokens')
  if (typeof v.negRisk !== 'boolean') throw invalidSeed(`${path}.negRisk`, 'expected a boolean')
  const fees = v.fees
  if (fees !== undefined && !isObject(fees)) throw invalidSeed(`${path}.fees`, 'expected an object')
  const rewards = v.rewards
  if (rewards !== undefined && !isObject(rewards)) throw invalidSeed(`${path}.rewards`, 'expected an object')
  if (v.acceptingOrders !== undefined && typeof v.acceptingOrders !== 'boolean') {
    throw invalidSeed(`${path}.acceptingOrders`, 'expected a boolean')
  }
  if (v.tags !== undefined && (!Array.isArray(v.tags) || !v.tags.every((t) => typeof t === 'string'))) {
    throw invalidSeed(`${path}.tags`, 'expected an array of strings')
  }
  const optNum = (o: Record<string, unknown>, k: string, p: string): Record<string, number> =>
    o[k] === undefined ? {} : { [k]: num(o[k], `${p}.${k}`) }
  const questionId = optStr(v.questionId, `${path}.questionId`)
  const negRiskMarketId = optStr(v.negRiskMarketId, `${path}.negRiskMarketId`)
  const slug = optStr(v.slug, `${path}.slug`)
  const description = optStr(v.description, `${path}.description`)
  const endDateIso = optStr(v.endDateIso, `${path}.endDateIso`)
  return {
    conditionId: str(v.conditionId, `${path}.conditionId`, BYTES32, 'a bytes32 0x-hex string'),
    question: str(v.question, `${path}.question`),
    tickSize: tick,
    minOrderSize: amount(v.minOrderSize, `${path}.minOrderSize`),
    negRisk: v.negRisk,
    tokens: [token(v.tokens[0], `${path}.tokens[0]`, tick), token(v.tokens[1], `${path}.tokens[1]`, tick)],
    ...(questionId !== undefined ? { questionId } : {}),
    ...(negRiskMarketId !== undefined ? { negRiskMarketId } : {}),
    ...(slug !== undefined ? { slug } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(endDateIso !== undefined ? { endDateIso } : {}),
    ...(v.acceptingOrders !== undefined ? { acceptingOrders: v.acceptingOrders } : {}),
    ...(Array.isArray(v.tags) ? { tags: v.tags as string[] } : {}),
    ...(fees
      ? {
          fees: {
            ...optNum(fees, 'baseFeeBps', `${path}.fees`),
            ...optNum(fees, 'rate', `${path}.fees`),
            ...optNum(fees, 'exponent', `${path}.fees`),
            ...optNum(fees, 'makerBaseFee', `${path}.fees`),
            ...optNum(fees, 'takerBaseFee', `${path}.fees`),
            ...(typeof fees.takerOnly === 'boolean' ? { takerOnly: fees.takerOnly } : {}),
          },
        }
      : {}),
    ...(rewards
      ? {
          rewards: {
            minSize: num(rewards.minSize, `${path}.rewards.minSize`),
            maxSpread: num(rewards.maxSpread, `${path}.rewards.maxSpread`),
            ...optNum(rewards, 'dailyRate', `${path}.rewards`),
          },
        }
      : {}),
  }
}

/**
 * Validates untrusted seed JSON (e.g. from `--seed file`) and returns a typed
 * seed. Throws `INVALID_SEED` naming the JSON path of the first problem.
 *
 * @example
 * ```ts
 * const seed = parseSeed(JSON.parse(readFileSync('seed.json', 'utf8')))
 * ```
 */
export function parseSeed(value: unknown): SimSeed {
  if (!isObject(value)) throw invalidSeed('seed', 'expected {markets: [...]}')
  if (!Array.isArray(value.markets)) throw invalidSeed('seed.markets', 'expected an array')
  const markets = value.markets.map((m, i) => market(m, `seed.markets[${i}]`))
  const cids = new Set<string>()
  const tids = new Set<string>()
  markets.forEach((m, i) => {
    const cid = m.conditionId.toLowerCase()
    if (cids.has(cid)) throw invalidSeed(`seed.markets[${i}].conditionId`, 'duplicate condition id')
    cids.add(cid)
    m.tokens.forEach((t, j) => {
      if (tids.has(t.tokenId))
        throw invalidSeed(`seed.markets[${i}].tokens[${j}].tokenId`, 'duplicate token id')
      tids.add(t.tokenId)
    })
  })
  let accounts: SimSeed['accounts']
  if (value.accounts !== undefined) {
    if (!Array.isArray(value.accounts)) throw invalidSeed('seed.accounts', 'expected an array')
    accounts = value.accounts.map((a, i) => {
      const p = `seed.accounts[${i}]`
      if (!isObject(a)) throw invalidSeed(p, 'expected {address, collateral?, tokens?}')
      const tokens = a.tokens
      if (tokens !== undefined && !isObject(tokens))
        throw invalidSeed(`${p}.tokens`, 'expected {tokenId: amount}')
      const out: Record<string, string> = {}
      for (const [k, v] of Object.entries(tokens ?? {})) {
        if (!tids.has(k)) throw invalidSeed(`${p}.tokens`, `unknown token id ${k.slice(0, 80)}`)
        out[k] = amount(v, `${p}.tokens.${k}`)
      }
      return {
        address: str(a.address, `${p}.address`, ADDRESS, 'a 0x address'),
        ...(a.collateral !== undefined ? { collateral: amount(a.collateral, `${p}.collateral`) } : {}),
        tokens: out,
      }
    })
  }
  const liquidityAddress =
    value.liquidityAddress === undefined
      ? undefined
      : str(value.liquidityAddress, 'seed.liquidityAddress', ADDRESS, 'a 0x address')
  return {
    markets,
    ...(accounts ? { accounts } : {}),
    ...(liquidityAddress ? { liquidityAddress } : {}),
  }
}

// ---------------------------------------------------------------- state

/** Builds a fresh state from a (validated) seed. */
export function buildState(seed: SimSeed, config: SimConfig, nowMs: number): SimState {
  const state: SimState = {
    config,
    markets: new Map(),
    marketList: [],
    tokens: new Map(),
    orders: new Map(),
    finished: [],
    openByKey: new Map(),
    expiries: [],
    trades: [],
    tradeById: new Map(),
    accounts: new Map(),
    minted: new Map(),
    keys: new Map(),
    derived: new Map(),
    readonlyKeys: new Map(),
    builderKeys: new Map(),
    funders: new Map(),
    heartbeats: new Map(),
    notifications: new Map(),
    faults: [],
    counters: { seq: 0, notification: 0, fault: 0, filled: 0 },
  }
  for (const m of seed.markets) addMarketState(state, m, nowMs)
  for (const m of seed.markets) seedBooks(state, m, nowMs)
  for (const a of seed.accounts ?? []) {
    const address = a.address.toLowerCase()
    if (a.collateral !== undefined) credit(state, address, '', parseUnits(a.collateral) ?? 0n)
    for (const [tid, amt] of Object.entries(a.tokens ?? {}))
      credit(state, address, tid, parseUnits(amt) ?? 0n)
  }
  return state
}

/** Adds a (validated) seed market with empty books; `seedBooks` rests its liquidity. */
function addMarketState(state: SimState, m: SimSeedMarket, nowMs: number): MarketState {
  const tickMicros = parsePrice(m.tickSize) ?? 10_000
  const ms: MarketState = {
    conditionId: m.conditionId.toLowerCase(),
    questionId: (m.questionId ?? `0x${'0'.repeat(64)}`).toLowerCase(),
    question: m.question,
    slug:
      m.slug ??
      m.question
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, ''),
    description: m.description ?? '',
    negRisk: m.negRisk,
    negRiskMarketId: m.negRiskMarketId ?? '',
    tickSize: m.tickSize,
    tickMicros,
    minOrderSize: parseUnits(m.minOrderSize) ?? 0n,
    fees: {
      baseFeeBps: m.fees?.baseFeeBps ?? 0,
      rate: m.fees?.rate ?? 0,
      exponent: m.fees?.exponent ?? 0,
      takerOnly: m.fees?.takerOnly ?? true,
      makerBaseFee: m.fees?.makerBaseFee ?? 0,
      takerBaseFee: m.fees?.takerBaseFee ?? 0,
    },
    rewards: m.rewards,
    acceptingOrders: m.acceptingOrders ?? true,
    endDateIso: m.endDateIso ?? '',
    tags: m.tags ?? [],
    tokens: [],
  }
  m.tokens.forEach((t, i) => {
    const ts: TokenState = {
      tokenId: t.tokenId,
      outcome: t.outcome,
      outcomeIndex: i,
      market: ms,
      bids: createSide('BUY'),
      asks: createSide('SELL'),
      lastTrade: undefined,
      seedLastTradePrice: t.lastTradePrice ?? '',
      history: [],
      bookTimestamp: nowMs,
    }
    ms.tokens.push(ts)
    state.tokens.set(t.tokenId, ts)
  })
  state.markets.set(ms.conditionId, ms)
  state.marketList.push(ms)
  return ms
}

function seedBooks(state: SimState, m: SimSeedMarket, nowMs: number): void {
  for (const t of m.tokens) {
    const ts = state.tokens.get(t.tokenId) as TokenState
    for (const l of t.book?.bids ?? []) {
      seedOrder(state, ts, 'BUY', parsePrice(l.price) ?? 0, parseUnits(l.size) ?? 0n, nowMs)
    }
    for (const l of t.book?.asks ?? []) {
      seedOrder(state, ts, 'SELL', parsePrice(l.price) ?? 0, parseUnits(l.size) ?? 0n, nowMs)
    }
  }
}

/**
 * Lists one more market on a running state (admin `POST /_sim/markets`), with its
 * seeded liquidity. `market` must come from `parseSeed`; its condition and token ids
 * must be new, or a message says which one is taken.
 */
export function listMarket(state: SimState, market: SimSeedMarket, nowMs: number): MarketState | string {
  if (state.markets.has(market.conditionId.toLowerCase()))
    return 'conditionId: the sim already has this market'
  for (const t of market.tokens)
    if (state.tokens.has(t.tokenId)) return `tokenId ${t.tokenId.slice(0, 80)}: already listed`
  const ms = addMarketState(state, market, nowMs)
  seedBooks(state, market, nowMs)
  return ms
}
