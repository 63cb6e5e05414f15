import {
  Address,
  Exchange,
  Hex,
  Order,
  type SignedOrder,
  Signer,
  type UnsignedOrder,
} from '@clobkit/eip712-order'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

const key = fc.bigInt({ min: 1n, max: N - 1n }).map((k) => `0x${k.toString(16).padStart(64, '0')}` as const)
const bytesHex = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Hex.fromBytes(b))
const address = fc
  .tuple(bytesHex(20), fc.constantFrom('lower', 'checksum', 'upper'))
  .map(([a, style]) =>
    style === 'lower'
      ? a
      : style === 'checksum'
        ? Address.checksum(a)
        : (`0x${a.slice(2).toUpperCase()}` as const),
  )
const uint = (max: bigint) => fc.bigInt({ min: 0n, max }).map(String)
const U256 = 2n ** 256n - 1n
const SAFE = 2n ** 53n - 1n

const common = {
  salt: uint(SAFE),
  tokenId: uint(U256),
  makerAmount: uint(U256),
  takerAmount: uint(U256),
  side: fc.constantFrom('BUY' as const, 'SELL' as const),
  expiration: uint(2n ** 64n),
}

/** [order, domain selector, signing key] for V1 (sigTypes 0–2) and V2/V3 (0–3). */
const orderCase = fc.oneof(
  fc.record({
    key,
    chainId: fc.constantFrom(137, 80002),
    negRisk: fc.boolean(),
    version: fc.constant(1 as const),
    signatureType: fc.constantFrom(0 as const, 1 as const, 2 as const),
    funder: address,
    taker: address,
    nonce: uint(U256),
    feeRateBps: uint(10000n),
    ...common,
  }),
  fc.record({
    key,
    chainId: fc.constantFrom(137, 80002),
    negRisk: fc.boolean(),
    version: fc.constantFrom(2 as const, 3 as const),
    signatureType: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
    funder: address,
    timestamp: uint(2n ** 64n),
    metadata: bytesHex(32),
    builder: bytesHex(32),
    ...common,
  }),
)

type OrderCase = typeof orderCase extends fc.Arbitrary<infer T> ? T : never

function build(c: OrderCase) {
  const signer = Signer.fromPrivateKey(c.key)
  const domain = Exchange.domain({ chainId: c.chainId, version: c.version, negRisk: c.negRisk })
  const maker = c.signatureType === 0 ? signer.address : c.funder
  const orderSigner = c.signatureType === 3 ? maker : signer.address
  const order: UnsignedOrder =
    c.version === 1
      ? {
          salt: c.salt,
          maker,
          signer: orderSigner,
          taker: (c as { taker: Hex }).taker,
          tokenId: c.tokenId,
          makerAmount: c.makerAmount,
          takerAmount: c.takerAmount,
          expiration: c.expiration,
          nonce: (c as { nonce: string }).nonce,
          feeRateBps: (c as { feeRateBps: string }).feeRateBps,
          side: c.side,
          signatureType: c.signatureType,
        }
      : {
          salt: c.salt,
          maker,
          signer: orderSigner,
          tokenId: c.tokenId,
          makerAmount: c.makerAmount,
          takerAmount: c.takerAmount,
          side: c.side,
          signatureType: c.signatureType,
          metadata: (c as { metadata: Hex }).metadata,
          builder: (c as { builder: Hex }).builder,
          timestamp: (c as { timestamp: string }).timestamp,
          expiration: c.expiration,
        }
  return { signer, domain, order }
}

describe('sign → recover / verify round trip', () => {
  it('holds for random keys and orders (V1, V2, V3; signature types 0–3)', async () => {
    await fc.assert(
      fc.asyncProperty(orderCase, async (c) => {
        const { signer, domain, order } = build(c)
        const signed = await Order.sign({ order, domain }, signer)
        expect(Order.recover(signed, domain)).toBe(signer.address)
        const verdict = Order.verify(signed, domain)
        if (c.signatureType === 3)
          expect(verdict).toEqual({ ok: true, signer: Address.checksum(order.signer), owner: signer.address })
        else expect(verdict).toEqual({ ok: true, signer: signer.address })
        expect(signed.signature.length).toBe(c.signatureType === 3 ? 636 : 132)
      }),
      { numRuns: 60 },
    )
  })
})

