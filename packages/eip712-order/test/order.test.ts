import { Address, Exchange, Hex, Order, Signer, TypedData } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

const PK = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'
const WALLET = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
const TOKEN = '71321045679252212594626385532706912750332728571942532289631379312455583992563'
const signer = Signer.fromPrivateKey(PK)

const v1Order = {
  salt: '479249096354',
  maker: WALLET,
  signer: WALLET,
  taker: Address.ZERO,
  tokenId: '1234',
  makerAmount: '100000000',
  takerAmount: '50000000',
  expiration: '0',
  nonce: '0',
  feeRateBps: '100',
  side: 'BUY',
  signatureType: 0,
} as const

const v2Order = {
  salt: '479249096354',
  maker: WALLET,
  signer: WALLET,
  tokenId: '1234',
  makerAmount: '100000000',
  takerAmount: '50000000',
  side: 'BUY',
  signatureType: 0,
  metadata: Hex.ZERO_BYTES32,
  builder: Hex.ZERO_BYTES32,
  timestamp: '1710000000000',
  expiration: '0',
} as const

function v1Domain(chainId: number, verifyingContract: string) {
  return { name: 'Polymarket CTF Exchange', version: '1', chainId, verifyingContract } as const as Parameters<
    typeof Order.hash
  >[1]
}

describe('Order.hash / Order.sign — exchange V1 anchors (ANCHORS §B.3)', () => {
  it.each([
    [
      '0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40',
      '0x02ca1d1aa31103804173ad1acd70066cb6c1258a4be6dada055111f9a7ea4e55',
      '0x302cd9abd0b5fcaa202a344437ec0b6660da984e24ae9ad915a592a90facf5a51bb8a873cd8d270f070217fea1986531d5eec66f1162a81f66e026db653bf7ce1c',
    ],
    [
      '0xC5d563A36AE78145C45a50134d48A1215220f80a',
      '0xf15790d3edc4b5aed427b0b543a9206fcf4b1a13dfed016d33bfb313076263b8',
      '0x1b3646ef347e5bd144c65bd3357ba19c12c12abaeedae733cf8579bc51a2752c0454c3bc6b236957e393637982c769b8dc0706c0f5c399983d933850afd1cbcd1c',
    ],
  ])('%s', async (contract, hash, signature) => {
    const domain = v1Domain(80002, contract)
    expect(Order.hash(v1Order, domain)).toBe(hash)
    const signed = await Order.sign({ order: v1Order, domain }, signer)
    expect(signed.signature).toBe(signature)
    expect(Object.keys(signed)).toEqual([...Object.keys(v1Order), 'signature'])
    expect(Order.recover(signed, domain)).toBe(WALLET)
    expect(Order.verify(signed, domain)).toEqual({ ok: true, signer: WALLET })
  })
  it('hashes the v1 exchange.order.builder vector (chain 137, contract 0x…01)', () => {
    const order = {
      salt: '1',
      maker: '0x1111111111111111111111111111111111111111',
      signer: '0x1111111111111111111111111111111111111111',
      taker: Address.ZERO,
      tokenId: '101',
      makerAmount: '1000000',
      takerAmount: '2000000',
      expiration: '0',
      nonce: '2',
      feeRateBps: '0',
      side: 'BUY',
      signatureType: 0,
    } as const
    expect(Order.hash(order, v1Domain(137, '0x0000000000000000000000000000000000000001'))).toBe(
      '0xeb162c6cc7aa28ad096a7c40fb9556d41fa1730d71103ba7103589ae1f18d942',
    )
  })
  it('signs the RS all-zero order and the RS POLY_PROXY order', async () => {
    const zero = {
      salt: '0',
      maker: Address.ZERO,
      signer: Address.ZERO,
      taker: Address.ZERO,
      tokenId: '0',
      makerAmount: '0',
      takerAmount: '0',
      expiration: '0',
      nonce: '0',
      feeRateBps: '0',
      side: 'BUY',
      signatureType: 0,
    } as const
    const domain = Exchange.domain({ chainId: 137, version: 1, negRisk: false })
    expect(Order.hash(zero, domain)).toBe(
      '0x54c067fcb57613f2da09446f3380fce1537502897d11121c41e6ed19f40df286',
    )
    // Order.sign refuses (signer ≠ order.signer); sign the digest directly as the RS test does
    expect(signer.signDigest(Hex.toBytes(Order.hash(zero, domain)))).toBe(
      '0x0d18c04a653d89bf7375636adb7db69cffe362755960dc6ce8a0d46b04355b767958fae51c48e0e4b0908347442cb461e811d2f5a751303f7a8c1f75e17b3e701b',
    )
    const built = Order.limit({
      chainId: 137,
      version: 1,
      negRisk: false,
      tickSize: '0.001',
      tokenId: '123',
      side: 'BUY',
      price: 0.512,
      size: 100,
      signer: WALLET,
      maker: '0x995c9b1f779c04e65AF8ea3360F96c43b5e62316',
      signatureType: 1,
      taker: '0xf7fB45986800e2D259BAa25B56466bd02dA37a44',
      nonce: 2,
      salt: '1',
    })
    expect(built.order).toMatchObject({
      makerAmount: '51200000',
      takerAmount: '100000000',
      nonce: '2',
      feeRateBps: '0',
    })
    expect(Order.hash(built.order, built.domain)).toBe(
      '0xacd220bde76823464bfea5a777f89797390d99711e52e12729d15b112c07524c',
    )
    const signed = await Order.sign(built, signer)
    expect(signed.signature).toBe(
      '0xb89102a9ec11c3862d8dda7285419cef9c98543587cff4ecb06746ca9d68227e208059730490abee957b1b01da56705c60066f91d83d20e8cbf378592d3899441b',
    )
  })
})

