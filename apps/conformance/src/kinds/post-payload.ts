import { Order, type SignedOrder } from '@clobkit/eip712-order'
import { Headers } from '@clobkit/l2-auth'
import type { Case } from '../corpus.js'
import { diff, fail, type Outcome, pass } from '../outcome.js'
import { expectThrow } from './auth.js'

interface Arg {
  readonly order: SignedOrder
  readonly orderType?: 'GTC' | 'GTD' | 'FOK' | 'FAK'
}

/** Only the authentication headers are compared; transport headers (User-Agent, …) are not. */
export function polyHeaders(headers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(headers)) if (k.startsWith('POLY_')) out[k] = v
  return out
}

/** `post_payload`: the exact body string and POLY_* headers of POST /order and POST /orders (§5.4). */
export function postPayload(c: Case): Outcome {
  const { endpoint, signerAddress, creds, nowMs, postOnly, deferExec } = c.input
  const flags = {
    ...(postOnly === undefined ? {} : { postOnly }),
    ...(deferExec === undefined ? {} : { deferExec }),
  }
  try {
    const wire = (a: Arg) =>
      Order.toWire(a.order, {
        owner: creds.key,
        ...(a.orderType === undefined ? {} : { orderType: a.orderType }),
        ...flags,
      })
    const body =
      endpoint === '/order'
        ? JSON.stringify(wire({ order: c.input.order, orderType: c.input.orderType }))
        : JSON.stringify((c.input.args as Arg[]).map(wire))
    const headers = Headers.l2({
      address: signerAddress,
      credentials: creds,
      method: 'POST',
      path: endpoint,
      body,
      timestamp: Math.floor(nowMs / 1000),
    })
    if (c.expected.error !== undefined) return fail(`built a request; expected error "${c.expected.error}"`)
    if (body !== c.expected.request.body)
      return fail(diff(JSON.parse(body), JSON.parse(c.expected.request.body)) ?? 'body differs')
    const d = diff(headers, polyHeaders(c.expected.request.headers))
    return d ? fail(d) : pass
  } catch (e) {
    return expectThrow(c, e)
  }
}
