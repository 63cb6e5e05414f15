import { Exchange, Hex, Order, Poly1271, Signer, TypedData } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const WALLET = '0x1111111111111111111111111111111111111111'
// ANCHORS §B.6 (py2 upstream vector)
const B6 =
  '0xa3a093c83b6c20c83355c16ce94c92e6e9fcbdeb840618cc74f6c57a42ad145b2b98db73d2c73cbf1f2b6af288566ae81960ddbc3a13921027358a8bff3be6ff1ca440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148d23d42d3ad94e65d78258cecaf8dcbaddac0f73dc085040f2c12bb595dd838044f726465722875696e743235362073616c742c61646472657373206d616b65722c61646472657373207369676e65722c75696e7432353620746f6b656e49642c75696e74323536206d616b6572416d6f756e742c75696e743235362074616b6572416d6f756e742c75696e743820736964652c75696e7438207369676e6174757265547970652c75696e743235362074696d657374616d702c62797465733332206d657461646174612c62797465733332206275696c6465722900ba'
const INNER =
  '0xa3a093c83b6c20c83355c16ce94c92e6e9fcbdeb840618cc74f6c57a42ad145b2b98db73d2c73cbf1f2b6af288566ae81960ddbc3a13921027358a8bff3be6ff1c'
const SEP = '0xa440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148'
const CONTENTS = '0xd23d42d3ad94e65d78258cecaf8dcbaddac0f73dc085040f2c12bb595dd83804'

const order = {
  salt: '479249096354',
  maker: WALLET,
  signer: WALLET,
  tokenId: '1234',
  makerAmount: '100000000',
  takerAmount: '50000000',
  side: 'BUY',
  signatureType: 3,
  metadata: Hex.ZERO_BYTES32,
  builder: Hex.ZERO_BYTES32,
  timestamp: '1710000000000',
  expiration: '0',
} as const