describe('Order.hash / Order.sign — exchange V2/V3 anchors (ANCHORS §B.4, §B.5)', () => {
  const cases: [string, number, 2 | 3, boolean, number, string, string, string][] = [
    [
      'B.4 V2',
      80002,
      2,
      false,
      0,
      '1780449126930',
      '0xf4b817f06f351bdc415e904135e806faee2d88050b2fab12370717143dc923b8',
      '0xa96be879ff1c5b94c1f7bbb4e253e2283748c1261f8b21390979d31ee6a164656132219cf49fd86574380b4f5f11232945497b29ffbc74d4bf9a0623c17af0071b',
    ],
    [
      'B.4 V3',
      80002,
      3,
      false,
      0,
      '1780449126930',
      '0x13ae673adc0d1a53518b508ef0ce7365aaf85756fb4f42b9f153aa3b0ecb45de',
      '0x269ebcd7fa5d21746e298256216ed725baa8d8fad3f5a51a8d27bb0d0a744e604199067fffc8e359869fcca14ff2ada20d212740c4690091b595725dfa5ea4651c',
    ],
    [
      'B.5 V2 EOA',
      80002,
      2,
      false,
      0,
      '1710000000000',
      '0x962c97b18bea292cc94b9479272aa74fb59a905e84a621a40eb339131e9fb6ba',
      '0x518472f1b081f6bd713d638bb11d1bf0720ed577e93c52eb00ec9f5f325f7d510c65cbfdfe9130de2602185f4a500863d777d8b838cb28abc75ecc1b5330315d1c',
    ],
    [
      'B.5 V2 neg-risk',
      80002,
      2,
      true,
      0,
      '1710000000000',
      '0xde77d067d3067ed5b48bb9b27b963fa4f377ee1ae8725791f133e70dae6ce183',
      '0x661efce33ffabbc517ef77ef58ec5fe7ebc38f372dc3213430c3033faa5870a33b0d0e4c3f9626291925573b7b708cc6eb646b06ae0a10e728d90e14edf461d41b',
    ],
    [
      'B.5 V3 EOA',
      80002,
      3,
      false,
      0,
      '1710000000000',
      '0x5f832bdf1244ee7b330544123b14a5c6450e6f69044eba8b0f0f5304da995ed9',
      '0x29ab1ebfd5bd2910e7d090a5dbd9f0f718f762c63c16978c2e660e812337d5e162b0cd020d3b9b7280a5ef59db4305abca497a53badecb463b1be31605da0b801c',
    ],
    [
      'B.5 V2 EOA 137',
      137,
      2,
      false,
      0,
      '1710000000000',
      '0x10124949f84e9f7438c88d02bfd546ceb27ed6eb1fdb0175137af535b6e2513d',
      '0x42c7b4857d51e344045fcfde17b37cf1290d784471ffe618c22aa56ea5ddcf0009015b87ffb299813f5597e86d4ad56f40d634558d915edb719e6fc71dbc0d891c',
    ],
    [
      'B.5 V3 EOA 137',
      137,
      3,
      false,
      0,
      '1710000000000',
      '0x0d34966f6a42e3b8bec3d0d0dcca74d762695a3bd4cdf1d6a1fc2201bf9daa87',
      '0x22a4e68028c7984ff9b19217dee3a8491614e97a84ca42d53fe73e7a50745fd66706b966fa16ce911a3217958a5471343c47f2fd56ea9392522a4c1c156eac701c',
    ],
    [
      'B.5 V2 POLY_PROXY',
      80002,
      2,
      false,
      1,
      '1710000000000',
      '0xccd98d7f11b1d9aa03644bd9f103fb5a5ad077ada22c1e6a669dd6e1883b27c8',
      '0x6f7f3fff6c6a574c19c833f5467a8328f04e77ff62215533575ab6f0785c02d747b69437343855d7148e4702561aa39c5e71d90b572f51d70699ad4ddd1e9bbb1c',
    ],
  ]
  it.each(cases)('%s', async (_name, chainId, version, negRisk, sigType, timestamp, hash, signature) => {
    const order = {
      ...v2Order,
      timestamp,
      signatureType: sigType as 0 | 1,
      maker: sigType === 1 ? '0x1111111111111111111111111111111111111111' : WALLET,
    } as const
    const domain = Exchange.domain({ chainId, version, negRisk })
    expect(Order.hash(order, domain)).toBe(hash)
    const signed = await Order.sign({ order, domain }, signer)
    expect(signed.signature).toBe(signature)
    expect(Order.recover(signed, domain)).toBe(WALLET)
  })
  it('V2 and V3 share types and message (B.4)', () => {
    const d2 = Exchange.domain({ chainId: 80002, version: 2 })
    const d3 = Exchange.domain({ chainId: 80002, version: 3 })
    const a = Order.typedData(v2Order, d2)
    const b = Order.typedData(v2Order, d3)
    expect(a.types).toEqual(b.types)
    expect(a.message).toEqual(b.message)
    expect(a.domain).toEqual({
      name: 'Polymarket CTF Exchange',
      version: '2',
      chainId: 80002,
      verifyingContract: '0xE111180000d2663C0091e4f400237545B87B996B',
    })
    expect(b.domain).toEqual({
      name: 'Polymarket CTF Exchange',
      version: '3',
      chainId: 80002,
      verifyingContract: '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
    })
  })
})

