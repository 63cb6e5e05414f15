import { Exchange, Hex, Order, TypedData } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { hashExchangeDomain, hashOrder, typeHashes } from '../src/struct.js'

const SIGNER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563'

describe('specialised struct hashing (struct.ts) agrees with the generic encoder', () => {
  it('has the type hashes of Order V1/V2, TypedDataSign and the exchange domain', () => {
    const domain4 = { name: 'x', version: '1', chainId: 1, verifyingContract: SIGNER }
    expect(typeHashes().map((h) => Hex.fromBytes(h))).toEqual([
      TypedData.typeHash('Order', TypedData.orderV1Types),
      TypedData.typeHash('Order', TypedData.orderV2Types),
      TypedData.typeHash('TypedDataSign', TypedData.typedDataSignTypes),
      TypedData.typeHash('EIP712Domain', { EIP712Domain: TypedData.domainFields(domain4) }),
      TypedData.typeHash('EIP712Domain', {
        EIP712Domain: TypedData.domainFields({ ...domain4, salt: `0x${'00'.repeat(32)}` }),
      }),
    ])
  })

  it('hashes every exchange domain (and a salted one) like hashDomainBytes', () => {
    for (const chainId of [137, 80002]) {
      for (const version of [1, 2, 3] as const) {
        for (const negRisk of [false, true]) {
          const d = Exchange.domain({ chainId, version, negRisk })
          expect(hashExchangeDomain(d)).toEqual(TypedData.hashDomainBytes(d))
          const copy = { ...d }
          expect(hashExchangeDomain(copy)).toEqual(TypedData.hashDomainBytes(copy))
        }
      }
    }
    const salted = { ...Exchange.domain({ chainId: 137, version: 2 }), salt: `0x${'ab'.repeat(32)}` }
    expect(hashExchangeDomain(salted as never)).toEqual(TypedData.hashDomainBytes(salted))
    expect(() => hashExchangeDomain({ ...salted, salt: '0x12' } as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA', param: 'domain.salt' }),
    )
  })

  it('hashes V1 and V2/V3 orders like hashStruct of Order.typedData', () => {
    const cases = [
      { version: 1, salt: '0', expiration: '1700000000', nonce: '7', feeRateBps: '25' },
      { version: 2, salt: '123456789012345678', metadata: `0x${'11'.repeat(32)}` },
      { version: 3, salt: String(2n ** 256n - 1n), builder: `0x${'ff'.repeat(32)}`, side: 'SELL' },
    ] as const
    for (const c of cases) {
      const { version, ...rest } = c
      const built = Order.limit({
        chainId: 137,
        version,
        tickSize: '0.01',
        tokenId: TOKEN,
        side: 'BUY',
        price: '0.37',
        size: '12.5',
        signer: SIGNER,
        ...(rest as object),
      })
      const td = Order.typedData(built.order, built.domain)
      const v = Order.version(built.order)
      expect(hashOrder(built.order as never, v)).toEqual(
        TypedData.hashStructBytes('Order', td.types, td.message),
      )
      expect(Order.hash(built.order, built.domain)).toBe(TypedData.hashTypedData(td))
    }
  })
})
