import type { SimHandle } from '@clobkit/clob-sim'
import {
  type Address,
  Exchange,
  type Hex,
  Order,
  Poly1271,
  type SignedOrder,
  Signer,
} from '@clobkit/eip712-order'
import { describe, expect, it } from 'vitest'
import { SigCache, sigCacheOf } from '../src/sigcache.js'
import {
  fund,
  l1Headers,
  l2,
  limitBody,
  newSigner,
  RAIN_YES,
  raw,
  simPool,
  type Trader,
  trader,
} from './helpers.js'

const { sim } = simPool()

const post = (s: SimHandle, t: Trader, wire: unknown) => l2(s, t, 'POST', '/order', JSON.stringify(wire))
const statsOf = (s: SimHandle) => ({ ...sigCacheOf(s.state).stats })

/** The same API key in every sim with the same deriveSecret. */
async function derived(s: SimHandle, pk: string): Promise<Trader> {
  const signer = newSigner(pk)
  const res = await raw(s, 'GET', '/auth/derive-api-key', { headers: await l1Headers(s, signer) })
  expect(res.status).toBe(200)
  return {
    signer,
    address: signer.address,
    creds: { key: res.json.apiKey, secret: res.json.secret, passphrase: res.json.passphrase },
  }
}

type Wire = Awaited<ReturnType<typeof limitBody>>['wire']

function withSignature(wire: Wire, signature: string): Wire {
  return { ...wire, order: { ...wire.order, signature } } as Wire
}

/** The group order n of secp256k1. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
const hex64 = (x: bigint) => x.toString(16).padStart(64, '0')

/** Wire bodies that a cached signer's orders can go wrong in, each with a label. */
async function mutations(t: Trader, other: Trader, version: 2 | 3) {
  const base = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.2, size: 10, version })
  const sig = base.signed.signature
  const r = sig.slice(2, 66)
  const s = sig.slice(66, 130)
  const v = sig.slice(130)
  const flip = v === '1b' ? '1c' : '1b'
  const sOf = (x: bigint) => hex64(x)
  // signed by another key for t's address
  const built = Order.limit({
    chainId: 137,
    version,
    tickSize: '0.01',
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.21,
    size: 10,
    signer: t.address,
  })
  const forged = {
    ...built.order,
    signature: other.signer.signDigest(Order.hash(built.order, built.domain)),
  } as SignedOrder
  const elsewhere = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.22, size: 10, version })
  const otherVersion = await limitBody(t, {
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.23,
    size: 10,
    version: version === 2 ? 3 : 2,
  })
  const negRisk = await limitBody(t, {
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.24,
    size: 10,
    version,
    negRisk: true,
  })
  const maker = await limitBody(t, {
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.25,
    size: 10,
    version,
    maker: other.address,
  })
  const failing: [string, unknown][] = [
    ['flipped v', withSignature(base.wire, `0x${r}${s}${flip}`)],
    ['v = 29', withSignature(base.wire, `0x${r}${s}1d`)],
    ['v = 2', withSignature(base.wire, `0x${r}${s}02`)],
    [
      'high s, v flipped (the same point)',
      withSignature(base.wire, `0x${r}${sOf(N - BigInt(`0x${s}`))}${flip}`),
    ],
    ['high s', withSignature(base.wire, `0x${r}${sOf(N - BigInt(`0x${s}`))}${v}`)],
    ['r = 0', withSignature(base.wire, `0x${'0'.repeat(64)}${s}${v}`)],
    ['s = 0', withSignature(base.wire, `0x${r}${'0'.repeat(64)}${v}`)],
    ['r = n', withSignature(base.wire, `0x${hex64(N)}${s}${v}`)],
    ['r + 1', withSignature(base.wire, `0x${hex64(BigInt(`0x${r}`) + 1n)}${s}${v}`)],
    ['s + 1', withSignature(base.wire, `0x${r}${hex64(BigInt(`0x${s}`) + 1n)}${v}`)],
    ['signature of another order', withSignature(base.wire, elsewhere.signed.signature)],
    ['signed by another key', Order.toWire(forged, { owner: t.creds.key })],
    ['short', withSignature(base.wire, sig.slice(0, -2))],
    ['long', withSignature(base.wire, `${sig}00`)],
    ['not hex', withSignature(base.wire, `${sig.slice(0, 20)}g${sig.slice(21)}`)],
    ['other exchange version', otherVersion.wire],
    // V3 has one contract for all markets, so only V2 tells the neg-risk domain apart
    ...(version === 2 ? ([['neg-risk domain', negRisk.wire]] as [string, unknown][]) : []),
    ['EOA with maker ≠ signer', maker.wire],
  ]
  const proxy = await limitBody(t, {
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.26,
    size: 10,
    version,
    signatureType: 1,
    maker: other.address,
  })
  const safe = await limitBody(t, {
    tokenId: RAIN_YES,
    side: 'BUY',
    price: 0.27,
    size: 10,
    version,
    signatureType: 2,
    maker: other.address,
  })
  // valid ones (after the failures: a sim learns the key from the first success)
  const passing: [string, unknown][] = [
    ['the order', base.wire],
    ['again (duplicate)', base.wire],
    ['v as 0/1', withSignature(base.wire, `0x${r}${s}${v === '1b' ? '00' : '01'}`)],
    [
      'upper-case hex',
      withSignature(elsewhere.wire, `0x${elsewhere.signed.signature.slice(2).toUpperCase()}`),
    ],
    ['proxy', proxy.wire],
    ['safe', safe.wire],
    ...(version === 3
      ? ([['neg-risk domain (same contract on V3)', negRisk.wire]] as [string, unknown][])
      : []),
  ]
  return { failing, passing }
}

