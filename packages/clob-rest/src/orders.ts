/**
 * Orders (PROTOCOL.md §2.9, §3.8, §5.3, §5.4): create limit, market and
 * from-amount orders with the market facts resolved automatically; post one or a
 * batch (chunked by 15); create-and-post with the version-mismatch re-sign; read
 * one, open, pre-migration; scoring.
 *
 * Order POSTs are never retried. A POST whose outcome is unknown (timeout or
 * connection loss after sending, a 5xx, an unreadable 2xx) throws
 * `OrderOutcomeUnknownError` with the locally computed order hashes; pass it to
 * `reconcile`.
 *
 * This module is the `Orders` namespace; each concept lives in its own module:
 * `orders-create` (create, createMarket, createFromAmounts, gtdExpiration),
 * `orders-post` (post, postMany, createAndPost, createAndPostMarket, body) and
 * `orders-query` (get, open, preMigration, isScoring, areScoring).
 * @module
 */
export {
  type AmountsOrderParams,
  type CommonOrderParams,
  type CreatedOrder,
  type CreateOptions,
  create,
  createFromAmounts,
  createMarket,
  GTD_SECURITY_THRESHOLD_SECONDS,
  gtdExpiration,
  type LimitOrderParams,
  type MarketOrderParams,
} from './orders-create.js'
export {
  type BatchEntry,
  type BatchItem,
  body,
  checkPostOptions,
  createAndPost,
  createAndPostMarket,
  MAX_BATCH,
  type Postable,
  type PostedOrder,
  type PostOptions,
  post,
  postMany,
} from './orders-post.js'
export { areScoring, get, isScoring, type OpenOrderParams, open, preMigration } from './orders-query.js'