describe('Order.typedData', () => {
  it('matches the viem-shaped typed data of the official client (side as 0/1, key order)', () => {
    const td = Order.typedData(v1Order, Exchange.domain({ chainId: 80002, version: 1 }))
    expect(td.primaryType).toBe('Order')
    expect(td.types).toBe(TypedData.orderV1Types)
    expect(Object.keys(td.message)).toEqual(Object.keys(v1Order))
    expect(td.message.side).toBe(0)
    const t2 = Order.typedData({ ...v2Order, side: 'SELL' }, Exchange.domain({ chainId: 80002, version: 2 }))
    expect(Object.keys(t2.message)).toEqual([
      'salt',
      'maker',
      'signer',
      'tokenId',
      'makerAmount',
      'takerAmount',
      'timestamp',
      'side',
      'signatureType',
      'metadata',
      'builder',
    ])
    expect(t2.message.side).toBe(1)
    expect(TypedData.hashTypedData(t2)).toBe(
      Order.hash({ ...v2Order, side: 'SELL' }, Exchange.domain({ chainId: 80002, version: 2 })),
    )
  })
  it('rejects a domain version that does not fit the order shape', () => {
    expect(() => Order.typedData(v1Order, Exchange.domain({ chainId: 80002, version: 2 }))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VERSION', param: 'domain.version' }),
    )
    expect(() => Order.hash(v2Order, Exchange.domain({ chainId: 80002, version: 1 }))).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VERSION' }),
    )
  })
})

