/**
 * Support for the conformance corpus (vectors README, kinds `client_request` and
 * `post_payload`): run an official-client method name against a recording
 * transport and return exactly what would have gone on the wire. The corpus
 * records requests, not responses, so this is the one place an injected
 * transport answers with canned bodies.
 * @module
 */
import {
  type Address,
  type Hex,
  isClobError,
  type OrderType,
  type SignedOrder,
  Signer,
} from '@clobkit/eip712-order'
import { createClient } from './client.js'
import type { Transport, TransportRequest } from './transport.js'

/** A request as the transport saw it. `params` is the decoded query, in order. */
export interface RecordedRequest {
  readonly method: string
  /** Host and path, without the query. */
  readonly url: string
  /** With the serialised query (axios-compatible encoding). */
  readonly fullUrl: string
  readonly params?: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

const CANNED_KEY = {
  apiKey: '00000000-0000-4000-8000-000000000000',
  secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  passphrase: '0'.repeat(64),
}
const EMPTY_PAGE = { data: [], next_cursor: 'LTE=', limit: 0, count: 0 }

function canned(method: string, path: string): unknown {
  if (path === '/auth/api-key' && method === 'POST') return CANNED_KEY
  if (path === '/auth/derive-api-key') return CANNED_KEY
  if (path === '/data/orders' || path === '/data/trades' || path === '/data/pre-migration-orders')
    return EMPTY_PAGE
  if (path === '/auth/api-keys') return { apiKeys: [] }
  if (path === '/auth/ban-status/closed-only') return { closed_only: false }
  if (path === '/auth/readonly-api-key' && method === 'POST') return { apiKey: CANNED_KEY.apiKey }
  if (path === '/notifications' && method === 'GET') return []
  if (path === '/order-scoring') return { scoring: false }
  if (path === '/balance-allowance') return { balance: '0', allowances: {} }
  if (path === '/v1/heartbeats') return { heartbeat_id: '' }
  if (path === '/order' && method === 'POST') {
    return {
      success: true,
      errorMsg: '',
      orderID: `0x${'ab'.repeat(32)}`,
      status: 'live',
      tradeIDs: [],
      transactionsHashes: [],
    }
  }
  if (path === '/orders' && method === 'POST') return []
  if (method === 'DELETE') return { canceled: [], not_canceled: {} }
  return {}
}

/** A transport that records every request and answers with a canned body. */
export function recordingTransport(): { transport: Transport; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = []
  const transport: Transport = async (req: TransportRequest) => {
    const q = req.url.indexOf('?')
    const url = q === -1 ? req.url : req.url.slice(0, q)
    const entry: { -readonly [K in keyof RecordedRequest]: RecordedRequest[K] } = {
      method: req.method,
      url,
      fullUrl: req.url,
      headers: { ...req.headers },
    }
    if (q !== -1) {
      const params: Record<string, string> = {}
      for (const [k, v] of new URLSearchParams(req.url.slice(q + 1))) params[k] = v
      entry.params = params
    }
    if (req.body !== undefined) entry.body = req.body
    requests.push(entry)
    const path = url.replace(/^https?:\/\/[^/]+/, '')
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(canned(req.method, path)),
    }
  }
  return { transport, requests }
}

/** `input` of a corpus `client_request` case. */
export interface ClientRequestInput {
  readonly client: {
    readonly privateKey: Hex
    readonly chainId: number
    readonly creds: { readonly key: string; readonly secret: string; readonly passphrase: string }
    readonly signatureType?: number
    readonly funderAddress?: string
  }
  readonly method: string
  readonly args: readonly unknown[]
  readonly nowMs: number
}

type Rec = Record<string, unknown>

/** Official ClobClient method names this runner maps onto the resource API. */
export const CLIENT_REQUEST_METHODS = [
  'createApiKey',
  'deriveApiKey',
  'getApiKeys',
  'deleteApiKey',
  'getClosedOnlyMode',
  'getOrder',
  'cancelOrder',
  'cancelOrders',
  'cancelAll',
  'cancelMarketOrders',
  'getOpenOrders',
  'getTrades',
  'getBalanceAllowance',
  'updateBalanceAllowance',
  'postHeartbeat',
  'areOrdersScoring',
  'isOrderScoring',
  'getNotifications',
  'dropNotifications',
  'createReadonlyApiKey',
  'deleteReadonlyApiKey',
  'getReadonlyApiKeys',
  'getPreMigrationOrders',
  'getBuilderApiKeys',
  'createBuilderApiKey',
  'revokeBuilderApiKey',
] as const

/**
 * Run one corpus `client_request` case and return the requests the client sent.
 * Errors after a request was recorded (e.g. a canned body the schema refuses)
 * are ignored: the corpus compares requests only.
 */