const SIGNED_V1 = [
  'salt',
  'maker',
  'signer',
  'taker',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'expiration',
  'nonce',
  'feeRateBps',
  'side',
  'signatureType',
] as const
const SIGNED_V2 = [
  'salt',
  'maker',
  'signer',
  'tokenId',
  'makerAmount',
  'takerAmount',
  'side',
  'signatureType',
  'timestamp',
  'metadata',
  'builder',
] as const

function mutate(order: UnsignedOrder, field: string): UnsignedOrder {
  const o = order as unknown as Record<string, unknown>
  const v = o[field]
  let next: unknown
  if (field === 'side') next = v === 'BUY' ? 'SELL' : 'BUY'
  else if (field === 'signatureType') next = v === 1 ? 2 : 1
  else if (field === 'maker' || field === 'signer' || field === 'taker') {
    next = Address.equal(v as string, '0x0000000000000000000000000000000000000001')
      ? '0x0000000000000000000000000000000000000002'
      : '0x0000000000000000000000000000000000000001'
  } else if (field === 'metadata' || field === 'builder')
    next = v === Hex.ZERO_BYTES32 ? `0x${'0'.repeat(63)}1` : Hex.ZERO_BYTES32
  else next = BigInt(v as string) === 0n ? '1' : (BigInt(v as string) - 1n).toString()
  return { ...o, [field]: next } as unknown as UnsignedOrder
}

describe('Order.hash', () => {
  it('changes when any signed field changes, and not with the unsigned V2 expiration', () => {
    fc.assert(
      fc.property(orderCase, (c) => {
        const { domain, order } = build(c)
        const h = Order.hash(order, domain)
        for (const field of c.version === 1 ? SIGNED_V1 : SIGNED_V2) {
          expect(Order.hash(mutate(order, field), domain), field).not.toBe(h)
        }
        if (c.version !== 1) {
          expect(Order.hash({ ...order, expiration: `${order.expiration}1` } as UnsignedOrder, domain)).toBe(
            h,
          )
          const other = Exchange.domain({
            chainId: c.chainId === 137 ? 80002 : 137,
            version: c.version,
            negRisk: c.negRisk,
          })
          expect(Order.hash(order, other)).not.toBe(h)
        } else {
          expect(
            Order.hash(order, Exchange.domain({ chainId: c.chainId, version: 1, negRisk: !c.negRisk })),
          ).not.toBe(h)
        }
        // case of addresses does not matter
        expect(
          Order.hash({ ...order, maker: order.maker.toLowerCase() as Hex } as UnsignedOrder, domain),
        ).toBe(h)
      }),
      { numRuns: 150 },
    )
  })
})

describe('toWire → fromWire', () => {
  it('round-trips every field and the key order', () => {
    fc.assert(
      fc.property(
        orderCase,
        fc.constantFrom('GTC' as const, 'GTD' as const, 'FOK' as const, 'FAK' as const),
        fc.boolean(),
        fc.boolean(),
        fc.uuid(),
        (c, orderType, postOnly, deferExec, owner) => {
          const { order } = build(c)
          const sigLength = c.signatureType === 3 ? 317 : 65
          const signed = {
            ...order,
            signature: Hex.fromBytes(new Uint8Array(sigLength).fill(1)),
          } as SignedOrder
          const fixedSig = c.signatureType === 3 ? withValidWrapper(signed) : signed
          const po = postOnly && (orderType === 'GTC' || orderType === 'GTD')
          const wire = Order.toWire(fixedSig, { owner, orderType, postOnly: po, deferExec })
          const text = JSON.stringify(wire)
          const parsed = Order.fromWire(text)
          expect(JSON.stringify(parsed.order)).toBe(JSON.stringify(fixedSig))
          expect(parsed).toMatchObject({ owner, orderType, postOnly: po, deferExec })
          expect(
            JSON.stringify(Order.toWire(parsed.order, { owner, orderType, postOnly: po, deferExec })),
          ).toBe(text)
        },
      ),
      { numRuns: 200 },
    )
  })
})

function withValidWrapper(signed: SignedOrder): SignedOrder {
  const sig = `0x${'11'.repeat(129)}${Buffer.from(
    'Order(uint256 salt,address maker,address signer,uint256 tokenId,uint256 makerAmount,uint256 takerAmount,uint8 side,uint8 signatureType,uint256 timestamp,bytes32 metadata,bytes32 builder)',
  ).toString('hex')}00ba` as Hex
  return { ...signed, signature: sig }
}
