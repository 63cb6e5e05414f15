/**
 * Builder attribution (PROTOCOL.md §3.9, §5.1): a builder's trades and fee rates.
 * Builder API keys live in `keys.ts`.
 * @module
 */
import { type Hex, InvalidParameterError } from '@clobkit/eip712-order'
import type { ClientContext } from './context.js'
import * as Info from './market-info.js'
import { getPager, type Pager, type PagerOptions } from './pagination.js'
import * as S from './schemas.js'
import type { CallOptions } from './transport.js'

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
  const { builder_code, id, maker_address, market, asset_id, before, after } = params
  const query = { builder_code, id, maker_address, market, asset_id, before, after }
  return getPager(ctx, '/builder/trades', query, 'none', S.BuilderTradesPage, options)
}

/** `GET /fees/builder-fees/{code}`: the builder's maker/taker fee rates as fractions (cached). */
export function fees(
  ctx: ClientContext,
  builderCode: Hex,
  options: CallOptions = {},
): Promise<Info.BuilderFeeRates> {
  return Info.builderFees(ctx, builderCode, options)
}
