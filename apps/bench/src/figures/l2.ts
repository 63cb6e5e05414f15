import { Credentials, Headers, Hmac } from '@clobkit/l2-auth'
import * as Portable from '@clobkit/l2-auth/hmac-portable'
import { officialL2 } from '../official.js'
import { type Figure, figure } from '../results.js'
import { microsPerCall, nowNs } from '../stats.js'
import { CREDS } from '../stub-server.js'

const ADDRESS = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const BODY = JSON.stringify({
  deferExec: false,
  postOnly: false,
  order: {
    salt: 479249096354,
    maker: ADDRESS,
    signer: ADDRESS,
    tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
    makerAmount: '5000000',
    takerAmount: '10000000',
    side: 'BUY',
    signatureType: 0,
    timestamp: '1700000000000',
    expiration: '0',
    metadata: `0x${'0'.repeat(64)}`,
    builder: `0x${'0'.repeat(64)}`,
    signature: `0x${'ab'.repeat(65)}`,
  },
  owner: CREDS.key,
  orderType: 'GTC',
})

/** L2 header set per request: Node fast path, portable path, and the official client. */
export async function l2(iterations = 50_000): Promise<Figure[]> {
  const credentials = Credentials.from(CREDS)
  let ts = 1_700_000_000
  const node = microsPerCall(
    () =>
      Headers.l2({
        address: ADDRESS,
        credentials,
        method: 'POST',
        path: '/order',
        body: BODY,
        timestamp: ts++,
      }),
    iterations,
  )
  const get = microsPerCall(
    () => Headers.l2({ address: ADDRESS, credentials, method: 'GET', path: '/data/orders', timestamp: ts++ }),
    iterations,
  )
  // The portable (noble) backend, as browsers and edge runtimes get it: keyed once, then message + HMAC.
  const portableHmac = Portable.keyed(Hmac.decodeSecret(CREDS.secret))
  const portable = microsPerCall(
    () => portableHmac(Hmac.message({ timestamp: ts++, method: 'POST', path: '/order', body: BODY })),
    iterations / 5,
  )
  for (let i = 0; i < 200; i++) await officialL2(ts++, BODY)
  const n = 2000
  const t0 = nowNs()
  for (let i = 0; i < n; i++) await officialL2(ts++, BODY)
  const official = Number(nowNs() - t0) / 1e3 / n
  return [
    figure({
      name: 'L2 headers, POST /order body (Node)',
      unit: 'µs/req',
      ours: node,
      official,
      target: '≤ 2 µs',
      ok: node <= 2,
    }),
    figure({ name: 'L2 headers, GET (Node)', unit: 'µs/req', ours: get, target: '≤ 2 µs', ok: get <= 2 }),
    figure({
      name: 'L2 HMAC, POST /order body (portable, noble)',
      unit: 'µs/req',
      ours: portable,
      official,
      target: '≤ 12 µs',
      ok: portable <= 12,
    }),
  ]
}
