/**
 * Builder attribution (PROTOCOL.md §3.9, §5.1): a builder's trades and fee rates.
 * Builder API keys live in `keys.ts`.
 * @module
 */
import { type Hex, InvalidParameterError } from '@clobkit/eip712-order'
import type { ClientContext } from './context.js'
import * as Info from './market-info.js'
import { type Pager, type PagerOptions, paginate } from './pagination.js'
import * as S from './schemas.js'
import { type CallOptions, request } from './transport.js'

/** Filters of `GET /builder/trades`; `builder_code` is required and non-zero. */
export interface BuilderTradeParams {
  readonly builder_code: Hex
  readonly id?: string | undefined
  readonly maker_address?: string | undefined
  readonly market?: string | undefined
  readonly asset_id?: string | undefined
  readonly before?: number | string | undefined
  readonly after?: number | string | undefined
}

const ZERO = /^0x0{64}$/i

/** `GET /builder/trades` (public in TSv2), paginated. */
export function trades(
  ctx: ClientContext,
  params: BuilderTradeParams,
  options: PagerOptions & CallOptions = {},
): Pager<S.BuilderTrade> {
  const code: unknown = params?.builder_code
  if (typeof code !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(code) || ZERO.test(code)) {
    throw new InvalidParameterError(
      'INVALID_BUILDER_CODE',
      'builder_code',
      'builderCode is required and cannot be zero',
    )
  }
  return paginate(
    (cursor, signal) =>
      request(
        ctx,
        {
          method: 'GET',
          path: '/builder/trades',
          query: {
            builder_code: params.builder_code,
            id: params.id,
            maker_address: params.maker_address,
            market: params.market,
            asset_id: params.asset_id,
            before: params.before,
            after: params.after,
            next_cursor: cursor,
          },
          signal,
          timeouts: options.timeouts,
          retry: options.retry,
        },
        S.BuilderTradesPage,
      ),
    options,
  )
}

/** `GET /fees/builder-fees/{code}`: the builder's maker/taker fee rates as fractions (cached). */
export function fees(
  ctx: ClientContext,
  builderCode: Hex,
  options: CallOptions = {},
): Promise<Info.BuilderFeeRates> {
  return Info.builderFees(ctx, builderCode, options)
}
