import { readFileSync, statSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { type ExchangeDomain, Order, type OrderType, type SignedOrder, Signer } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

function corpusUrl(): URL {
  const env = process.env.CLOB_VECTORS
  if (env === undefined || env === '')
    return new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
  return pathToFileURL(statSync(env).isDirectory() ? `${env}/corpus-public.json` : env)
}
type Json = Record<string, unknown>
interface Case {
  id: string
  kind: string
  input: Json
  expected: Json
}
const corpus = JSON.parse(readFileSync(corpusUrl(), 'utf8')) as { cases: Case[] }
const payloads = corpus.cases.filter((c) => c.kind === 'post_payload')

interface Arg {
  order: SignedOrder
  orderType?: OrderType
  orderMeta: { domain: ExchangeDomain; orderHash: string }
}

function body(c: Case): string {
  const i = c.input as {
    endpoint: string
    creds: { key: string }
    order?: SignedOrder
    orderType?: OrderType
    args?: Arg[]
    postOnly?: boolean
    deferExec?: boolean
  }
  const opts = { owner: i.creds.key, postOnly: i.postOnly, deferExec: i.deferExec }
  if (i.endpoint === '/order')
    return JSON.stringify(Order.toWire(i.order!, { ...opts, orderType: i.orderType }))
  return JSON.stringify(i.args!.map((a) => Order.toWire(a.order, { ...opts, orderType: a.orderType })))
}

describe('Order.toWire — post_payload corpus', () => {
  it('has cases', () => expect(payloads.length).toBeGreaterThanOrEqual(20))
  it.each(payloads.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const expected = c.expected as { request?: { body: string }; error?: string }
    if (expected.error !== undefined) {
      expect(() => body(c)).toThrow(expect.objectContaining({ code: 'INVALID_POST_ONLY', param: 'postOnly' }))
      return
    }
    expect(body(c)).toBe(expected.request!.body)
  })
  it('every posted order hashes to its orderMeta and round-trips through fromWire', () => {
    let n = 0
    for (const c of payloads) {
      const i = c.input as {
        order?: SignedOrder
        orderMeta?: Arg['orderMeta']
        args?: Arg[]
        creds: { key: string }
      }
      const items: { order: SignedOrder; orderMeta: Arg['orderMeta'] }[] = i.args ?? [
        { order: i.order!, orderMeta: i.orderMeta! },
      ]
      for (const { order, orderMeta } of items) {
        expect(Order.hash(order, orderMeta.domain)).toBe(orderMeta.orderHash)
        const wire = Order.toWire(order, { owner: i.creds.key, orderType: 'GTD', deferExec: true })
        const parsed = Order.fromWire(JSON.parse(JSON.stringify(wire)))
        expect(JSON.stringify(parsed.order)).toBe(JSON.stringify(order))
        expect(parsed).toMatchObject({
          owner: i.creds.key,
          orderType: 'GTD',
          deferExec: true,
          postOnly: false,
        })
        n++
      }
    }
    expect(n).toBeGreaterThan(30)
  })
})

const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const OWNER = 'f4f247b7-4ac7-ff29-a152-04fda0a8755a'

