/**
 * `order sign`: sign an order and print it without sending; `--offline` uses no
 * network at all (`--tick-size` required).
 * @module
 */
import type { CreatedOrder } from '@clobkit/clob-rest'
import { bool, parseAddress, str } from '../../args.js'
import type { Context } from '../../context.js'
import { UsageError } from '../../errors.js'
import { checkSignatureSetup, signer as loadSigner } from '../../signing.js'
import { describe, printDescribed } from './describe.js'
import {
  asUsage,
  checkOnTick,
  createOptions,
  effectiveTick,
  limitInput,
  limitParams,
  orderClient,
} from './input.js'

export async function orderSign(ctx: Context): Promise<number> {
  const input = limitInput(ctx, ['GTC', 'GTD', 'FOK', 'FAK'])
  const offline = bool(ctx.values, 'offline')
  const ownerFlag = str(ctx.values, 'owner')
  const owner = ownerFlag ?? ctx.profile.credentials?.key
  let created: CreatedOrder
  if (offline) {
    if (input.tickSize === undefined) {
      throw new UsageError(
        'MISSING_OPTION',
        '--tick-size',
        '--offline needs --tick-size (the market tick cannot be fetched)',
      )
    }
    checkOnTick(input.price, input.tickSize)
    const version = input.version ?? 2
    const s = await loadSigner(ctx)
    checkSignatureSetup(ctx, s.address, version)
    const { Order } = await import('../../order-lib.js')
    const { signatureTypeNumber } = await import('../../args.js')
    const built = await asUsage(() =>
      Order.limit({
        chainId: ctx.settings.chain,
        version,
        negRisk: input.negRisk ?? false,
        tickSize: input.tickSize!,
        tokenId: input.tokenId,
        side: input.side,
        price: input.price,
        size: input.size,
        signer: s.address,
        ...(ctx.settings.funder === undefined
          ? {}
          : { maker: parseAddress(ctx.settings.funder, '--funder') }),
        signatureType: signatureTypeNumber(ctx.settings.signatureType),
        ...(input.salt === undefined ? {} : { salt: input.salt }),
        ...(input.timestamp === undefined ? {} : { timestamp: input.timestamp }),
        ...(input.expiry === undefined ? {} : { expiration: input.expiry.expiration }),
        ...(input.metadata === undefined ? {} : { metadata: input.metadata }),
        ...(input.builderCode === undefined ? {} : { builder: input.builderCode }),
        ...(input.nonce === undefined ? {} : { nonce: input.nonce }),
        ...(input.taker === undefined ? {} : { taker: input.taker }),
        ...(input.feeRateBps === undefined ? {} : { feeRateBps: input.feeRateBps }),
      }),
    )
    const signed = await asUsage(() => Order.sign(built, s))
    const orderId = Order.hash(built.order, built.domain)
    created = {
      order: signed,
      orderId,
      hash: orderId,
      domain: built.domain,
      version,
      tokenId: input.tokenId,
    }
    if (!ctx.out.json && ctx.settings.exchangeVersion === undefined) {
      ctx.out.note('exchange version 2 assumed offline; pass --exchange-version to choose')
    }
  } else {
    const client = await orderClient(ctx, input, { credentials: false })
    checkOnTick(input.price, await effectiveTick(ctx, client, input.tokenId, input.tickSize))
    created = await asUsage(() => client.orders.create(limitParams(input), createOptions(input)))
  }
  const d = await describe(created, input.orderType, input.postOnly, owner)
  if (ctx.out.json) ctx.out.data(d)
  else {
    printDescribed(ctx, d)
    if (d.payload === null)
      ctx.out.note('no API key known: payload omitted (pass --owner or run `clob keys create-or-derive`)')
  }
  return 0
}
