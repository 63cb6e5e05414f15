/**
 * The command tree as plain data: names, options, positionals, help and examples.
 * Handlers are loaded lazily (`import()`), so `clob --version` and `clob --help`
 * never load signing or HTTP code. Completions are generated from this table.
 * @module
 */
import { TickSizes } from '@clobkit/eip712-order/types'
import type { OptionSpec, OptionSpecs } from './args.js'
import type { CommandSpec, GroupSpec, HandlerModule, HandlerRef } from './command.js'

export type { CommandSpec, GroupSpec } from './command.js'

const s = (description: string, valueName = 'VALUE', extra: Partial<OptionSpec> = {}): OptionSpec => ({
  type: 'string',
  description,
  valueName,
  ...extra,
})
const b = (description: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({
  type: 'boolean',
  description,
  ...extra,
})

export const GLOBAL_OPTIONS: OptionSpecs = {
  profile: s('profile name (env CLOB_PROFILE; default "default")', 'NAME'),
  host: s('CLOB host URL (env CLOB_HOST; default https://clob.polymarket.com)', 'URL'),
  chain: s('chain id: 137 (polygon) or 80002 (amoy) (env CLOB_CHAIN)', 'ID', { values: ['137', '80002'] }),
  json: b('print machine-readable JSON on stdout'),
  output: s('json (same as --json) or text', 'FORMAT', { short: 'o', values: ['json', 'text'] }),
  yes: b('do not ask for confirmation', { short: 'y' }),
  'no-color': b('disable colours (also NO_COLOR)'),
  quiet: b('suppress notes on stderr', { short: 'q' }),
  help: b('show help', { short: 'h' }),
  version: b('print the version', { short: 'V' }),
  keystore: s('keystore name or path (v3 JSON; Foundry/geth compatible)', 'NAME|PATH', { file: true }),
  'password-file': s('file holding the keystore password', 'PATH', { file: true }),
  'key-file': s('file holding a hex private key', 'PATH', { file: true }),
  'private-key': s('private key on argv — refused unless --unsafe-key-argv', 'HEX'),
  'unsafe-key-argv': b('allow --private-key (it leaks into shell history and ps)'),
  'signature-type': s('eoa | proxy | safe | 1271', 'TYPE', { values: ['eoa', 'proxy', 'safe', '1271'] }),
  funder: s('funder (maker) address for proxy/safe/1271', 'ADDRESS'),
}

const SIDE = s('BUY or SELL', 'SIDE', { values: ['BUY', 'SELL'] })
const TOKEN = s('outcome token id', 'ID')
const TICK = s(`tick size (${TickSizes.join(' ')})`, 'TICK', {
  values: TickSizes,
})
const ALL = b('fetch every page')
const CURSOR = s('start from this page cursor', 'CURSOR')

/** Options of every `watch` command. */
const STREAM: OptionSpecs = {
  'ws-url': s("stream host (default: CLOB_WS_URL, the exchange's stream host, or --host)", 'URL'),
  duration: s('stop after this long (default: until Ctrl-C)', 'DURATION'),
}
const USER_STREAM: OptionSpecs = {
  market: s('condition id to follow (repeatable; default: all markets)', 'CONDITION_ID', { multiple: true }),
  ...STREAM,
}

const ORDER_COMMON: OptionSpecs = {
  token: TOKEN,
  side: SIDE,
  'tick-size': TICK,
  'neg-risk': b('the market is neg-risk'),
  'exchange-version': s('exchange / order version 1, 2 or 3', 'N', { values: ['1', '2', '3'] }),
  'builder-code': s('bytes32 builder code (V2/V3)', 'HEX'),
  metadata: s('bytes32 metadata (V2/V3)', 'HEX'),
  'fee-rate-bps': s('fee rate in bps (V1 orders)', 'BPS'),
  nonce: s('exchange nonce (V1 orders)', 'N'),
  taker: s('taker address (V1 orders; default public)', 'ADDRESS'),
  salt: s('fixed salt (reproducible signatures)', 'N'),
  timestamp: s('fixed order timestamp in ms (V2/V3, reproducible signatures)', 'MS'),
}

const LIMIT_OPTIONS: OptionSpecs = {
  ...ORDER_COMMON,
  price: s('limit price, 0 < p < 1', 'PRICE'),
  size: s('size in shares', 'SHARES'),
  type: s('GTC or GTD (GTD implied by --expires)', 'TYPE', { values: ['GTC', 'GTD'] }),
  expires: s('GTD expiry: a duration (10m, 2h) or a timestamp; 60 s threshold added', 'WHEN'),
  'post-only': b('reject instead of crossing the book'),
  'dry-run': b('sign and print the payload, hash, notional and fees; send nothing'),
}

const handler = (module: HandlerModule, name: string): HandlerRef => ({ module, name })

export const GROUPS: readonly GroupSpec[] = [
  { path: ['markets'], summary: 'list and look up markets' },
  { path: ['keys'], summary: 'API keys: create, derive, list, delete; readonly and builder keys' },
  { path: ['keys', 'readonly'], summary: 'readonly API keys' },
  { path: ['keys', 'builder'], summary: 'builder API keys' },
  { path: ['order'], summary: 'place, sign and inspect orders' },
  { path: ['cancel'], summary: 'cancel one, many, all, or by market/asset' },
  { path: ['notifications'], summary: 'list and drop notifications' },
  { path: ['rewards'], summary: 'liquidity rewards' },
  { path: ['heartbeat'], summary: 'keep resting orders alive' },
  { path: ['watch'], summary: 'live streams: the book, your orders, your trades' },
  { path: ['wallet'], summary: 'manage encrypted keystores' },
  { path: ['profile'], summary: 'manage named profiles' },
]

export const COMMANDS: readonly CommandSpec[] = [
  // ---- market data ---------------------------------------------------------
  {
    path: ['markets', 'list'],
    summary: 'list markets, one page or --all',
    options: {
      cursor: CURSOR,
      all: ALL,
      kind: s('markets | sampling | simplified | sampling-simplified', 'KIND', {
        values: ['markets', 'sampling', 'simplified', 'sampling-simplified'],
      }),
    },
    examples: ['clob markets list', 'clob markets list --all --json > markets.json'],
    details: 'JSON: {"data":[Market...],"next_cursor":"..."} (with --all, next_cursor is "LTE=")',
    handler: handler('market', 'marketsList'),
  },
  {
    path: ['markets', 'get'],
    summary: 'get a market by condition id or token id',
    args: '[<condition-id>]',
    positionals: 1,
    options: { token: TOKEN },
    examples: ['clob markets get 0xabc…', 'clob markets get --token 7132…'],
    details: 'JSON: the Market object as the server returns it',
    handler: handler('market', 'marketsGet'),
  },
  {
    path: ['book'],
    summary: 'order book for a token',
    args: '<token-id>',
    positionals: 1,
    options: { token: TOKEN, depth: s('levels per side to show', 'N') },
    examples: ['clob book 7132…', 'clob book 7132… --depth 5 --json'],
    details:
      'JSON: the OrderBookSummary {market, asset_id, timestamp, bids, asks, min_order_size, tick_size, neg_risk, hash, ...}',
    handler: handler('market', 'book'),
  },
  {
    path: ['price'],
    summary: 'best price on a side for one or more tokens',
    args: '<token-id>...',
    positionals: 100,
    options: { side: SIDE, token: { ...TOKEN, multiple: true } },
    examples: ['clob price 7132… --side BUY', 'clob price 7132… 5210… --side SELL --json'],
    details: 'JSON: single {"token_id","side","price"}; batch [{"token_id","side","price"}...]',
    handler: handler('market', 'price'),
  },
  {
    path: ['midpoint'],
    summary: 'midpoint price for one or more tokens',
    args: '<token-id>...',
    positionals: 100,
    options: { token: { ...TOKEN, multiple: true } },
    examples: ['clob midpoint 7132…'],
    details: 'JSON: [{"token_id","mid"}...] (one element per token)',
    handler: handler('market', 'midpoint'),
  },
  {
    path: ['spread'],
    summary: 'bid/ask spread for one or more tokens',
    args: '<token-id>...',
    positionals: 100,
    options: { token: { ...TOKEN, multiple: true } },
    examples: ['clob spread 7132…'],
    details: 'JSON: [{"token_id","spread"}...]',
    handler: handler('market', 'spread'),
  },
  {
    path: ['last-trade'],
    summary: 'last trade price for one or more tokens',
    args: '<token-id>...',
    positionals: 100,
    options: { token: { ...TOKEN, multiple: true } },
    examples: ['clob last-trade 7132…', 'clob last-trade 7132… 5210…'],
    details: 'JSON: [{"token_id","price","side"}...]',
    handler: handler('market', 'lastTrade'),
  },
  {
    path: ['tick-size'],
    summary: 'minimum tick size of a token',
    args: '<token-id>',
    positionals: 1,
    options: { token: TOKEN },
    examples: ['clob tick-size 7132…'],
    details: 'JSON: {"token_id","tick_size"}',
    handler: handler('market', 'tickSize'),
  },
  {
    path: ['neg-risk'],
    summary: 'whether a token trades on the neg-risk exchange',
    args: '<token-id>',
    positionals: 1,
    options: { token: TOKEN },
    examples: ['clob neg-risk 7132…'],
    details: 'JSON: {"token_id","neg_risk"}',
    handler: handler('market', 'negRisk'),
  },
  {
    path: ['fee-rate'],
    summary: 'base fee rate (bps) of a token',
    args: '<token-id>',
    positionals: 1,
    options: { token: TOKEN },
    examples: ['clob fee-rate 7132…'],
    details: 'JSON: {"token_id","base_fee"}',
    handler: handler('market', 'feeRate'),
  },
  {
    path: ['price-history'],
    summary: 'price history by interval or start/end',
    args: '<token-id>',
    positionals: 1,
    options: {
      token: TOKEN,
      interval: s('max | 1w | 1d | 6h | 1h | 1m', 'INTERVAL', {
        values: ['max', '1w', '1d', '6h', '1h', '1m'],
      }),
      start: s('start (unix seconds or ISO 8601)', 'TIME'),
      end: s('end (unix seconds or ISO 8601)', 'TIME'),
      fidelity: s('resolution in minutes', 'MINUTES'),
    },
    examples: [
      'clob price-history 7132… --interval 1d',
      'clob price-history 7132… --start 2025-01-01T00:00:00Z --end 1735776000',
    ],
    details: 'JSON: {"token_id","history":[{"t","p"}...]}',
    handler: handler('market', 'priceHistory'),
  },
  {
    path: ['time'],
    summary: 'server time and local clock offset',
    examples: ['clob time'],
    details: 'JSON: {"server":<unix s>,"local":<unix s>,"offset_ms":<n>}',
    handler: handler('market', 'time'),
  },
  // ---- keys -------------------------------------------------------------------
  ...(['create', 'derive', 'create-or-derive'] as const).map(
    (sub): CommandSpec => ({
      path: ['keys', sub],
      summary:
        sub === 'create'
          ? 'create an API key (L1) and store it in the profile'
          : sub === 'derive'
            ? 'derive the existing API key (L1) and store it in the profile'
            : 'create, or derive when it exists; store it in the profile',
      options: { nonce: s('key nonce (default 0)', 'N') },
      examples: [`clob keys ${sub}`],
      details:
        'JSON: {"apiKey","address","nonce","stored":true} — secret and passphrase are stored, never printed',
      handler: handler('keys', 'keysObtain'),
    }),
  ),
  {
    path: ['keys', 'list'],
    summary: 'list API keys of this address',
    examples: ['clob keys list'],
    details: 'JSON: {"apiKeys":[...]}',
    handler: handler('keys', 'keysList'),
  },
  {
    path: ['keys', 'delete'],
    summary: 'delete the profile API key on the server and forget it',
    examples: ['clob keys delete --yes'],
    details: 'JSON: {"deleted":"<apiKey>"}',
    handler: handler('keys', 'keysDelete'),
  },
  {
    path: ['keys', 'readonly', 'create'],
    summary: 'create a readonly API key',
    examples: ['clob keys readonly create'],
    details: 'JSON: {"apiKey"}',
    handler: handler('keys', 'readonlyCreate'),
  },
  {
    path: ['keys', 'readonly', 'list'],
    summary: 'list readonly API keys',
    examples: ['clob keys readonly list'],
    details: 'JSON: {"apiKeys":[...]}',
    handler: handler('keys', 'readonlyList'),
  },
  {
    path: ['keys', 'readonly', 'delete'],
    summary: 'delete a readonly API key',
    args: '<key>',
    positionals: 1,
    examples: ['clob keys readonly delete 1f0e…'],
    details: 'JSON: {"deleted":"<key>","ok":true}',
    handler: handler('keys', 'readonlyDelete'),
  },
  {
    path: ['keys', 'builder', 'create'],
    summary: 'create a builder API key and store it in the profile',
    examples: ['clob keys builder create'],
    details: 'JSON: {"key","stored":true}',
    handler: handler('keys', 'builderCreate'),
  },
  {
    path: ['keys', 'builder', 'list'],
    summary: 'list builder API keys',
    examples: ['clob keys builder list'],
    details: 'JSON: [{"key","createdAt","revokedAt"}...]',
    handler: handler('keys', 'builderList'),
  },
  {
    path: ['keys', 'builder', 'revoke'],
    summary: 'revoke the profile builder API key',
    examples: ['clob keys builder revoke --yes'],
    details: 'JSON: {"revoked":"<key>"}',
    handler: handler('keys', 'builderRevoke'),
  },
  // ---- orders -----------------------------------------------------------------
  {
    path: ['order', 'limit'],
    summary: 'place a limit order (GTC, or GTD with --expires)',
    options: LIMIT_OPTIONS,
    examples: [
      'clob order limit --token 7132… --side BUY --price 0.45 --size 20',
      'clob order limit --token 7132… --side SELL --price 0.6 --size 10 --expires 10m --post-only',
      'clob order limit --token 7132… --side BUY --price 0.45 --size 20 --dry-run --json',
    ],
    details:
      'JSON: {"orderID","status","success","errorMsg","makingAmount","takingAmount","orderHash","side","price","size","notional","orderType",...}\n' +
      '--dry-run JSON: {"dryRun":true,"orderHash","payload","notional","fees":{...},"order":{...}}\n' +
      'A rejected order (success false or an errorMsg) exits 1.',
    handler: handler('order-post', 'orderLimit'),
  },
  {
    path: ['order', 'market'],
    summary: 'place a market order (FOK or FAK) with a worst price',
    options: {
      ...ORDER_COMMON,
      amount: s('BUY: collateral to spend; SELL: shares to sell', 'AMOUNT'),
      price: s('worst price (default: computed from the book)', 'PRICE'),
      type: s('FOK (default) or FAK', 'TYPE', { values: ['FOK', 'FAK'] }),
      'dry-run': b('sign and print the payload, hash, notional and fees; send nothing'),
    },
    examples: [
      'clob order market --token 7132… --side BUY --amount 25 --price 0.6',
      'clob order market --token 7132… --side SELL --amount 10 --type FAK',
    ],
    details: 'JSON: as `order limit`. A FOK that cannot fill is rejected and exits 1.',
    handler: handler('order-post', 'orderMarket'),
  },
  {
    path: ['order', 'batch'],
    summary: 'post orders from a JSON or CSV file, 15 per request',
    args: '<file.json|file.csv>',
    positionals: 1,
    options: {
      'post-only': b('post every order post-only'),
      'dry-run': b('sign everything, print, send nothing'),
      'exchange-version': ORDER_COMMON['exchange-version']!,
    },
    examples: ['clob order batch orders.csv', 'clob order batch orders.json --dry-run --json'],
    details:
      'File rows: token, side, price, size, and optional type (GTC|GTD|FOK|FAK), expires, tick_size, neg_risk, post_only.\n' +
      'JSON file: an array of {"token","side","price","size",...}. CSV: a header row with those names.\n' +
      'JSON: {"results":[OrderResponse...],"posted":n,"rejected":n}; exits 1 if any order was rejected.',
    handler: handler('order-batch', 'orderBatch'),
  },
  {
    path: ['order', 'sign'],
    summary: 'build and sign an order; with --offline no network is used',
    options: {
      ...ORDER_COMMON,
      offline: b('use no network at all (requires --tick-size)'),
      price: s('price, 0 < p < 1', 'PRICE'),
      size: s('size in shares', 'SHARES'),
      type: s('GTC | GTD | FOK | FAK (only recorded in the payload)', 'TYPE', {
        values: ['GTC', 'GTD', 'FOK', 'FAK'],
      }),
      expires: s('GTD expiry (duration or timestamp)', 'WHEN'),
      owner: s('API key to put in the payload owner field', 'KEY'),
    },
    examples: [
      'clob order sign --offline --token 7132… --side BUY --price 0.5 --size 10 --tick-size 0.01',
      'CLOB_PRIVATE_KEY=… clob order sign --offline --token 1 --side SELL --price 0.25 --size 4 --tick-size 0.01 --exchange-version 3 --json',
    ],
    details:
      'JSON: {"orderHash","signature","signedOrder":{...},"payload":{...}|null,"domain":{...},"exchange","version",\n' +
      '       "side","price","size","notional","orderType","expiration"}',
    handler: handler('order-sign', 'orderSign'),
  },
  {
    path: ['order', 'get'],
    summary: 'get one order by id',
    args: '<order-id>',
    positionals: 1,
    examples: ['clob order get 0x…'],
    details: 'JSON: the OpenOrder object',
    handler: handler('order-get', 'orderGet'),
  },
  // ---- cancel -----------------------------------------------------------------
  {
    path: ['cancel', 'order'],
    summary: 'cancel one or more orders by id',
    args: '<order-id>...',
    positionals: 1000,
    examples: ['clob cancel order 0xabc…', 'clob cancel 0xabc… 0xdef…'],
    details: 'JSON: {"canceled":[...],"not_canceled":{id: reason}}; exits 1 if any was not canceled',
    handler: handler('cancel', 'cancelOrders'),
  },
  {
    path: ['cancel', 'all'],
    summary: 'cancel every open order (asks on a TTY unless --yes)',
    examples: ['clob cancel all', 'clob cancel all --yes --json'],
    details: 'JSON: {"canceled":[...],"not_canceled":{...}}',
    handler: handler('cancel', 'cancelAll'),
  },
  {
    path: ['cancel', 'market'],
    summary: 'cancel orders of a market and/or asset (asks on a TTY unless --yes)',
    options: { market: s('condition id', 'CONDITION_ID'), token: TOKEN },
    examples: ['clob cancel market --market 0xabc…', 'clob cancel market --token 7132… --yes'],
    details: 'JSON: {"canceled":[...],"not_canceled":{...}}',
    handler: handler('cancel', 'cancelMarket'),
  },
  // ---- account ----------------------------------------------------------------
  {
    path: ['orders'],
    summary: 'open orders (paginated, --all)',
    options: {
      market: s('condition id', 'CONDITION_ID'),
      token: TOKEN,
      id: s('order id', 'ID'),
      cursor: CURSOR,
      all: ALL,
    },
    examples: ['clob orders', 'clob orders --market 0xabc… --all --json'],
    details: 'JSON: {"data":[OpenOrder...],"next_cursor"}',
    handler: handler('account', 'openOrders'),
  },
  {
    path: ['trades'],
    summary: 'trades (paginated, --all)',
    options: {
      market: s('condition id', 'CONDITION_ID'),
      token: TOKEN,
      id: s('trade id', 'ID'),
      maker: s('maker address', 'ADDRESS'),
      before: s('only trades before (unix s / ISO)', 'TIME'),
      after: s('only trades after (unix s / ISO)', 'TIME'),
      cursor: CURSOR,
      all: ALL,
    },
    examples: ['clob trades', 'clob trades --all --json'],
    details: 'JSON: {"data":[Trade...],"next_cursor"}',
    handler: handler('account', 'trades'),
  },
  {
    path: ['balance'],
    summary: 'balance and allowances (collateral, or a token with --token)',
    options: { token: TOKEN, refresh: b('ask the server to refresh its cached balance first') },
    examples: ['clob balance', 'clob balance --token 7132…', 'clob balance --refresh'],
    details: 'JSON: {"asset_type","token_id"?,"balance","allowances":{...}}',
    handler: handler('account', 'balance'),
  },
  {
    path: ['notifications', 'list'],
    summary: 'list notifications',
    examples: ['clob notifications list'],
    details: 'JSON: [Notification...]',
    handler: handler('account', 'notificationsList'),
  },
  {
    path: ['notifications', 'drop'],
    summary: 'drop notifications by id',
    args: '<id>...',
    positionals: 1000,
    examples: ['clob notifications drop 12 13'],
    details: 'JSON: {"dropped":[ids]}',
    handler: handler('account', 'notificationsDrop'),
  },
  {
    path: ['scoring'],
    summary: 'whether orders are scoring for rewards',
    args: '<order-id>...',
    positionals: 1000,
    examples: ['clob scoring 0xabc…'],
    details: 'JSON: {"<orderId>": true|false, ...}',
    handler: handler('account', 'scoring'),
  },
  {
    path: ['closed-only'],
    summary: 'whether the account is in closed-only mode',
    examples: ['clob closed-only'],
    details: 'JSON: {"closed_only": bool}',
    handler: handler('account', 'closedOnly'),
  },
  {
    path: ['rewards', 'earnings'],
    summary: 'your reward earnings for a day',
    options: { date: s('YYYY-MM-DD (default today, UTC)', 'DATE'), cursor: CURSOR, all: ALL },
    examples: ['clob rewards earnings --date 2025-01-31'],
    details: 'JSON: {"data":[UserEarning...],"next_cursor"}',
    handler: handler('account', 'rewardsEarnings'),
  },
  {
    path: ['rewards', 'total'],
    summary: 'your total reward earnings for a day',
    options: { date: s('YYYY-MM-DD (default today, UTC)', 'DATE') },
    examples: ['clob rewards total'],
    details: 'JSON: [TotalUserEarning...]',
    handler: handler('account', 'rewardsTotal'),
  },
  {
    path: ['rewards', 'percentages'],
    summary: 'your share of rewards per market',
    examples: ['clob rewards percentages'],
    details: 'JSON: {"<conditionId>": number}',
    handler: handler('account', 'rewardsPercentages'),
  },
  {
    path: ['rewards', 'markets'],
    summary: 'markets with active rewards (or one market)',
    args: '[<condition-id>]',
    positionals: 1,
    options: { cursor: CURSOR, all: ALL },
    examples: ['clob rewards markets', 'clob rewards markets 0xabc…'],
    details: 'JSON: {"data":[MarketReward...],"next_cursor"}',
    handler: handler('account', 'rewardsMarkets'),
  },
  // ---- watch (WebSocket streams) ---------------------------------------------------
  {
    path: ['watch', 'book'],
    summary: 'live order book of a token (redrawn in place on a terminal)',
    args: '<token-id>',
    positionals: 1,
    options: {
      depth: s('levels per side to show (default 5)', 'N'),
      ...STREAM,
    },
    examples: [
      'clob watch book 7132…',
      'clob watch book 7132… --depth 10',
      'clob watch book 7132… --json | jq .mid',
    ],
    details:
      'A terminal shows the best levels, spread, mid and last trade, redrawn on each change, and STALE while the local book resyncs; without a terminal, one line per change.\nJSON: one object per line (NDJSON): {"type":"book","token","state","stale","bestBid","bestAsk","spread","mid","lastTradePrice","bids","asks",...}, plus {"type":"state"|"book_stale"|"book_resynced"|"malformed"|"unknown",...}.\nCtrl-C exits 0.',
    handler: handler('watch', 'watchBook'),
  },
  {
    path: ['watch', 'orders'],
    summary: 'your order events as they happen (user channel)',
    options: USER_STREAM,
    examples: ['clob watch orders', 'clob watch orders --market 0xabc… --json'],
    details:
      'One line per PLACEMENT / UPDATE / CANCELLATION. JSON: NDJSON, the order event as the exchange sends it plus "time". Needs stored API credentials; the secret is never printed. Ctrl-C exits 0.',
    handler: handler('watch', 'watchOrders'),
  },
  {
    path: ['watch', 'trades'],
    summary: 'your fills and their status (MATCHED → MINED → CONFIRMED) as they happen',
    options: USER_STREAM,
    examples: ['clob watch trades', 'clob watch trades --json'],
    details:
      'One line per trade event (each status change of a fill is a line). JSON: NDJSON, the trade event as the exchange sends it plus "time". Ctrl-C exits 0.',
    handler: handler('watch', 'watchTrades'),
  },
  // ---- heartbeat, sim, doctor ----------------------------------------------------
  {
    path: ['heartbeat', 'run'],
    summary: 'send heartbeats until interrupted (resting orders survive)',
    options: {
      interval: s('time between beats (default 5s)', 'DURATION'),
      duration: s('stop after this long (default: until Ctrl-C)', 'DURATION'),
    },
    examples: ['clob heartbeat run', 'clob heartbeat run --interval 3s --duration 1h --json'],
    details:
      'JSON: one event per line (NDJSON): {"type":"beat"|"at-risk"|"lapsed"|"recovered"|"error"|"stopped",...}',
    handler: handler('heartbeat', 'heartbeatRun'),
  },
  {
    path: ['sim'],
    summary: 'run the local exchange simulator (clob-sim) in the foreground',
    options: {
      port: s('port (default 8080; 0 = ephemeral)', 'PORT'),
      bind: s('interface (default 127.0.0.1)', 'ADDR'),
      seed: s('seed file (JSON markets/books/accounts)', 'FILE', { file: true }),
      admin: b('enable /_sim admin endpoints (funding, clock)'),
      verbose: b('log every request on stderr'),
    },
    examples: ['clob sim', 'clob sim --port 0 --admin --json', 'clob sim --seed markets.json'],
    details:
      'JSON: {"url","port","admin"} on one line once listening; runs until Ctrl-C / SIGTERM.\n--seed FILE: a JSON SimSeed (markets, books, accounts); default: the built-in seed.',
    handler: handler('sim', 'simRun'),
  },
  {
    path: ['sim', 'fund'],
    summary: 'credit collateral/tokens on a clob-sim started with --admin',
    options: {
      address: s('address to fund (default: the configured key)', 'ADDRESS'),
      collateral: s('collateral to credit, e.g. 1000', 'AMOUNT'),
      tokens: s('token balance to credit, TOKEN_ID=AMOUNT (repeatable)', 'ID=AMOUNT', { multiple: true }),
    },
    examples: ['clob --host http://127.0.0.1:8080 sim fund --collateral 1000'],
    details: 'JSON: {"address","collateral","tokens":{...}} (balances after funding)',
    handler: handler('sim', 'simFund'),
  },
  {
    path: ['doctor'],
    summary: 'check profile, key, signature type, server, clock, credentials, heartbeat',
    examples: ['clob doctor', 'clob doctor --json'],
    details:
      'JSON: {"ok":bool,"checks":[{"name","status":"ok"|"warn"|"fail"|"skip","detail","fix"?}...]}; exits 1 if any check fails',
    handler: handler('doctor', 'doctor'),
  },
  // ---- wallet / profile / completion ---------------------------------------------
  {
    path: ['wallet', 'create'],
    summary: 'create a new key in an encrypted keystore',
    args: '[<name>]',
    positionals: 1,
    options: {
      'scrypt-n': s('scrypt cost N, a power of two (default 262144)', 'N'),
      force: b('overwrite an existing keystore'),
    },
    examples: ['clob wallet create trading', 'clob wallet create ci --password-file ./pw.txt'],
    details: 'JSON: {"name","address","path"}',
    handler: handler('wallet', 'walletCreate'),
  },
  {
    path: ['wallet', 'import'],
    summary: 'import a key (key file, CLOB_PRIVATE_KEY, prompt) or a keystore file',
    args: '[<name>]',
    positionals: 1,
    options: {
      from: s('existing v3 keystore to copy (e.g. ~/.foundry/keystores/x)', 'PATH', { file: true }),
      'scrypt-n': s('scrypt cost N, a power of two (default 262144)', 'N'),
      force: b('overwrite an existing keystore'),
    },
    examples: [
      'clob wallet import main --key-file ./key.hex',
      'clob wallet import dev --from ~/.foundry/keystores/dev',
    ],
    details: 'JSON: {"name","address","path"}',
    handler: handler('wallet', 'walletImport'),
  },
  {
    path: ['wallet', 'list'],
    summary: 'list keystores',
    examples: ['clob wallet list'],
    details: 'JSON: [{"name","address","path"}...]',
    handler: handler('wallet', 'walletList'),
  },
  {
    path: ['wallet', 'address'],
    summary: 'address of the configured key (or a named keystore)',
    args: '[<name>]',
    positionals: 1,
    examples: ['clob wallet address', 'clob wallet address trading'],
    details: 'JSON: {"address","source"}',
    handler: handler('wallet', 'walletAddress'),
  },
  {
    path: ['profile', 'list'],
    summary: 'list profiles',
    examples: ['clob profile list'],
    details: 'JSON: [{"name","host","chain","active"}...]',
    handler: handler('profile', 'profileList'),
  },
  {
    path: ['profile', 'show'],
    summary: 'show the active profile (secrets masked)',
    examples: ['clob profile show', 'clob --profile amoy profile show --json'],
    details: 'JSON: {"name","path","settings":{...},"credentials":{"apiKey","address"}|null}',
    handler: handler('profile', 'profileShow'),
  },
  {
    path: ['profile', 'set'],
    summary: 'set profile values from flags (--host, --chain, --signature-type, --funder, --keystore, ...)',
    options: {
      'builder-code': s('bytes32 builder code', 'HEX'),
      'exchange-version': s('default exchange version 1, 2 or 3', 'N', { values: ['1', '2', '3'] }),
      unset: s(
        'remove a setting (host, chain, signatureType, funder, keystore, keyFile, passwordFile, builderCode, exchangeVersion, credentials)',
        'KEY',
        {
          multiple: true,
        },
      ),
    },
    examples: [
      'clob profile set --host http://127.0.0.1:8080 --chain 137',
      'clob --profile safe profile set --signature-type safe --funder 0x…',
    ],
    details: 'JSON: the profile as `profile show` prints it',
    handler: handler('profile', 'profileSet'),
  },
  {
    path: ['profile', 'delete'],
    summary: 'delete a profile',
    args: '<name>',
    positionals: 1,
    examples: ['clob profile delete old --yes'],
    details: 'JSON: {"deleted":"<name>"}',
    handler: handler('profile', 'profileDelete'),
  },
  {
    path: ['completion'],
    summary: 'print a shell completion script (bash, zsh, fish)',
    args: '<bash|zsh|fish>',
    positionals: 1,
    examples: [
      'clob completion bash > /etc/bash_completion.d/clob',
      'clob completion zsh > ~/.zfunc/_clob   # with fpath+=(~/.zfunc)',
      'clob completion fish > ~/.config/fish/completions/clob.fish',
    ],
    handler: handler('misc', 'completion'),
  },
]

export function findCommand(path: readonly string[]): CommandSpec | undefined {
  return COMMANDS.find((c) => c.path.length === path.length && c.path.every((w, i) => w === path[i]))
}

export function isGroup(path: readonly string[]): boolean {
  return GROUPS.some((g) => g.path.length === path.length && g.path.every((w, i) => w === path[i]))
}

export function children(path: readonly string[]): string[] {
  const names = new Set<string>()
  for (const c of [...COMMANDS.map((x) => x.path), ...GROUPS.map((g) => g.path)]) {
    if (c.length > path.length && path.every((w, i) => c[i] === w)) names.add(c[path.length]!)
  }
  return [...names]
}