describe('Order.toWire — anchors', () => {
  it('B.7: the /orders array body and the V1 body of the B.3 order', async () => {
    const signer = Signer.fromPrivateKey(PK)
    const built = Order.limit({
      chainId: 80002,
      version: 2,
      negRisk: false,
      tickSize: '0.01',
      tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
      side: 'BUY',
      price: 0.5,
      size: 100,
      signer: signer.address,
      salt: '123456789',
      timestamp: 1700000000123,
    })
    const signed = await Order.sign(built, signer)
    const one = JSON.stringify(Order.toWire(signed, { owner: OWNER, orderType: 'GTC' }))
    expect(JSON.stringify([Order.toWire(signed, { owner: OWNER })])).toBe(`[${one}]`)
    const v1 = await Order.sign(
      {
        order: {
          salt: '479249096354',
          maker: signer.address,
          signer: signer.address,
          taker: '0x0000000000000000000000000000000000000000',
          tokenId: '1234',
          makerAmount: '100000000',
          takerAmount: '50000000',
          expiration: '0',
          nonce: '0',
          feeRateBps: '100',
          side: 'BUY',
          signatureType: 0,
        },
        domain: {
          name: 'Polymarket CTF Exchange',
          version: '1',
          chainId: 80002,
          verifyingContract: '0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40',
        },
      },
      signer,
    )
    expect(JSON.stringify(Order.toWire(v1, { owner: OWNER }))).toBe(
      '{"deferExec":false,"postOnly":false,"order":{"salt":479249096354,"maker":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","taker":"0x0000000000000000000000000000000000000000","tokenId":"1234","makerAmount":"100000000","takerAmount":"50000000","side":"BUY","expiration":"0","nonce":"0","feeRateBps":"100","signatureType":0,"signature":"0x302cd9abd0b5fcaa202a344437ec0b6660da984e24ae9ad915a592a90facf5a51bb8a873cd8d270f070217fea1986531d5eec66f1162a81f66e026db653bf7ce1c"},"owner":"f4f247b7-4ac7-ff29-a152-04fda0a8755a","orderType":"GTC"}',
    )
  })
  it('D.1: TSv1 orderToJson fields (V1 order, GTD); TSv2 also always sends postOnly', () => {
    const order = {
      salt: '1000',
      maker: '0x0000000000000000000000000000000000000001',
      signer: '0x0000000000000000000000000000000000000002',
      taker: '0x0000000000000000000000000000000000000003',
      tokenId: '1',
      makerAmount: '100000000',
      takerAmount: '50000000',
      expiration: '0',
      nonce: '1',
      feeRateBps: '100',
      side: 'BUY',
      signatureType: 2,
      signature: '0x',
    } as const
    const wire = Order.toWire(order, { owner: 'aaaa-bbbb-cccc-dddd', orderType: 'GTD' })
    expect(wire.order).toEqual({
      salt: 1000,
      maker: '0x0000000000000000000000000000000000000001',
      signer: '0x0000000000000000000000000000000000000002',
      taker: '0x0000000000000000000000000000000000000003',
      tokenId: '1',
      makerAmount: '100000000',
      takerAmount: '50000000',
      side: 'BUY',
      expiration: '0',
      nonce: '1',
      feeRateBps: '100',
      signatureType: 2,
      signature: '0x',
    })
    expect(wire).toMatchObject({
      owner: 'aaaa-bbbb-cccc-dddd',
      orderType: 'GTD',
      deferExec: false,
      postOnly: false,
    })
    expect(
      Order.toWire({ ...order, side: 'SELL' }, { owner: 'o', orderType: 'GTC', postOnly: true }),
    ).toMatchObject({
      postOnly: true,
      order: { side: 'SELL' },
    })
    expect(() => Order.toWire(order, { owner: 'o', orderType: 'FOK', postOnly: true })).toThrow(
      expect.objectContaining({ code: 'INVALID_POST_ONLY' }),
    )
  })
  it('D.2: V2 JSON has the V2 fields and never nonce, feeRateBps or taker', () => {
    const order = {
      salt: '1',
      maker: '0x0000000000000000000000000000000000000001',
      signer: '0x0000000000000000000000000000000000000001',
      tokenId: '1',
      makerAmount: '1',
      takerAmount: '2',
      side: 'SELL',
      signatureType: 1,
      metadata: `0x${'0'.repeat(64)}`,
      builder: `0x${'0'.repeat(64)}`,
      timestamp: '1710000000000',
      expiration: '0',
      signature: `0x${'11'.repeat(65)}`,
    } as const
    const w = Order.toWire(order, { owner: 'k', deferExec: true })
    expect(Object.keys(w)).toEqual(['deferExec', 'postOnly', 'order', 'owner', 'orderType'])
    expect(Object.keys(w.order)).toEqual([
      'salt',
      'maker',
      'signer',
      'tokenId',
      'makerAmount',
      'takerAmount',
      'side',
      'signatureType',
      'timestamp',
      'expiration',
      'metadata',
      'builder',
      'signature',
    ])
    for (const k of ['nonce', 'feeRateBps', 'taker']) expect(k in w.order).toBe(false)
    expect(w.deferExec).toBe(true)
  })
})