describe('Order.version', () => {
  it('is 2 for the V2/V3 shape and 1 otherwise', () => {
    expect(Order.version(v1Order)).toBe(1)
    expect(Order.version(v2Order)).toBe(2)
  })
})

const base = {
  chainId: 137,
  negRisk: false,
  tickSize: '0.01',
  tokenId: TOKEN,
  signer: WALLET,
  salt: '123456789',
  timestamp: 1700000000123,
} as const

describe('Order.limit', () => {
  it('builds the §B.7 order and its exact POST body', async () => {
    const built = Order.limit({ ...base, chainId: 80002, version: 2, side: 'BUY', price: 0.5, size: 100 })
    expect(built.domain.verifyingContract).toBe('0xE111180000d2663C0091e4f400237545B87B996B')
    expect(Order.hash(built.order, built.domain)).toBe(
      '0x7449a687353d5751aa788ef5cc0d62a876eb97a686b8b8dea24310a2f8efa606',
    )
    const signed = await Order.sign(built, signer)
    expect(signed.signature).toBe(
      '0xc3a1db63561ea24a1edb45abc79414ed46afe8ff69533e0c1b71af751288d03e4d1cc6f847a1f17051e330f575d15e0a19e3dac80d0537569a404b977557de7d1c',
    )
    expect(JSON.stringify(Order.toWire(signed, { owner: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a' }))).toBe(
      '{"deferExec":false,"postOnly":false,"order":{"salt":123456789,"maker":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","tokenId":"71321045679252212594626385532706912750332728571942532289631379312455583992563","makerAmount":"50000000","takerAmount":"100000000","side":"BUY","signatureType":0,"timestamp":"1700000000123","expiration":"0","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0xc3a1db63561ea24a1edb45abc79414ed46afe8ff69533e0c1b71af751288d03e4d1cc6f847a1f17051e330f575d15e0a19e3dac80d0537569a404b977557de7d1c"},"owner":"f4f247b7-4ac7-ff29-a152-04fda0a8755a","orderType":"GTC"}',
    )
  })
  it('uses the V1 key order and passes taker, nonce, feeRateBps and expiration through (A.1)', () => {
    const { order, domain } = Order.limit({
      ...base,
      version: 1,
      side: 'BUY',
      price: 0.5,
      size: 21.04,
      feeRateBps: 111,
      nonce: 123,
      expiration: 50000,
      taker: '0x0000000000000000000000000000000000000003',
      signatureType: 2,
      maker: '0x1111111111111111111111111111111111111111',
    })
    expect(domain.verifyingContract).toBe(Exchange.contracts(137).exchange)
    expect(Object.keys(order)).toEqual([
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
    ])
    expect(order).toEqual({
      salt: '123456789',
      maker: '0x1111111111111111111111111111111111111111',
      signer: WALLET,
      taker: '0x0000000000000000000000000000000000000003',
      tokenId: TOKEN,
      makerAmount: '10520000',
      takerAmount: '21040000',
      expiration: '50000',
      nonce: '123',
      feeRateBps: '111',
      side: 'BUY',
      signatureType: 2,
    })
    expect(Object.isFrozen(order)).toBe(true)
  })
  it('uses the V2/V3 key order and defaults (metadata/builder zero, expiration "0", timestamp from the clock)', () => {
    const before = Date.now()
    const { order, domain } = Order.limit({
      ...base,
      timestamp: undefined,
      salt: undefined,
      version: 3,
      negRisk: true,
      side: 'SELL',
      price: 0.56,
      size: 21.04,
    })
    expect(domain).toEqual(Exchange.domain({ chainId: 137, version: 3 }))
    expect(Object.keys(order)).toEqual([
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
    ])
    expect(order).toMatchObject({
      makerAmount: '21040000',
      takerAmount: '11782400',
      metadata: Hex.ZERO_BYTES32,
      builder: Hex.ZERO_BYTES32,
      expiration: '0',
      signatureType: 0,
    })
    const o = order as { timestamp: string; salt: string }
    expect(Number(o.timestamp)).toBeGreaterThanOrEqual(before)
    expect(o.timestamp).toHaveLength(13)
    expect(BigInt(o.salt) > 0n && BigInt(o.salt) < 2n ** 53n).toBe(true)
  })
  it('sets builder, metadata and expiration on V2 orders', () => {
    const builder = '0x1234567890abcdef1234567890abcdef1234567890abcdef1234567890abcdef'
    const metadata = '0xabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd'
    const { order } = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 21.04,
      builder,
      metadata,
      expiration: '1234567',
    })
    expect(order).toMatchObject({ builder, metadata, expiration: '1234567' })
  })
  it('POLY_1271: signer = maker = the deposit wallet; rejected for V1', () => {
    const wallet = '0x02152712665cc74952da6d1eea9b9cf2668df53f'
    const { order } = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 10,
      maker: wallet,
      signatureType: 3,
    })
    expect(order.maker).toBe(wallet)
    expect(order.signer).toBe(wallet)
    expect(() =>
      Order.limit({ ...base, version: 1, side: 'BUY', price: 0.5, size: 10, signatureType: 3 }),
    ).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_SIGNATURE_TYPE', param: 'signatureType' }))
  })
  it('copies a lowercase funder verbatim', () => {
    const funder = '0xf7faf60074a0f39ee27eb28a8d30b7738ac70e9d'
    expect(
      Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10, maker: funder, signatureType: 2 })
        .order.maker,
    ).toBe(funder)
  })
  it('sizes a V2 BUY to the balance with fees (A.2) but not a V1 one', () => {
    const fees = { rate: 0.25, exponent: 2, slippage: 20 }
    const v2 = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 100,
      userUSDCBalance: 50,
      fees,
    })
    expect(v2.order).toMatchObject({ makerAmount: '48125000', takerAmount: '96250000' })
    const up = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.505,
      size: 100,
      userUSDCBalance: 50,
      fees,
    })
    expect(up.order).toMatchObject({ makerAmount: '48159300', takerAmount: '94430000' })
    const v1 = Order.limit({
      ...base,
      version: 1,
      side: 'BUY',
      price: 0.5,
      size: 100,
      userUSDCBalance: 50,
      fees,
    })
    expect(v1.order).toMatchObject({ makerAmount: '50000000', takerAmount: '100000000' })
    const sell = Order.limit({
      ...base,
      version: 2,
      side: 'SELL',
      price: 0.5,
      size: 100,
      userUSDCBalance: 50,
      fees,
    })
    expect(sell.order).toMatchObject({ makerAmount: '100000000', takerAmount: '50000000' })
  })
  it('rejects V1-only fields on V2/V3 orders', () => {
    expect(() => Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10, nonce: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ORDER', param: 'nonce' }),
    )
    expect(() =>
      Order.limit({ ...base, version: 3, side: 'BUY', price: 0.5, size: 10, taker: Address.ZERO }),
    ).toThrow(expect.objectContaining({ param: 'taker' }))
  })
})