export async function runClientRequest(input: ClientRequestInput): Promise<RecordedRequest[]> {
  const { transport, requests } = recordingTransport()
  const c = input.client
  const client = createClient({
    host: 'http://localhost:8080',
    chainId: c.chainId as 137,
    signer: Signer.fromPrivateKey(c.privateKey),
    credentials: c.creds,
    signatureType: (c.signatureType ?? 0) as 0,
    ...(c.funderAddress === undefined ? {} : { funder: c.funderAddress as Address }),
    transport,
    now: () => input.nowMs,
    retry: false,
  })
  const a = input.args
  const arg = (i: number) => a[i] as Rec | undefined
  const run = async (): Promise<unknown> => {
    switch (input.method) {
      case 'createApiKey':
        return client.keys.create(a[0] === undefined ? {} : { nonce: a[0] as number })
      case 'deriveApiKey':
        return client.keys.derive(a[0] === undefined ? {} : { nonce: a[0] as number })
      case 'getApiKeys':
        return client.keys.list()
      case 'deleteApiKey':
        return client.keys.remove()
      case 'getClosedOnlyMode':
        return client.account.closedOnly()
      case 'getOrder':
        return client.orders.get(a[0] as string)
      case 'cancelOrder':
        return client.cancels.one(arg(0)?.orderID as string)
      case 'cancelOrders':
        return client.cancels.many(a[0] as string[])
      case 'cancelAll':
        return client.cancels.all()
      case 'cancelMarketOrders':
        return client.cancels.market(arg(0) ?? {})
      case 'getOpenOrders':
        return client.orders.open(arg(0) ?? {}, a[2] === undefined ? {} : { cursor: a[2] as string }).first()
      case 'getTrades':
        return client.trades.list(arg(0) ?? {}, a[2] === undefined ? {} : { cursor: a[2] as string }).first()
      case 'getPreMigrationOrders':
        return client.orders.preMigration(a[1] === undefined ? {} : { cursor: a[1] as string }).first()
      case 'getBalanceAllowance':
        return client.account.balanceAllowance((arg(0) ?? { asset_type: 'COLLATERAL' }) as never)
      case 'updateBalanceAllowance':
        return client.account.refreshBalanceAllowance((arg(0) ?? { asset_type: 'COLLATERAL' }) as never)
      case 'postHeartbeat':
        return client.heartbeats.post((a[0] as string | undefined) ?? '')
      case 'areOrdersScoring':
        return client.orders.areScoring((arg(0)?.orderIds as string[]) ?? [])
      case 'isOrderScoring':
        return client.orders.isScoring(arg(0)?.order_id as string)
      case 'getNotifications':
        return client.account.notifications()
      case 'dropNotifications':
        return client.account.dropNotifications((arg(0)?.ids as string[]) ?? [])
      case 'createReadonlyApiKey':
        return client.keys.createReadonly()
      case 'getReadonlyApiKeys':
        return client.keys.listReadonly()
      case 'deleteReadonlyApiKey':
        return client.keys.removeReadonly(a[0] as string)
      case 'createBuilderApiKey':
        return client.keys.createBuilder()
      case 'getBuilderApiKeys':
        return client.keys.listBuilder()
      case 'revokeBuilderApiKey':
        return client.keys.revokeBuilder()
      default:
        throw new Error(`conformance: unmapped client method ${input.method}`)
    }
  }
  try {
    await run()
  } catch (error) {
    if (!isClobError(error) || requests.length === 0) throw error
  }
  return requests
}

/** `input` of a corpus `post_payload` case. */
export interface PostPayloadInput {
  readonly endpoint: '/order' | '/orders'
  readonly privateKey: Hex
  readonly creds: { readonly key: string; readonly secret: string; readonly passphrase: string }
  readonly nowMs: number
  readonly order?: SignedOrder
  readonly orderType?: OrderType
  readonly args?: readonly { readonly order: SignedOrder; readonly orderType: OrderType }[]
  readonly postOnly?: boolean
  readonly deferExec?: boolean
}

/** Run one corpus `post_payload` case; returns the request, or throws the local error (post-only FOK/FAK). */
export async function runPostPayload(input: PostPayloadInput): Promise<RecordedRequest> {
  const { transport, requests } = recordingTransport()
  const client = createClient({
    host: 'http://localhost:8080',
    chainId: 137,
    signer: Signer.fromPrivateKey(input.privateKey),
    credentials: input.creds,
    transport,
    now: () => input.nowMs,
  })
  const flags = {
    ...(input.postOnly === undefined ? {} : { postOnly: input.postOnly }),
    ...(input.deferExec === undefined ? {} : { deferExec: input.deferExec }),
  }
  if (input.endpoint === '/order') {
    await client.orders.post(input.order as SignedOrder, {
      ...flags,
      ...(input.orderType === undefined ? {} : { orderType: input.orderType }),
    })
  } else {
    await client.orders.postMany(input.args ?? [], flags)
  }
  const recorded = requests[0]
  if (recorded === undefined) throw new Error('conformance: no request was sent')
  return recorded
}