describe('Order.toWire — errors', () => {
  const order = {
    salt: '9007199254740991',
    maker: '0x0000000000000000000000000000000000000001',
    signer: '0x0000000000000000000000000000000000000001',
    tokenId: '1',
    makerAmount: '1',
    takerAmount: '2',
    side: 'BUY',
    signatureType: 0,
    metadata: `0x${'0'.repeat(64)}`,
    builder: `0x${'0'.repeat(64)}`,
    timestamp: '1',
    expiration: '0',
    signature: `0x${'11'.repeat(65)}`,
  } as const
  it('keeps salts up to 2^53 - 1 exact and refuses larger ones', () => {
    expect(Order.toWire(order, { owner: 'k' }).order.salt).toBe(9007199254740991)
    expect(() => Order.toWire({ ...order, salt: '9007199254740992' }, { owner: 'k' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ORDER', param: 'salt' }),
    )
  })
  it('validates the options', () => {
    expect(() => Order.toWire(order, { owner: '' })).toThrow(expect.objectContaining({ param: 'owner' }))
    expect(() => Order.toWire(order, { owner: 'k', orderType: 'IOC' as OrderType })).toThrow(
      expect.objectContaining({ param: 'orderType' }),
    )
    expect(() => Order.toWire(order, { owner: 'k', postOnly: 'yes' as unknown as boolean })).toThrow(
      expect.objectContaining({ param: 'postOnly' }),
    )
    expect(() => Order.toWire(order, { owner: 'k', deferExec: 1 as unknown as boolean })).toThrow(
      expect.objectContaining({ param: 'deferExec' }),
    )
    for (const t of ['FOK', 'FAK'] as const) {
      expect(() => Order.toWire(order, { owner: 'k', orderType: t, postOnly: true })).toThrow(
        expect.objectContaining({ code: 'INVALID_POST_ONLY' }),
      )
    }
    expect(Order.toWire(order, { owner: 'k', orderType: 'GTD', postOnly: true }).postOnly).toBe(true)
  })
  it('validates the order', () => {
    expect(() => Order.toWire({ ...order, signature: 'nope' } as never, { owner: 'k' })).toThrow(
      expect.objectContaining({ code: 'INVALID_SIGNATURE' }),
    )
    expect(() => Order.toWire({ ...order, maker: '0x1' }, { owner: 'k' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ADDRESS', param: 'maker' }),
    )
  })
})

describe('Order.fromWire', () => {
  const good = {
    deferExec: false,
    postOnly: false,
    order: {
      salt: 123456789,
      maker: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      signer: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
      tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
      makerAmount: '50000000',
      takerAmount: '100000000',
      side: 'BUY',
      signatureType: 0,
      timestamp: '1700000000123',
      expiration: '0',
      metadata: `0x${'0'.repeat(64)}`,
      builder: `0x${'0'.repeat(64)}`,
      signature:
        '0xc3a1db63561ea24a1edb45abc79414ed46afe8ff69533e0c1b71af751288d03e4d1cc6f847a1f17051e330f575d15e0a19e3dac80d0537569a404b977557de7d1c',
    },
    owner: OWNER,
    orderType: 'GTC',
  }
  it('parses a body (object or JSON text) into the signed order layout', () => {
    const p = Order.fromWire(JSON.stringify(good))
    expect(Object.keys(p.order)).toEqual([
      'salt',
      'maker',
      'signer',
      'tokenId',
      'makerAmount',
      'takerAmount',
      'side',
      'signatureType',
      'metadata',
      'builder',
      'timestamp',
      'expiration',
      'signature',
    ])
    expect(p.order.salt).toBe('123456789')
    expect(
      Order.verify(p.order, {
        name: 'Polymarket CTF Exchange',
        version: '2',
        chainId: 80002,
        verifyingContract: '0xE111180000d2663C0091e4f400237545B87B996B',
      }),
    ).toMatchObject({ ok: true })
    expect(Order.fromWire({ order: good.order, owner: OWNER, orderType: 'FOK' })).toMatchObject({
      postOnly: false,
      deferExec: false,
      orderType: 'FOK',
    })
  })
  const o = good.order
  it.each([
    ['not JSON', '{', 'INVALID_ORDER', 'body'],
    ['an array', [], 'INVALID_ORDER', 'body'],
    ['no owner', { ...good, owner: undefined }, 'INVALID_ORDER', 'owner'],
    ['a bad orderType', { ...good, orderType: 'IOC' }, 'INVALID_ORDER', 'orderType'],
    ['postOnly FOK', { ...good, orderType: 'FOK', postOnly: true }, 'INVALID_POST_ONLY', 'postOnly'],
    ['a string postOnly', { ...good, postOnly: 'true' }, 'INVALID_ORDER', 'postOnly'],
    ['no order', { ...good, order: null }, 'INVALID_ORDER', 'order'],
    [
      'an extra key',
      { ...good, order: { ...o, taker: '0x0000000000000000000000000000000000000000' } },
      'INVALID_ORDER',
      'order.taker',
    ],
    [
      'a missing key',
      { ...good, order: { ...o, expiration: undefined } },
      'INVALID_ORDER',
      'order.expiration',
    ],
    ['a float salt', { ...good, order: { ...o, salt: 1.5 } }, 'INVALID_ORDER', 'order.salt'],
    ['an unsafe salt', { ...good, order: { ...o, salt: 2 ** 53 } }, 'INVALID_ORDER', 'order.salt'],
    ['a negative salt', { ...good, order: { ...o, salt: -1 } }, 'INVALID_ORDER', 'order.salt'],
    [
      'a bad maker',
      { ...good, order: { ...o, maker: '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266' } },
      'INVALID_ADDRESS',
      'order.maker',
    ],
    ['a numeric tokenId', { ...good, order: { ...o, tokenId: 5 } }, 'INVALID_ORDER', 'order.tokenId'],
    [
      'a huge amount',
      { ...good, order: { ...o, makerAmount: (2n ** 256n).toString() } },
      'INVALID_AMOUNT',
      'order.makerAmount',
    ],
    [
      'a decimal amount',
      { ...good, order: { ...o, takerAmount: '1.5' } },
      'INVALID_AMOUNT',
      'order.takerAmount',
    ],
    ['a numeric side', { ...good, order: { ...o, side: 0 } }, 'INVALID_SIDE', 'order.side'],
    [
      'sigType 4',
      { ...good, order: { ...o, signatureType: 4 } },
      'UNSUPPORTED_SIGNATURE_TYPE',
      'order.signatureType',
    ],
    ['short metadata', { ...good, order: { ...o, metadata: '0x00' } }, 'INVALID_HEX', 'order.metadata'],
    [
      'a short signature',
      { ...good, order: { ...o, signature: '0x1234' } },
      'INVALID_SIGNATURE',
      'order.signature',
    ],
    [
      'a 65-byte sig for POLY_1271',
      { ...good, order: { ...o, signatureType: 3 } },
      'INVALID_SIGNATURE',
      'order.signature',
    ],
    [
      'a negative expiration',
      { ...good, order: { ...o, expiration: '-1' } },
      'INVALID_ORDER',
      'order.expiration',
    ],
  ])('rejects %s', (_name, input, code, param) => {
    expect(() => Order.fromWire(input)).toThrow(expect.objectContaining({ code, param }))
  })
  it('rejects a POLY_1271 order in the V1 shape', () => {
    const v1 = {
      order: {
        salt: 1,
        maker: '0x0000000000000000000000000000000000000001',
        signer: '0x0000000000000000000000000000000000000001',
        taker: '0x0000000000000000000000000000000000000000',
        tokenId: '1',
        makerAmount: '1',
        takerAmount: '1',
        side: 'SELL',
        expiration: '0',
        nonce: '0',
        feeRateBps: '0',
        signatureType: 3,
        signature: `0x${'11'.repeat(65)}`,
      },
      owner: 'k',
      orderType: 'GTC',
    }
    expect(() => Order.fromWire(v1)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_TYPE', param: 'order.signatureType' }),
    )
    expect(Order.fromWire({ ...v1, order: { ...v1.order, signatureType: 2 } }).order).toMatchObject({
      salt: '1',
      signatureType: 2,
    })
  })
  it('never throws anything but typed errors on hostile input', () => {
    const hostile: unknown[] = [
      null,
      undefined,
      0,
      true,
      'null',
      '[]',
      { __proto__: { order: good.order } },
      { order: { ...o, __proto__: null } },
    ]
    for (const h of hostile) {
      try {
        Order.fromWire(h)
        expect.unreachable()
      } catch (e) {
        expect(e).toHaveProperty('code')
      }
    }
  })
})
