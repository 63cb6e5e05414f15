import { readFileSync, statSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { Hex, Signer, TypedData } from '@clobkit/eip712-order'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'

function corpusUrl(): URL {
  const env = process.env.CLOB_VECTORS
  if (env === undefined || env === '')
    return new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
  return pathToFileURL(statSync(env).isDirectory() ? `${env}/corpus-public.json` : env)
}
interface Case {
  id: string
  kind: string
  input: Record<string, unknown>
  expected: Record<string, unknown>
}
const corpus = JSON.parse(readFileSync(corpusUrl(), 'utf8')) as { cases: Case[] }

const CLOB_AUTH_TYPES = {
  ClobAuth: [
    { name: 'address', type: 'address' },
    { name: 'timestamp', type: 'string' },
    { name: 'nonce', type: 'uint256' },
    { name: 'message', type: 'string' },
  ],
} as const

describe('TypedData.typeHash / encodeType (Appendix A)', () => {
  it('hashes the order and wrapper types', () => {
    expect(TypedData.encodeType('Order', TypedData.orderV1Types)).toHaveLength(201)
    expect(TypedData.encodeType('Order', TypedData.orderV2Types)).toHaveLength(186)
    expect(TypedData.typeHash('Order', TypedData.orderV1Types)).toBe(
      '0xa852566c4e14d00869b6db0220888a9090a13eccdaea03713ff0a3d27bf9767c',
    )
    expect(TypedData.typeHash('Order', TypedData.orderV2Types)).toBe(
      '0xbb86318a2138f5fa8ae32fbe8e659f8fcf13cc6ae4014a707893055433818589',
    )
    expect(TypedData.typeHash('TypedDataSign', TypedData.typedDataSignTypes)).toBe(
      '0x6ba028565cb324c2aa02bb714b9816d0bddd557a2f33bb36cf13272a4256bd42',
    )
    expect(TypedData.encodeType('TypedDataSign', TypedData.typedDataSignTypes)).toBe(
      'TypedDataSign(Order contents,string name,string version,uint256 chainId,address verifyingContract,bytes32 salt)' +
        TypedData.encodeType('Order', TypedData.orderV2Types),
    )
    expect(TypedData.typeHash('ClobAuth', CLOB_AUTH_TYPES)).toBe(
      '0x52578c5c725a28a84fedc8c22aa47947822942f35b4dc350db028e45320e035c',
    )
  })
  it('hashes the domain types', () => {
    const four = {
      EIP712Domain: TypedData.domainFields({
        name: 'x',
        version: '1',
        chainId: 1,
        verifyingContract: '0x0000000000000000000000000000000000000000',
      }),
    }
    const three = { EIP712Domain: TypedData.domainFields({ name: 'x', version: '1', chainId: 1 }) }
    expect(TypedData.typeHash('EIP712Domain', four)).toBe(
      '0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f',
    )
    expect(TypedData.typeHash('EIP712Domain', three)).toBe(
      '0xc2f8787176b8ac6bf7215b4adcc1e069bf4ab82d9ab1df05a57a91d425935b6e',
    )
  })
  it('sorts referenced types by name (EIP-712 encodeType)', () => {
    const types = {
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person[]' },
        { name: 'att', type: 'Attachment' },
      ],
      Person: [{ name: 'wallet', type: 'address' }],
      Attachment: [{ name: 'data', type: 'bytes' }],
    }
    expect(TypedData.encodeType('Mail', types)).toBe(
      'Mail(Person from,Person[] to,Attachment att)Attachment(bytes data)Person(address wallet)',
    )
  })
})

describe('TypedData.hashDomain', () => {
  it('gives the ClobAuth separators (3-field domain)', () => {
    expect(TypedData.hashDomain({ name: 'ClobAuthDomain', version: '1', chainId: 137 })).toBe(
      '0xcfc66be2a3b30464cb3b588324101f660c9a205fa76e8e5f83ee16a528e1c4cb',
    )
    expect(TypedData.hashDomain({ name: 'ClobAuthDomain', version: '1', chainId: 80002 })).toBe(
      '0xa1df8f4e3112eaee2448fbec9ab79f68278407e49d9cf52e3dd3d9692fcac9b6',
    )
    expect(TypedData.hashDomain({ name: 'ClobAuthDomain', version: '1', chainId: 137n })).toBe(
      TypedData.hashDomain({ name: 'ClobAuthDomain', version: '1', chainId: '137' }),
    )
  })
})