describe('signature cache', () => {
  it('the first order of an owner recovers its key; later ones verify against the cache', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    expect(statsOf(s)).toMatchObject({ hits: 0, misses: 0, learned: 0 })
    const first = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
    expect((await post(s, t, first.wire)).json.orderID).toBe(first.id)
    expect(statsOf(s)).toMatchObject({ hits: 0, misses: 1, learned: 1 })
    expect(sigCacheOf(s.state).has(t.address.toLowerCase())).toBe(true)
    for (let i = 0; i < 3; i++) {
      const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.31 + i / 100, size: 10 })
      const res = await post(s, t, b.wire)
      expect(res.status).toBe(200)
      expect(res.json.orderID).toBe(b.id)
    }
    expect(statsOf(s)).toMatchObject({ hits: 3, misses: 1, learned: 1, fallbacks: 0 })
    // batches use it too
    const batch = await Promise.all(
      [0.4, 0.41].map((price) => limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price, size: 10 })),
    )
    const res = await l2(
      s,
      t,
      'POST',
      '/orders',
      batch.map((b) => b.wire),
    )
    expect(res.json.map((o: { orderID: string }) => o.orderID)).toEqual(batch.map((b) => b.id))
    expect(statsOf(s).hits).toBe(5)
  })

  for (const version of [2, 3] as const) {
    it(`a cached owner's bad orders get exactly the answers of the full path (V${version})`, async () => {
      // A knows t's key, B does not: the same bodies must get the same answers
      const a = await sim({ version, deriveSecret: 'sigcache' })
      const b = await sim({ version, deriveSecret: 'sigcache' })
      const pk = `0x${'5a'.repeat(32)}`
      const other = newSigner()
      const ta = await derived(a, pk)
      const tb = await derived(b, pk)
      expect(tb.creds).toEqual(ta.creds)
      for (const s of [a, b]) await fund(s, ta.address, '1000')
      for (const s of [a, b]) await fund(s, other.address, '1000')
      const learn = await limitBody(ta, { tokenId: RAIN_YES, side: 'BUY', price: 0.1, size: 10, version })
      expect((await post(a, ta, learn.wire)).status).toBe(200)
      const { failing, passing } = await mutations(
        ta,
        { signer: other, address: other.address, creds: ta.creds },
        version,
      )
      for (const [label, wire] of failing) {
        const ra = await post(a, ta, wire)
        const rb = await post(b, tb, wire)
        expect(ra.status, label).not.toBe(200)
        expect({ status: ra.status, body: ra.json }, label).toEqual({ status: rb.status, body: rb.json })
      }
      expect(statsOf(b)).toMatchObject({ hits: 0, learned: 0 })
      expect(statsOf(a).hits).toBe(0)
      expect(statsOf(a).fallbacks).toBeGreaterThan(10)
      for (const [label, wire] of passing) {
        const ra = await post(a, ta, wire)
        const rb = await post(b, tb, wire)
        expect({ status: ra.status, body: ra.json }, label).toEqual({ status: rb.status, body: rb.json })
      }
      expect(statsOf(a).hits).toBeGreaterThanOrEqual(4)
    })
  }

  it('POLY_1271 orders verify against the wallet owner’s cached key, and broken wrappers still fail as before', async () => {
    const a = await sim({ version: 3, deriveSecret: 'sigcache-1271' })
    const b = await sim({ version: 3, deriveSecret: 'sigcache-1271' })
    const pk = `0x${'6b'.repeat(32)}`
    const ta = await derived(a, pk)
    const tb = await derived(b, pk)
    const wallet = newSigner().address
    for (const s of [a, b]) await fund(s, wallet, '1000')
    const body = (price: number) =>
      limitBody(ta, {
        tokenId: RAIN_YES,
        side: 'BUY',
        price,
        size: 10,
        signatureType: 3,
        maker: wallet,
        version: 3,
      })
    expect((await post(a, ta, (await body(0.1)).wire)).status).toBe(200)
    expect(statsOf(a)).toMatchObject({ learned: 1 })
    const good = await body(0.11)
    const sig = good.signed.signature
    const parts = Poly1271.parse(sig)
    const inner = parts.innerSignature
    const wrap = (p: Partial<Poly1271.Parts>) =>
      withSignature(
        good.wire,
        Poly1271.wrap({
          innerSignature: (p.innerSignature ?? inner) as Hex,
          domainSeparator: (p.domainSeparator ?? parts.domainSeparator) as Hex,
          contentsHash: (p.contentsHash ?? parts.contentsHash) as Hex,
        }),
      )
    const flipV = `${inner.slice(0, -2)}${inner.endsWith('1b') ? '1c' : '1b'}`
    const otherSep = Exchange.domainSeparator(Exchange.domain({ chainId: 137, version: 2, negRisk: false }))
    const failing: [string, unknown][] = [
      ['contents hash', wrap({ contentsHash: `0x${'00'.repeat(32)}` as Hex })],
      ['domain separator', wrap({ domainSeparator: otherSep })],
      ['inner v flipped', wrap({ innerSignature: flipV as Hex })],
      ['maker ≠ signer', { ...good.wire, order: { ...good.wire.order, maker: newSigner().address } }],
      [
        'contents type',
        withSignature(
          good.wire,
          `${sig.slice(0, -6)}${(Number.parseInt(sig.slice(-6, -4), 16) ^ 1).toString(16).padStart(2, '0')}${sig.slice(-4)}`,
        ),
      ],
    ]
    for (const [label, wire] of failing) {
      const ra = await post(a, ta, wire)
      const rb = await post(b, tb, wire)
      expect(ra.status, label).not.toBe(200)
      expect({ status: ra.status, body: ra.json }, label).toEqual({ status: rb.status, body: rb.json })
    }
    const before = statsOf(a).hits
    const ra = await post(a, ta, good.wire)
    const rb = await post(b, tb, good.wire)
    expect(ra.status).toBe(200)
    expect({ status: ra.status, body: ra.json }).toEqual({ status: rb.status, body: rb.json })
    expect(statsOf(a).hits).toBe(before + 1)
  })

  it('one key’s orders never verify against another owner’s cached key', async () => {
    const s = await sim()
    const alice = await trader(s, { collateral: '100' })
    const bob = await trader(s, { collateral: '100' })
    for (const t of [alice, bob]) {
      const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10 })
      expect((await post(s, t, b.wire)).status).toBe(200)
    }
    expect(sigCacheOf(s.state).size).toBe(2)
    // alice's signed order under bob's key: bob's cache entry cannot vouch for it
    const signedByAlice = await limitBody(alice, { tokenId: RAIN_YES, side: 'BUY', price: 0.31, size: 10 })
    const res = await post(s, bob, { ...signedByAlice.wire, owner: bob.creds.key })
    expect(res.status).toBe(400)
    expect(res.json.errorCode).toBe('INVALID_ORDER_SIGNER')
    expect(res.json.errorMsg).toBe(
      'INVALID_ORDER_SIGNER: the order signer address has to be the address of the API KEY',
    )
    // an order claiming bob as signer but signed by alice's key fails as a bad signature
    const built = Order.limit({
      chainId: 137,
      version: 2,
      tickSize: '0.01',
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.32,
      size: 10,
      signer: bob.address,
    })
    const forged = {
      ...built.order,
      signature: alice.signer.signDigest(Order.hash(built.order, built.domain)),
    } as SignedOrder
    const res2 = await post(s, bob, Order.toWire(forged, { owner: bob.creds.key }))
    expect(res2.json.errorCode).toBe('INVALID_ORDER_SIGNATURE')
    expect(statsOf(s)).toMatchObject({ hits: 0, fallbacks: 2, learned: 2 })
  })

  it('is bounded: many owners evict the least recently used keys', async () => {
    const cache = new SigCache(8)
    const domain = Exchange.domain({ chainId: 137, version: 2, negRisk: false })
    const owners: Address[] = []
    for (let i = 0; i < 30; i++) {
      const signer = newSigner()
      owners.push(signer.address)
      const order = async (salt: number) =>
        Order.sign(
          Order.limit({
            chainId: 137,
            version: 2,
            tickSize: '0.01',
            tokenId: RAIN_YES,
            side: 'BUY',
            price: 0.5,
            size: 10,
            signer: signer.address,
            salt,
          }),
          signer,
        )
      const address = signer.address.toLowerCase()
      expect(cache.verify(await order(1), domain, address)).toBeUndefined()
      cache.learn(await order(1), domain, address)
      for (let k = 2; k < 5; k++) {
        const o = await order(k)
        expect(cache.verify(o, domain, address)).toBe(Order.hash(o, domain).toLowerCase())
      }
      expect(cache.size).toBeLessThanOrEqual(8)
    }
    expect(cache.size).toBe(8)
    expect(cache.stats.evicted).toBe(22)
    expect(cache.stats.learned).toBe(30)
    expect(cache.stats.hits).toBe(90)
    expect(cache.has((owners[0] as string).toLowerCase())).toBe(false)
    expect(cache.has((owners[29] as string).toLowerCase())).toBe(true)
  })

  it.each(['libsecp256k1', 'noble'] as const)(
    'verifies orders signed with %s against the cached key',
    async (backend) => {
      const cache = new SigCache()
      const domain = Exchange.domain({ chainId: 137, version: 2, negRisk: false })
      const signer = Signer.fromPrivateKey(`0x${'3c'.repeat(32)}`, { backend })
      expect(signer.backend).toBe(backend)
      const order = (salt: number) =>
        Order.sign(
          Order.limit({
            chainId: 137,
            version: 2,
            tickSize: '0.01',
            tokenId: RAIN_YES,
            side: 'SELL',
            price: 0.6,
            size: 5,
            signer: signer.address,
            salt,
          }),
          signer,
        )
      const address = signer.address.toLowerCase()
      cache.learn(await order(1), domain, address)
      const o = await order(2)
      expect(cache.verify(o, domain, address)).toBe(Order.hash(o, domain).toLowerCase())
      const forged = {
        ...o,
        signature: Signer.fromPrivateKey(`0x${'3d'.repeat(32)}`, { backend }).signDigest(
          Order.hash(o, domain),
        ),
      }
      expect(cache.verify(forged as typeof o, domain, address)).toBeUndefined()
    },
  )

  it('never caches a key that does not hash to the owner’s address', async () => {
    const cache = new SigCache(4)
    const domain = Exchange.domain({ chainId: 137, version: 2, negRisk: false })
    const signer = newSigner()
    const o = await Order.sign(
      Order.limit({
        chainId: 137,
        version: 2,
        tickSize: '0.01',
        tokenId: RAIN_YES,
        side: 'BUY',
        price: 0.5,
        size: 10,
        signer: signer.address,
      }),
      signer,
    )
    cache.learn(o, domain, newSigner().address.toLowerCase())
    expect(cache.size).toBe(0)
  })
})
