import type { KindHandler } from '../runner.js'
import { l1, l2 } from './auth.js'
import { clientRequest } from './client-request.js'
import { marketPrice } from './market-price.js'
import { orders } from './orders.js'
import { postPayload } from './post-payload.js'

/** Every kind the runner knows, in corpus order. */
export const handlers: Readonly<Record<string, KindHandler>> = {
  l1,
  l2,
  order_limit: orders,
  order_market: orders,
  market_price: marketPrice,
  post_payload: postPayload,
  order_v3_amounts: orders,
  client_request: clientRequest,
}