describe('TypedData.hashStruct', () => {
  it('matches the EIP-712 specification example (Mail)', () => {
    const types = {
      Person: [
        { name: 'name', type: 'string' },
        { name: 'wallet', type: 'address' },
      ],
      Mail: [
        { name: 'from', type: 'Person' },
        { name: 'to', type: 'Person' },
        { name: 'contents', type: 'string' },
      ],
    }
    const message = {
      from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
      to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
      contents: 'Hello, Bob!',
    }
    expect(TypedData.hashStruct('Mail', types, message)).toBe(
      '0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e',
    )
    expect(
      TypedData.hashDomain({
        name: 'Ether Mail',
        version: '1',
        chainId: 1,
        verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
      }),
    ).toBe('0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f')
    expect(
      TypedData.hashTypedData({
        domain: {
          name: 'Ether Mail',
          version: '1',
          chainId: 1,
          verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC',
        },
        types,
        primaryType: 'Mail',
        message,
      }),
    ).toBe('0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2')
  })
  it('accepts integers as numbers, bigints and decimal strings alike, with range checks', () => {
    const types = {
      T: [
        { name: 'a', type: 'uint8' },
        { name: 'b', type: 'uint256' },
        { name: 'c', type: 'int16' },
      ],
    }
    const h = TypedData.hashStruct('T', types, { a: 255, b: 2n ** 255n, c: -2 })
    expect(TypedData.hashStruct('T', types, { a: '255', b: (2n ** 255n).toString(), c: -2n })).toBe(h)
    expect(() => TypedData.hashStruct('T', types, { a: 256, b: 0, c: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA', param: 'T.a' }),
    )
    expect(() => TypedData.hashStruct('T', types, { a: 1, b: (2n ** 256n).toString(), c: 0 })).toThrow(
      expect.objectContaining({ param: 'T.b' }),
    )
    expect(() => TypedData.hashStruct('T', types, { a: 1, b: -1, c: 0 })).toThrow(
      expect.objectContaining({ param: 'T.b' }),
    )
    expect(() => TypedData.hashStruct('T', types, { a: 1, b: '1.5', c: 0 })).toThrow(
      expect.objectContaining({ param: 'T.b' }),
    )
    expect(() => TypedData.hashStruct('T', types, { a: 1, b: 1, c: 40000 })).toThrow(
      expect.objectContaining({ param: 'T.c' }),
    )
    expect(() => TypedData.hashStruct('T', types, { a: 1, b: 1 })).toThrow(
      expect.objectContaining({ param: 'T.c' }),
    )
  })
  it('encodes bool, bytesN, bytes and arrays', () => {
    const types = {
      T: [
        { name: 'f', type: 'bool' },
        { name: 'b4', type: 'bytes4' },
        { name: 'd', type: 'bytes' },
        { name: 'xs', type: 'uint256[2]' },
      ],
    }
    const a = TypedData.hashStruct('T', types, { f: true, b4: '0x01020304', d: '0xabcd', xs: [1, 2] })
    const word = (n: number) => {
      const w = new Uint8Array(32)
      w[31] = n
      return w
    }
    const b4 = new Uint8Array(32)
    b4.set([1, 2, 3, 4])
    const expected = keccak_256(
      Hex.concat(
        keccak_256(new TextEncoder().encode(TypedData.encodeType('T', types))),
        word(1),
        b4,
        keccak_256(new Uint8Array([0xab, 0xcd])),
        keccak_256(Hex.concat(word(1), word(2))),
      ),
    )
    expect(a).toBe(Hex.fromBytes(expected))
    expect(() => TypedData.hashStruct('T', types, { f: 1, b4: '0x01020304', d: '0x', xs: [1, 2] })).toThrow(
      expect.objectContaining({ param: 'T.f' }),
    )
    expect(() => TypedData.hashStruct('T', types, { f: true, b4: '0x010203', d: '0x', xs: [1, 2] })).toThrow(
      expect.objectContaining({ param: 'T.b4' }),
    )
    expect(() => TypedData.hashStruct('T', types, { f: true, b4: '0x01020304', d: '0x', xs: [1] })).toThrow(
      expect.objectContaining({ param: 'T.xs' }),
    )
  })
  it('rejects unknown types and malformed definitions', () => {
    expect(() => TypedData.hashStruct('T', { T: [{ name: 'a', type: 'uint7' }] }, { a: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA' }),
    )
    expect(() => TypedData.hashStruct('T', { T: [{ name: 'a', type: 'Missing' }] }, { a: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA' }),
    )
    expect(() => TypedData.hashStruct('Nope', {}, {})).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA' }),
    )
  })
  it('rejects cyclic messages without overflowing the stack', () => {
    const types = { N: [{ name: 'next', type: 'N' }] }
    const m: { next?: unknown } = {}
    m.next = m
    expect(() => TypedData.hashStruct('N', types, m)).toThrow(
      expect.objectContaining({ code: 'INVALID_TYPED_DATA' }),
    )
  })
})

describe('TypedData.hashTypedData', () => {
  const l1 = corpus.cases.filter((c) => c.kind === 'l1' && c.expected.signedTypedData !== undefined)
  it('reproduces every ClobAuth digest of the corpus (l1 cases) and recovers the signer', () => {
    expect(l1.length).toBeGreaterThan(10)
    for (const c of l1) {
      const td = c.expected.signedTypedData as TypedData
      expect(TypedData.hashTypedData(td), c.id).toBe(c.expected.digest)
      expect(Signer.recoverDigest(TypedData.hashTypedDataBytes(td), c.expected.signature as Hex)).toBe(
        c.input.signerAddress,
      )
    }
  })
  it('reproduces the signed digests of the order corpus (order, TypedDataSign)', () => {
    let n = 0
    for (const c of corpus.cases) {
      if (
        !['order_limit', 'order_market', 'order_v3_amounts'].includes(c.kind) ||
        c.expected.signedTypedData === undefined
      )
        continue
      const td = c.expected.signedTypedData as TypedData
      const sig = (c.expected.signature as string).slice(0, 132) as Hex
      const client = c.input.client as { signerAddress: string }
      expect(Signer.recoverDigest(TypedData.hashTypedDataBytes(td), sig), c.id).toBe(client.signerAddress)
      n++
    }
    expect(n).toBeGreaterThan(100)
  })
})

describe('TypedData.keccak256', () => {
  it('equals noble keccak_256 on every length from 0 to 700', () => {
    for (let n = 0; n <= 700; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n * 7) & 0xff)
      expect(Hex.fromBytes(TypedData.keccak256(data))).toBe(Hex.fromBytes(keccak_256(data)))
    }
    expect(Hex.fromBytes(TypedData.keccak256(new Uint8Array(0)))).toBe(
      '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    )
  })
  it('equals noble on random inputs', () => {
    for (let i = 0; i < 300; i++) {
      const data = crypto.getRandomValues(new Uint8Array(Math.floor(Math.random() * 1200)))
      expect(Hex.fromBytes(TypedData.keccak256(data))).toBe(Hex.fromBytes(keccak_256(data)))
    }
  })
})

describe('TypedData.digest', () => {
  it('is keccak256(0x1901 ‖ separator ‖ structHash)', () => {
    const a = new Uint8Array(32).fill(1)
    const b = new Uint8Array(32).fill(2)
    expect(TypedData.digest(a, b)).toEqual(keccak_256(Hex.concat(new Uint8Array([0x19, 1]), a, b)))
    expect(() => TypedData.digest(a, new Uint8Array(31))).toThrow(
      expect.objectContaining({ param: 'structHash' }),
    )
  })
})
