import {
  Exchange,
  Hex,
  isClobError,
  Order,
  Poly1271,
  type SignedOrder,
  Signer,
  TypedData,
  type UnsignedOrder,
} from '@clobkit/eip712-order'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const WALLET = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const limitBase = {
  chainId: 137,
  version: 2,
  negRisk: false,
  tickSize: '0.01',
  tokenId: '1234',
  side: 'BUY',
  price: 0.5,
  size: 10,
  signer: WALLET,
  salt: '1',
  timestamp: 1,
} as const

type Params = Parameters<typeof Order.limit>[0]
const limit = (over: Record<string, unknown>) => () =>
  Order.limit({ ...limitBase, ...over } as unknown as Params)

describe('Order.limit / Order.market rejects every bad parameter with a typed error naming it', () => {
  it.each([
    ['chainId 1', { chainId: 1 }, 'UNSUPPORTED_CHAIN', 'chainId'],
    ['chainId "137"', { chainId: '137' }, 'UNSUPPORTED_CHAIN', 'chainId'],
    ['version 4', { version: 4 }, 'UNSUPPORTED_VERSION', 'version'],
    ['version "2"', { version: '2' }, 'UNSUPPORTED_VERSION', 'version'],
    ['negRisk "no"', { negRisk: 'no' }, 'INVALID_ORDER', 'negRisk'],
    ['tickSize 0.02', { tickSize: '0.02' }, 'INVALID_TICK_SIZE', 'tickSize'],
    ['tokenId hex', { tokenId: '0xabc123' }, 'INVALID_ORDER', 'tokenId'],
    ['tokenId negative', { tokenId: '-1' }, 'INVALID_ORDER', 'tokenId'],
    ['tokenId > uint256', { tokenId: (2n ** 256n).toString() }, 'INVALID_ORDER', 'tokenId'],
    ['tokenId number', { tokenId: 1.5 }, 'INVALID_ORDER', 'tokenId'],
    ['side buy', { side: 'buy' }, 'INVALID_SIDE', 'side'],
    ['side 0', { side: 0 }, 'INVALID_SIDE', 'side'],
    ['price 0', { price: 0 }, 'INVALID_PRICE', 'price'],
    ['price 1', { price: 1 }, 'INVALID_PRICE', 'price'],
    ['price NaN', { price: Number.NaN }, 'INVALID_PRICE', 'price'],
    ['price "abc"', { price: 'abc' }, 'INVALID_PRICE', 'price'],
    ['size -1', { size: -1 }, 'INVALID_AMOUNT', 'size'],
    ['size Infinity', { size: Number.POSITIVE_INFINITY }, 'INVALID_AMOUNT', 'size'],
    ['size 0.001 (D1)', { size: 0.001 }, 'ZERO_AMOUNT', 'size'],
    ['signer junk', { signer: '0x12' }, 'INVALID_ADDRESS', 'signer'],
    [
      'signer bad checksum',
      { signer: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' },
      'INVALID_ADDRESS',
      'signer',
    ],
    ['maker junk', { maker: 'alice' }, 'INVALID_ADDRESS', 'maker'],
    ['signatureType 4', { signatureType: 4 }, 'UNSUPPORTED_SIGNATURE_TYPE', 'signatureType'],
    ['signatureType "0"', { signatureType: '0' }, 'UNSUPPORTED_SIGNATURE_TYPE', 'signatureType'],
    ['salt negative', { salt: -1 }, 'INVALID_ORDER', 'salt'],
    ['salt float', { salt: 1.5 }, 'INVALID_ORDER', 'salt'],
    ['salt "1e3"', { salt: '1e3' }, 'INVALID_ORDER', 'salt'],
    ['timestamp float', { timestamp: 1.5 }, 'INVALID_ORDER', 'timestamp'],
    ['timestamp unsafe', { timestamp: 2 ** 60 }, 'INVALID_ORDER', 'timestamp'],
    ['metadata short', { metadata: '0x00' }, 'INVALID_HEX', 'metadata'],
    ['builder non-hex', { builder: `0x${'zz'.repeat(32)}` }, 'INVALID_HEX', 'builder'],
    ['expiration negative', { expiration: -5 }, 'INVALID_ORDER', 'expiration'],
    ['expiration "soon"', { expiration: 'soon' }, 'INVALID_ORDER', 'expiration'],
    ['nonce on V2', { nonce: 1 }, 'INVALID_ORDER', 'nonce'],
    ['feeRateBps on V3', { version: 3, feeRateBps: 0 }, 'INVALID_ORDER', 'feeRateBps'],
    ['taker on V2', { taker: WALLET }, 'INVALID_ORDER', 'taker'],
    ['V1 taker junk', { version: 1, taker: '0x1' }, 'INVALID_ADDRESS', 'taker'],
    ['V1 nonce negative', { version: 1, nonce: -1 }, 'INVALID_ORDER', 'nonce'],
    ['V1 feeRateBps float', { version: 1, feeRateBps: 0.5 }, 'INVALID_FEE_RATE', 'feeRateBps'],
    ['V1 metadata', { version: 1, metadata: `0x${'11'.repeat(32)}` }, 'INVALID_ORDER', 'metadata'],
    ['V1 POLY_1271', { version: 1, signatureType: 3 }, 'UNSUPPORTED_SIGNATURE_TYPE', 'signatureType'],
    ['V1 builder junk', { version: 1, builder: '0x1' }, 'INVALID_HEX', 'builder'],
    ['V1 timestamp junk', { version: 1, timestamp: -1 }, 'INVALID_ORDER', 'timestamp'],
    ['userUSDCBalance -1', { userUSDCBalance: -1 }, 'INVALID_AMOUNT', 'userUSDCBalance'],
    ['fees slippage 0.5', { fees: { slippage: 0.5 } }, 'INVALID_FEE_SLIPPAGE', 'fees.slippage'],
    ['fees rate -1', { userUSDCBalance: 5, fees: { rate: -1 } }, 'INVALID_FEE_RATE', 'fees.rate'],
    ['fees not an object', { fees: 5 }, 'INVALID_FEE_RATE', 'fees'],
  ])('%s', (_name, over, code, param) => {
    expect(limit(over)).toThrow(expect.objectContaining({ code, param }))
  })
  it('rejects a params value that is not an object', () => {
    for (const p of [null, undefined, 5, 'x']) {
      expect(() => Order.limit(p as unknown as Params)).toThrow(
        expect.objectContaining({ code: 'INVALID_ORDER', param: 'params' }),
      )
      expect(() => Order.market(p as unknown as Parameters<typeof Order.market>[0])).toThrow(
        expect.objectContaining({ param: 'params' }),
      )
      expect(() => Order.fromAmounts(p as unknown as Parameters<typeof Order.fromAmounts>[0])).toThrow(
        expect.objectContaining({ param: 'params' }),
      )
    }
  })
  it('market: amount, price and off-tick checks', () => {
    const m = (over: Record<string, unknown>) => () =>
      Order.market({ ...limitBase, amount: 10, ...over } as unknown as Parameters<typeof Order.market>[0])
    expect(m({ amount: -1 })).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', param: 'amount' }))
    expect(m({ amount: 0 })).toThrow(expect.objectContaining({ code: 'ZERO_AMOUNT', param: 'amount' }))
    expect(m({ price: 1.5 })).toThrow(expect.objectContaining({ code: 'INVALID_PRICE', param: 'price' }))
    expect(m({ tickSize: '0.005', price: 0.503 })).toThrow(
      expect.objectContaining({ code: 'PRICE_NOT_ON_TICK', param: 'price' }),
    )
  })
  it('fromAmounts: tokenId, side, addresses, signature type', () => {
    const f = (over: Record<string, unknown>) => () =>
      Order.fromAmounts({
        chainId: 137,
        tokenId: '1',
        side: 'BUY',
        makerAmount: '1',
        takerAmount: '1',
        signer: WALLET,
        ...over,
      } as unknown as Parameters<typeof Order.fromAmounts>[0])
    expect(f({ tokenId: 'x' })).toThrow(expect.objectContaining({ param: 'tokenId' }))
    expect(f({ side: 'HOLD' })).toThrow(expect.objectContaining({ code: 'INVALID_SIDE' }))
    expect(f({ maker: '0x0' })).toThrow(expect.objectContaining({ param: 'maker' }))
    expect(f({ signatureType: 9 })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_TYPE' }))
    expect(f({ chainId: 5 })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_CHAIN' }))
    expect(f({ takerAmount: 5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_AMOUNT', param: 'takerAmount' }),
    )
  })
})

const order: UnsignedOrder = {
  salt: '1',
  maker: WALLET,
  signer: WALLET,
  tokenId: '1',
  makerAmount: '1',
  takerAmount: '1',
  side: 'BUY',
  signatureType: 0,
  metadata: Hex.ZERO_BYTES32,
  builder: Hex.ZERO_BYTES32,
  timestamp: '1',
  expiration: '0',
}
const domain = Exchange.domain({ chainId: 137, version: 2 })

describe('Order.hash / typedData / sign / toWire validate hand-made orders field by field', () => {
  it.each([
    ['salt', 1, 'INVALID_ORDER'],
    ['salt', '0x1', 'INVALID_ORDER'],
    ['maker', '0x1', 'INVALID_ADDRESS'],
    ['signer', undefined, 'INVALID_ADDRESS'],
    ['tokenId', '', 'INVALID_ORDER'],
    ['makerAmount', '-1', 'INVALID_AMOUNT'],
    ['takerAmount', 5n, 'INVALID_AMOUNT'],
    ['side', 'sell', 'INVALID_SIDE'],
    ['signatureType', 7, 'UNSUPPORTED_SIGNATURE_TYPE'],
    ['metadata', '0x', 'INVALID_HEX'],
    ['builder', 12, 'INVALID_HEX'],
    ['expiration', '1.5', 'INVALID_ORDER'],
  ])('%s = %s', (field, value, code) => {
    const bad = { ...order, [field]: value } as unknown as UnsignedOrder
    expect(() => Order.hash(bad, domain)).toThrow(expect.objectContaining({ code, param: field }))
    expect(() => Order.typedData(bad, domain)).toThrow(expect.objectContaining({ code, param: field }))
    expect(() =>
      Order.toWire({ ...bad, signature: `0x${'11'.repeat(65)}` } as SignedOrder, { owner: 'k' }),
    ).toThrow(expect.objectContaining({ code }))
  })
  it('V1 fields', () => {
    const v1 = {
      salt: '1',
      maker: WALLET,
      signer: WALLET,
      taker: WALLET,
      tokenId: '1',
      makerAmount: '1',
      takerAmount: '1',
      expiration: '0',
      nonce: '0',
      feeRateBps: '0',
      side: 'BUY',
      signatureType: 0,
    } as const
    const d1 = Exchange.domain({ chainId: 137, version: 1 })
    expect(() => Order.hash({ ...v1, taker: '0x' } as unknown as UnsignedOrder, d1)).toThrow(
      expect.objectContaining({ param: 'taker' }),
    )
    expect(() => Order.hash({ ...v1, nonce: 1 } as unknown as UnsignedOrder, d1)).toThrow(
      expect.objectContaining({ param: 'nonce' }),
    )
    expect(() => Order.hash({ ...v1, feeRateBps: 'x' } as unknown as UnsignedOrder, d1)).toThrow(
      expect.objectContaining({ code: 'INVALID_FEE_RATE' }),
    )
    expect(() => Order.hash({ ...v1, signatureType: 3 }, d1)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_TYPE' }),
    )
  })
  it('domains', () => {
    const bad = (d: Record<string, unknown>) => () => Order.hash(order, { ...domain, ...d } as never)
    expect(bad({ name: 'Other' })).toThrow(expect.objectContaining({ param: 'domain.name' }))
    expect(bad({ version: '4' })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }))
    expect(bad({ chainId: '137' })).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_CHAIN' }))
    expect(bad({ verifyingContract: '0x00' })).toThrow(expect.objectContaining({ code: 'INVALID_ADDRESS' }))
    expect(() => Order.hash(order, null as never)).toThrow(expect.objectContaining({ param: 'domain' }))
  })
  it('sign: bad built value or signer', async () => {
    const s = Signer.fromPrivateKey(`0x${'0'.repeat(63)}7`)
    await expect(Order.sign(null as never, s)).rejects.toMatchObject({ code: 'INVALID_ORDER' })
    await expect(Order.sign({ order, domain }, {} as never)).rejects.toMatchObject({
      code: 'SIGNER_MISMATCH',
    })
    await expect(Order.sign({ order: { ...order, salt: 'x' } as never, domain }, s)).rejects.toMatchObject({
      param: 'salt',
    })
  })
})

describe('fuzz: hostile input only ever produces typed errors (or ok:false)', () => {
  const hostile = fc.anything({
    withBigInt: true,
    withNullPrototype: true,
    withObjectString: true,
    maxDepth: 3,
  })
  it('Order.fromWire, Order.verify, Order.limit, Poly1271.parse, TypedData.hashTypedData', () => {
    fc.assert(
      fc.property(hostile, (x) => {
        for (const fn of [
          () => Order.fromWire(x),
          () => Order.limit(x as never),
          () => Order.market(x as never),
          () => Order.fromAmounts(x as never),
          () => Order.toWire(x as never, { owner: 'k' }),
          () => Order.hash(x as never, domain),
          () => Poly1271.parse(x as never),
          () => TypedData.hashTypedData(x as never),
          () => Signer.fromPrivateKey(x as never),
          () => Signer.recoverDigest(new Uint8Array(32), x as never),
        ]) {
          try {
            fn()
          } catch (e) {
            if (!isClobError(e)) throw e
          }
        }
        expect(Order.verify(x as never, domain).ok).toBe(false)
        expect(Order.verify({ ...order, signature: '0x' } as SignedOrder, x as never).ok).toBe(false)
      }),
      { numRuns: 400 },
    )
  })
  it('Order.fromWire on mutated valid bodies', () => {
    const body = {
      deferExec: false,
      postOnly: false,
      order: { ...order, salt: 1, signature: `0x${'11'.repeat(65)}` },
      owner: 'k',
      orderType: 'GTC',
    }
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(body.order)), hostile, (k, v) => {
        try {
          const parsed = Order.fromWire({ ...body, order: { ...body.order, [k]: v } })
          expect(parsed.order).toBeDefined()
        } catch (e) {
          expect(isClobError(e)).toBe(true)
        }
      }),
      { numRuns: 400 },
    )
  })
})