describe('Poly1271.wrap', () => {
  it('builds the §2.6 layout (ANCHORS §B.6)', () => {
    expect(Poly1271.wrap({ innerSignature: INNER, domainSeparator: SEP, contentsHash: CONTENTS })).toBe(B6)
    expect(B6.length).toBe(636)
  })
  it('rejects parts of the wrong length', () => {
    expect(() =>
      Poly1271.wrap({ innerSignature: '0x12', domainSeparator: SEP, contentsHash: CONTENTS }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_SIGNATURE', param: 'innerSignature' }))
    expect(() =>
      Poly1271.wrap({
        innerSignature: INNER,
        domainSeparator: CONTENTS.slice(0, 10) as Hex,
        contentsHash: CONTENTS,
      }),
    ).toThrow(expect.objectContaining({ param: 'domainSeparator' }))
  })
})

describe('Poly1271.parse', () => {
  it('splits the anchor signature', () => {
    expect(Poly1271.parse(B6)).toEqual({
      innerSignature: INNER,
      domainSeparator: SEP,
      contentsHash: CONTENTS,
      contentsType: Poly1271.CONTENTS_TYPE,
    })
    expect(Poly1271.CONTENTS_TYPE).toBe(TypedData.encodeType('Order', TypedData.orderV2Types))
    expect(Poly1271.CONTENTS_TYPE).toHaveLength(186)
  })
  it.each([
    ['empty', '0x'],
    ['a plain ECDSA signature', INNER],
    ['truncated', B6.slice(0, -2)],
    ['a wrong type length', `${B6.slice(0, -4)}00bb`],
    ['non-hex', `${B6.slice(0, -1)}z`],
    ['a non-ASCII type', `${B6.slice(0, 2 + 129 * 2)}ff${B6.slice(2 + 130 * 2)}`],
  ])('rejects %s with INVALID_SIGNATURE', (_n, bad) => {
    expect(() => Poly1271.parse(bad)).toThrow(expect.objectContaining({ code: 'INVALID_SIGNATURE' }))
  })
})

describe('Poly1271.digest', () => {
  it('is the TypedDataSign digest the owner signs (§B.6 derived values)', () => {
    const d = Poly1271.digest({
      domainSeparator: SEP,
      contentsHash: CONTENTS,
      chainId: 80002,
      wallet: WALLET,
    })
    expect(Hex.fromBytes(d)).toBe('0xc31d535831b64decf4687570628e5765c218fc3c4a7b582c7bd3105525f76a8c')
    expect(Signer.recoverDigest(d, INNER)).toBe(Signer.fromPrivateKey(PK).address)
  })
  it('equals hashTypedData of Poly1271.typedData', () => {
    const domain = Exchange.domain({ chainId: 80002, version: 2 })
    const td = Poly1271.typedData({ domain, contents: Order.typedData(order, domain).message })
    expect(TypedData.hashTypedData(td)).toBe(
      '0xc31d535831b64decf4687570628e5765c218fc3c4a7b582c7bd3105525f76a8c',
    )
    expect(TypedData.hashStruct('TypedDataSign', td.types, td.message)).toBe(
      '0x53955897766e6bb27e102ffdb160bdb3683db078e8c94eef9f06f6a79bdc521a',
    )
  })
  it('validates its inputs', () => {
    expect(() =>
      Poly1271.digest({ domainSeparator: SEP, contentsHash: CONTENTS, chainId: -1, wallet: WALLET }),
    ).toThrow(expect.objectContaining({ param: 'chainId' }))
    expect(() =>
      Poly1271.digest({ domainSeparator: SEP, contentsHash: CONTENTS, chainId: 1, wallet: '0x12' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ADDRESS' }))
  })
})

describe('Poly1271.typedData', () => {
  it('has the shape the official client hands the wallet', () => {
    const domain = Exchange.domain({ chainId: 80002, version: 2 })
    const td = Poly1271.typedData({ domain, contents: Order.typedData(order, domain).message })
    expect(td.primaryType).toBe('TypedDataSign')
    expect(Object.keys(td.types)).toEqual(['TypedDataSign', 'Order'])
    expect(td.message).toMatchObject({
      name: 'DepositWallet',
      version: '1',
      chainId: 80002,
      verifyingContract: WALLET,
      salt: Hex.ZERO_BYTES32,
    })
  })
})

describe('Order.sign with POLY_1271', () => {
  it('reproduces the §B.6 V2 signature and the derived V3 one', async () => {
    const signer = Signer.fromPrivateKey(PK)
    const v2 = Exchange.domain({ chainId: 80002, version: 2 })
    const signed = await Order.sign({ order, domain: v2 }, signer)
    expect(signed.signature).toBe(B6)
    expect(Order.hash(order, v2)).toBe('0x2afca94626db91b2d556c351584a4cd93e13da32e377dc48c7983e43afa5ab47')
    const v3 = Exchange.domain({ chainId: 80002, version: 3 })
    const s3 = await Order.sign({ order, domain: v3 }, signer)
    expect(s3.signature.slice(0, 132)).toBe(
      '0x42038b5cd7da89a2b5881a4618a796de7d1ae155cc659fcc4427641b8a8ff3a72bd297fcfc889e37dcffac15135c43eb0d3eaf6931bab811db97445bcaf879e71c',
    )
    expect(Poly1271.parse(s3.signature).domainSeparator).toBe(
      '0xdf8b5fd204134b8d562677d7fc9346884e8f02ef2fd43358239393723e8833e6',
    )
    expect(Poly1271.parse(s3.signature).contentsHash).toBe(CONTENTS)
    expect(Order.hash(order, v3)).toBe('0x1e73969291a2ca3cee10155f6beda8af2cdb38939f709c331cd3541eaf894a9b')
    expect(Order.verify(s3, v3)).toEqual({ ok: true, signer: WALLET, owner: signer.address })
  })
})
