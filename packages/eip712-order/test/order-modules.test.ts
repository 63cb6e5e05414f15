import * as Root from '@clobkit/eip712-order'
import type {
  BuiltOrder,
  CommonParams,
  FeeOptions,
  FromAmountsParams,
  IntegerInput,
  LimitParams,
  MarketParams,
  NewOrder,
  ParsedWire,
  VerifyFailure,
  VerifyResult,
  WireOptions,
  WireOrderV1,
  WireOrderV2,
} from '@clobkit/eip712-order/order'
import * as Order from '@clobkit/eip712-order/order'
import { describe, expect, it } from 'vitest'

// The `./order` subpath is one namespace over the order-* modules: its surface is fixed.
describe('Order (./order subpath)', () => {
  it('exports exactly the order functions, and they are the root namespace', () => {
    expect(Object.keys(Order).sort()).toEqual([
      'fromAmounts',
      'fromWire',
      'hash',
      'limit',
      'market',
      'recover',
      'resolveFeeRateBps',
      'sign',
      'toWire',
      'typedData',
      'verify',
      'version',
    ])
    expect(Root.Order).toBe(Order)
  })

  it('exports the order types (tsc checks the names; the values flow through them)', () => {
    const fees: FeeOptions = { rate: 0 }
    const expiration: IntegerInput = 0
    const common: CommonParams = {
      chainId: 137,
      version: 2,
      tickSize: '0.01',
      tokenId: '1234',
      side: 'BUY',
      signer: '0x0000000000000000000000000000000000000001',
      salt: 1,
      timestamp: 1,
      fees,
    }
    const limit: LimitParams = { ...common, price: '0.5', size: '10', expiration }
    const market: MarketParams = { ...common, price: '0.5', amount: '5' }
    const exact: FromAmountsParams = { ...common, makerAmount: '5000000', takerAmount: '10000000' }
    const built: BuiltOrder[] = [Order.limit(limit), Order.market(market), Order.fromAmounts(exact)]
    expect(built.map((b) => b.order.makerAmount)).toEqual(['5000000', '5000000', '5000000'])
    const options: WireOptions = { owner: 'key' }
    const signed = { ...built[0]!.order, signature: `0x${'11'.repeat(65)}` } as Parameters<
      typeof Order.toWire
    >[0]
    const wire: NewOrder<WireOrderV1 | WireOrderV2> = Order.toWire(signed, options)
    const parsed: ParsedWire = Order.fromWire(JSON.stringify(wire))
    expect(parsed.order).toEqual(signed)
    const result: VerifyResult = Order.verify(signed, built[0]!.domain)
    const reason: VerifyFailure | undefined = result.ok ? undefined : result.reason
    expect(reason).toBe('INVALID_SIGNATURE')
  })
})