describe('Order.market', () => {
  it('builds market amounts with expiration "0" (A.1)', () => {
    const buy = Order.market({ ...base, version: 2, side: 'BUY', amount: 100, price: 0.56 })
    expect(buy.order).toMatchObject({ makerAmount: '100000000', takerAmount: '178571400', expiration: '0' })
    const sell = Order.market({
      ...base,
      version: 1,
      side: 'SELL',
      amount: 100,
      price: 0.56,
      feeRateBps: 42,
      nonce: 7,
    })
    expect(sell.order).toMatchObject({
      makerAmount: '100000000',
      takerAmount: '56000000',
      expiration: '0',
      feeRateBps: '42',
      nonce: '7',
      taker: Address.ZERO,
    })
  })
  it('fee-sizes a BUY with a balance in any version (A.2)', () => {
    const m = Order.market({
      ...base,
      version: 2,
      side: 'BUY',
      amount: 50,
      price: 0.5,
      userUSDCBalance: 50,
      fees: { rate: 0.25, exponent: 2, slippage: 20 },
    })
    expect(m.order).toMatchObject({ makerAmount: '48120000', takerAmount: '96240000' })
  })
  it('needs a price and refuses an expiration', () => {
    expect(() =>
      Order.market({ ...base, version: 2, side: 'BUY', amount: 1, price: undefined as unknown as number }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_PRICE' }))
    expect(() =>
      Order.market({ ...base, version: 2, side: 'BUY', amount: 1, price: 0.5, ...{ expiration: 5 } }),
    ).toThrow(expect.objectContaining({ param: 'expiration' }))
  })
})

describe('Order.fromAmounts', () => {
  it('preserves exact amounts on exchange V3 (ANCHORS §B.6 notes)', () => {
    const { order, domain } = Order.fromAmounts({
      chainId: 80002,
      tokenId: '1234',
      side: 'BUY',
      makerAmount: '1000000',
      takerAmount: '8000000',
      signer: WALLET,
      salt: 1,
      timestamp: 2,
    })
    expect(domain.version).toBe('3')
    expect(order).toMatchObject({
      makerAmount: '1000000',
      takerAmount: '8000000',
      maker: WALLET,
      signer: WALLET,
    })
  })
  it('maker = funder, signer = EOA for types 0–2; both the wallet for POLY_1271', () => {
    const funder = '0x1111111111111111111111111111111111111111'
    for (const signatureType of [0, 1, 2] as const) {
      const { order } = Order.fromAmounts({
        chainId: 137,
        tokenId: '1',
        side: 'SELL',
        makerAmount: '1',
        takerAmount: '2',
        signer: WALLET,
        maker: funder,
        signatureType,
      })
      expect([order.maker, order.signer]).toEqual([funder, WALLET])
    }
    const { order } = Order.fromAmounts({
      chainId: 137,
      tokenId: '1',
      side: 'SELL',
      makerAmount: '1',
      takerAmount: '2',
      signer: WALLET,
      maker: funder,
      signatureType: 3,
    })
    expect([order.maker, order.signer]).toEqual([funder, funder])
  })
  it.each(['0', '-5', '1.5', '', '0x10', ' 10', '1.25', '00'])(
    'rejects amount %j with INVALID_AMOUNT',
    (bad) => {
      expect(() =>
        Order.fromAmounts({
          chainId: 137,
          tokenId: '1',
          side: 'BUY',
          makerAmount: bad,
          takerAmount: '1',
          signer: WALLET,
        }),
      ).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', param: 'makerAmount' }))
    },
  )
  it('rejects amounts above uint256', () => {
    expect(() =>
      Order.fromAmounts({
        chainId: 137,
        tokenId: '1',
        side: 'BUY',
        makerAmount: '1',
        takerAmount: (2n ** 256n).toString(),
        signer: WALLET,
      }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT', param: 'takerAmount' }))
  })
})

describe('Order.resolveFeeRateBps', () => {
  it('always uses the market rate; throws when it is > 0 and the user differs (§3.9)', () => {
    expect(Order.resolveFeeRateBps({ marketFeeRateBps: 0 })).toBe('0')
    expect(Order.resolveFeeRateBps({ marketFeeRateBps: 0, userFeeRateBps: 250 })).toBe('0')
    expect(Order.resolveFeeRateBps({ marketFeeRateBps: 100, userFeeRateBps: 100 })).toBe('100')
    expect(Order.resolveFeeRateBps({ marketFeeRateBps: '100' })).toBe('100')
    expect(() => Order.resolveFeeRateBps({ marketFeeRateBps: 100, userFeeRateBps: 250 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_FEE_RATE',
        param: 'feeRateBps',
        message: 'feeRateBps: invalid user provided fee rate: 250, fee rate for the market must be 100',
      }),
    )
    expect(() => Order.resolveFeeRateBps({ marketFeeRateBps: -1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_FEE_RATE' }),
    )
  })
})

describe('Order.sign', () => {
  it('throws SIGNER_MISMATCH when the signer is not order.signer (types 0–2)', async () => {
    const other = Signer.fromPrivateKey(`0x${'0'.repeat(63)}1`)
    const built = Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10 })
    await expect(Order.sign(built, other)).rejects.toMatchObject({ code: 'SIGNER_MISMATCH' })
  })
  it('compares the signer case-insensitively', async () => {
    const built = Order.limit({
      ...base,
      signer: WALLET.toLowerCase() as typeof WALLET,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 10,
    })
    const signed = await Order.sign(built, signer)
    expect(signed.signer).toBe(WALLET.toLowerCase())
    expect(Order.verify(signed, built.domain).ok).toBe(true)
  })
  it('falls back to signTypedData when the signer has no signDigest', async () => {
    const seen: string[] = []
    const remote = {
      address: signer.address,
      signTypedData: async (td: Parameters<typeof signer.signTypedData>[0]) => {
        seen.push(td.primaryType)
        return signer.signTypedData(td)
      },
    }
    const eoa = Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10 })
    const wallet = Order.limit({
      ...base,
      version: 3,
      side: 'BUY',
      price: 0.5,
      size: 10,
      maker: '0x1111111111111111111111111111111111111111',
      signatureType: 3,
    })
    expect((await Order.sign(eoa, remote)).signature).toBe((await Order.sign(eoa, signer)).signature)
    expect((await Order.sign(wallet, remote)).signature).toBe((await Order.sign(wallet, signer)).signature)
    expect(seen).toEqual(['Order', 'TypedDataSign'])
  })
  it('rejects a malformed signature from the signer', async () => {
    const bad = { address: signer.address, signTypedData: async () => '0x1234' as const }
    await expect(
      Order.sign(Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10 }), bad),
    ).rejects.toMatchObject({
      code: 'INVALID_SIGNATURE',
    })
  })
})

