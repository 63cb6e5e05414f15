import { Signer } from '@clobkit/eip712-order'
import type { Reply, Seen } from './server.js'

export const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
export const signer = Signer.fromPrivateKey(PK)
export const creds = {
  key: '11111111-2222-4333-8444-555555555555',
  secret: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=',
  passphrase: 'f00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeedf00dfeed',
}
export const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563'
export const CONDITION = `0x${'c1'.repeat(32)}`

export interface FakeState {
  tick: number
  negRisk: boolean
  version: number
  feeRate: number
  posts: Seen[]
  onPost?: (req: Seen, n: number) => Reply | undefined
}

export function fakeState(): FakeState {
  return { tick: 0.01, negRisk: false, version: 2, feeRate: 0, posts: [] }
}

const hash = (i: number) => `0x${i.toString(16).padStart(64, '0')}`

/** A handler that plays a minimal exchange for the order flows. */
export function fakeExchange(state: FakeState) {
  let posted = 0
  return (req: Seen, n: number): Reply => {
    switch (`${req.method} ${req.path}`) {
      case 'GET /tick-size':
        return { body: { minimum_tick_size: state.tick } }
      case 'GET /neg-risk':
        return { body: { neg_risk: state.negRisk } }
      case 'GET /version':
        return { body: { version: state.version } }
      case 'GET /fee-rate':
        return { body: { base_fee: state.feeRate } }
      case 'GET /time':
        return { body: Math.floor(Date.now() / 1000) }
      case `GET /markets-by-token/${TOKEN}`:
        return { body: { condition_id: CONDITION } }
      case `GET /clob-markets/${CONDITION}`:
        return {
          body: { c: CONDITION, t: [{ t: TOKEN, o: 'Yes' }, null], mts: state.tick, nr: state.negRisk },
        }
      case 'GET /book':
        return {
          body: {
            market: CONDITION,
            asset_id: TOKEN,
            timestamp: '1700000000000',
            bids: [
              { price: '0.4', size: '100' },
              { price: '0.45', size: '100' },
            ],
            asks: [
              { price: '0.6', size: '100' },
              { price: '0.55', size: '100' },
            ],
            min_order_size: '5',
            tick_size: String(state.tick),
            neg_risk: state.negRisk,
            last_trade_price: '0.5',
            hash: '',
          },
        }
      case 'POST /order':
      case 'POST /orders': {
        state.posts.push(req)
        const custom = state.onPost?.(req, n)
        if (custom) return custom
        const bodies = req.path === '/order' ? [JSON.parse(req.body)] : (JSON.parse(req.body) as unknown[])
        const responses = bodies.map(() => ({
          success: true,
          errorMsg: '',
          orderID: hash(++posted),
          status: 'live',
          makingAmount: '',
          takingAmount: '',
          transactionsHashes: [],
          tradeIDs: [],
        }))
        return { body: req.path === '/order' ? responses[0] : responses }
      }
      default:
        return { status: 404, body: { error: `no route ${req.method} ${req.path}` } }
    }
  }
}
