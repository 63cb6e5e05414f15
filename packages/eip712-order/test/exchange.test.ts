import { Exchange, TypedData } from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'

// PROTOCOL.md Appendix A
const SEPARATORS: [number, 1 | 2 | 3, boolean, string][] = [
  [137, 1, false, '0x1a573e3617c78403b5b4b892827992f027b03d4eaf570048b8ee8cdd84d151be'],
  [137, 1, true, '0x82cb6aa85babb812f4b521a12b10f0cbc68d2b44be7bc02c047004f544adb49f'],
  [80002, 1, false, '0x44b180a7e548e2d916b5410176db13a07744966f9b6c93c4bccdabebbcdfca93'],
  [80002, 1, true, '0x9fa10822e4b86fd1eed68ea1c2628e0ee9a6c523cb2570592768432cfdb09bf1'],
  [137, 2, false, '0x3264e159346253e26a64e00b69032db0e7d32f94628de3e6eecb50304d7af3d2'],
  [137, 2, true, '0x9b858f53327b0bd13af8ec14cfb35234fb9eb7b0504d1a4e61f433840d30e81a'],
  [80002, 2, false, '0xa440cbd865bc0c6243d7a8df9a8bf48a8827b0a4abbb61c30e96d305423af148'],
  [80002, 2, true, '0x1468e39841f0a0e05d3762b235cb7acecabf8cd7b6d3a672965a5d415bf9378e'],
  [137, 3, false, '0x466c63910185bbd55e8679264200c4e0abdcbb0c6264eb3d41d13326022e095b'],
  [80002, 3, false, '0xdf8b5fd204134b8d562677d7fc9346884e8f02ef2fd43358239393723e8833e6'],
]

describe('Exchange.contracts', () => {
  it('returns the §1.3 table with the config casing', () => {
    expect(Exchange.contracts(137)).toEqual({
      exchange: '0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E',
      negRiskExchange: '0xC5d563A36AE78145C45a50134d48A1215220f80a',
      negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
      exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
      negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
      exchangeV3: '0xe3333700cA9d93003F00f0F71f8515005F6c00Aa',
      collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
      conditionalTokens: '0x4D97DCd97eC945f40cF65F87097ACe5EA0476045',
    })
    expect(Exchange.contracts(80002)).toEqual({
      exchange: '0xdFE02Eb6733538f8Ea35D585af8DE5958AD99E40',
      negRiskExchange: '0xC5d563A36AE78145C45a50134d48A1215220f80a',
      negRiskAdapter: '0xd91E80cF2E7be2e162c6513ceD06f1dD0dA35296',
      exchangeV2: '0xE111180000d2663C0091e4f400237545B87B996B',
      negRiskExchangeV2: '0xe2222d279d744050d28e00520010520000310F59',
      exchangeV3: '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
      collateral: '0xC011a7E12a19f7B1f670d46F03B03f3342E82DFB',
      conditionalTokens: '0x69308FB512518e39F9b16112fA8d994F4e2Bf8bB',
    })
  })
  it('is frozen', () => {
    expect(Object.isFrozen(Exchange.contracts(137))).toBe(true)
  })
  it.each([1, 0, 1337, Number.NaN])('rejects chain %s with UNSUPPORTED_CHAIN', (chainId) => {
    expect(() => Exchange.contracts(chainId)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CHAIN', param: 'chainId' }),
    )
  })
})

describe('Exchange.address', () => {
  it('picks the exchange by version and negRisk (§2.9)', () => {
    const c = Exchange.contracts(137)
    expect(Exchange.address({ chainId: 137, version: 1, negRisk: false })).toBe(c.exchange)
    expect(Exchange.address({ chainId: 137, version: 1, negRisk: true })).toBe(c.negRiskExchange)
    expect(Exchange.address({ chainId: 137, version: 2, negRisk: false })).toBe(c.exchangeV2)
    expect(Exchange.address({ chainId: 137, version: 2, negRisk: true })).toBe(c.negRiskExchangeV2)
    expect(Exchange.address({ chainId: 137, version: 3, negRisk: true })).toBe(c.exchangeV3)
    expect(Exchange.address({ chainId: 137, version: 3 })).toBe(c.exchangeV3)
    expect(Exchange.address({ chainId: 80002, version: 3, negRisk: false })).toBe(
      '0x9fE6e61422AdB6F610d8597F9684b16912D50C3D',
    )
  })
  it('rejects unknown versions and chains', () => {
    expect(() => Exchange.address({ chainId: 137, version: 4 as 3 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_VERSION', param: 'version' }),
    )
    expect(() => Exchange.address({ chainId: 1, version: 2 })).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_CHAIN' }),
    )
    expect(() =>
      Exchange.address({ chainId: 137, version: 2, negRisk: 'yes' as unknown as boolean }),
    ).toThrow(expect.objectContaining({ param: 'negRisk' }))
  })
})

describe('Exchange.domain', () => {
  it('builds the §2.2 domain with keys in the official order', () => {
    const d = Exchange.domain({ chainId: 80002, version: 2, negRisk: false })
    expect(JSON.stringify(d)).toBe(
      '{"name":"Polymarket CTF Exchange","version":"2","chainId":80002,"verifyingContract":"0xE111180000d2663C0091e4f400237545B87B996B"}',
    )
  })
})

describe('Exchange.domainSeparator', () => {
  it.each(SEPARATORS)('chain %s version %s negRisk %s → Appendix A', (chainId, version, negRisk, sep) => {
    const d = Exchange.domain({ chainId, version, negRisk })
    expect(Exchange.domainSeparator(d)).toBe(sep)
    // cached: same bytes object on the second call
    expect(Exchange.domainSeparatorBytes(d)).toBe(Exchange.domainSeparatorBytes({ ...d }))
  })
  it('computes other domains too (uncached contracts, invalid input rejected)', () => {
    const d = {
      name: 'Polymarket CTF Exchange',
      version: '1',
      chainId: 137,
      verifyingContract: '0x0000000000000000000000000000000000000001',
    } as const
    expect(Exchange.domainSeparator(d)).toMatch(/^0x[0-9a-f]{64}$/)
    expect(() => Exchange.domainSeparator({ ...d, verifyingContract: '0x01' })).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA', param: 'domain.verifyingContract' }),
    )
    for (const [field, value] of [
      ['name', 1],
      ['version', 2],
      ['chainId', '137'],
      ['chainId', -1],
      ['chainId', 1.5],
    ] as const) {
      expect(() => Exchange.domainSeparator({ ...d, [field]: value } as never), field).toThrow(
        expect.objectContaining({ code: 'INVALID_TYPED_DATA', param: `domain.${field}` }),
      )
    }
    // the fixed-layout hash equals the generic EIP-712 encoder's, for a foreign domain too
    const foreign = { ...d, name: 'Other', version: '7', chainId: 1 }
    expect(Exchange.domainSeparator(foreign as never)).toBe(TypedData.hashDomain(foreign))
  })
})