describe('Order.recover and Order.verify', () => {
  it('reports tampering, wrong domains, maker rules and junk without throwing', async () => {
    const built = Order.limit({ ...base, version: 2, side: 'BUY', price: 0.5, size: 10 })
    const signed = await Order.sign(built, signer)
    expect(Order.verify(signed, built.domain)).toEqual({ ok: true, signer: WALLET })
    expect(Order.verify({ ...signed, makerAmount: '1' }, built.domain)).toMatchObject({
      ok: false,
      reason: 'SIGNER_MISMATCH',
    })
    expect(Order.verify(signed, Exchange.domain({ chainId: 137, version: 3 }))).toMatchObject({
      ok: false,
      reason: 'SIGNER_MISMATCH',
    })
    expect(Order.verify(signed, Exchange.domain({ chainId: 137, version: 1 }))).toMatchObject({
      ok: false,
      reason: 'DOMAIN_MISMATCH',
    })
    expect(Order.verify({ ...signed, signature: '0x12' }, built.domain)).toMatchObject({
      ok: false,
      reason: 'INVALID_SIGNATURE',
    })
    expect(Order.verify({ ...signed, side: 'HOLD' } as never, built.domain)).toMatchObject({
      ok: false,
      reason: 'INVALID_ORDER',
    })
    const funded = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 10,
      maker: '0x1111111111111111111111111111111111111111',
    })
    expect(Order.verify(await Order.sign(funded, signer), funded.domain)).toMatchObject({
      ok: false,
      reason: 'MAKER_MISMATCH',
    })
    for (const junk of [null, undefined, 1, 'x', [], {}, { signature: 5 }]) {
      expect(Order.verify(junk as never, built.domain).ok).toBe(false)
      expect(Order.verify(signed, junk as never).ok).toBe(false)
    }
  })
  it('checks the POLY_1271 wrapper against the order and domain', async () => {
    const wallet = '0x1111111111111111111111111111111111111111'
    const built = Order.limit({
      ...base,
      version: 2,
      side: 'BUY',
      price: 0.5,
      size: 10,
      maker: wallet,
      signatureType: 3,
    })
    const signed = await Order.sign(built, signer)
    expect(Order.verify(signed, built.domain)).toEqual({ ok: true, signer: wallet, owner: WALLET })
    expect(Order.recover(signed, built.domain)).toBe(WALLET)
    const other = Exchange.domain({ chainId: 137, version: 2, negRisk: true })
    expect(Order.verify(signed, other)).toMatchObject({ ok: false, reason: 'DOMAIN_MISMATCH' })
    expect(() => Order.recover(signed, other)).toThrow(expect.objectContaining({ code: 'INVALID_SIGNATURE' }))
    expect(Order.verify({ ...signed, takerAmount: '1' }, built.domain)).toMatchObject({
      ok: false,
      reason: 'CONTENTS_MISMATCH',
    })
    expect(Order.verify({ ...signed, signer: WALLET }, built.domain)).toMatchObject({
      ok: false,
      reason: 'MAKER_MISMATCH',
    })
    expect(
      Order.verify({ ...signed, signature: signed.signature.slice(0, 132) as Hex }, built.domain),
    ).toMatchObject({
      ok: false,
      reason: 'INVALID_SIGNATURE',
    })
  })
})
