import { type SimHandle, startSim } from '@clobkit/clob-sim'
import { OrderResponseSchema, parse } from '@clobkit/clob-types'
import { type Address, Order, type SignedOrder } from '@clobkit/eip712-order'
import { Headers } from '@clobkit/l2-auth'
import { describe, expect, it } from 'vitest'
import {
  BTC_YES,
  balance,
  book,
  ELECTION_YES,
  fund,
  HARDHAT_KEY,
  l2,
  limitBody,
  newSigner,
  nowS,
  postLimit,
  RAIN,
  RAIN_NO,
  RAIN_YES,
  raw,
  simPool,
  type Trader,
  trader,
} from './helpers.js'

const { sim, sims } = simPool()

function expectInsertError(res: { status: number; json: Record<string, unknown> }, code: string) {
  expect(res.status, JSON.stringify(res.json)).toBe(400)
  parse(OrderResponseSchema, res.json, 'insert error')
  expect(res.json.success).toBe(false)
  expect(res.json.orderID).toBe('')
  expect(res.json.errorCode).toBe(code)
  expect(String(res.json.errorMsg).startsWith(`${code}: `)).toBe(true)
  expect(res.json.error).toBe(res.json.errorMsg)
}

async function postWire(s: SimHandle, t: Trader, wire: unknown) {
  return l2(s, t, 'POST', '/order', JSON.stringify(wire))
}

async function signAmounts(
  t: Trader,
  spec: {
    tokenId: string
    side: 'BUY' | 'SELL'
    makerAmount: string
    takerAmount: string
    expiration?: number
  },
  orderType: 'GTC' | 'GTD' | 'FOK' | 'FAK' = 'GTC',
) {
  const built = Order.fromAmounts({ chainId: 137, signer: t.address, ...spec })
  const signed = await Order.sign(built, t.signer)
  return Order.toWire(signed, { owner: t.creds.key, orderType })
}

describe('POST /order: accepted orders', () => {
  it('replays the ANCHORS §B.7 request byte for byte (V2, chain 80002) and cancels it with §B.7’s DELETE', async () => {
    const s = await sim({
      chainId: 80002,
      version: 2,
      now: () => 1_700_000_000_123,
      seed: {
        markets: [
          {
            ...RAIN,
            tokens: [
              {
                tokenId: '71321045679252212594626385532706912750332728571942532289631379312455583992563',
                outcome: 'Yes',
              },
              { tokenId: '1', outcome: 'No' },
            ],
          },
        ],
      },
    })
    const creds = {
      apiKey: 'f4f247b7-4ac7-ff29-a152-04fda0a8755a',
      secret: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      passphrase: 'a'.repeat(64),
    }
    const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'
    expect((await raw(s, 'POST', '/_sim/keys', { body: JSON.stringify({ address, ...creds }) })).status).toBe(
      200,
    )
    await fund(s, address, '50')
    const body =
      '{"deferExec":false,"postOnly":false,"order":{"salt":123456789,"maker":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","signer":"0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266","tokenId":"71321045679252212594626385532706912750332728571942532289631379312455583992563","makerAmount":"50000000","takerAmount":"100000000","side":"BUY","signatureType":0,"timestamp":"1700000000123","expiration":"0","metadata":"0x0000000000000000000000000000000000000000000000000000000000000000","builder":"0x0000000000000000000000000000000000000000000000000000000000000000","signature":"0xc3a1db63561ea24a1edb45abc79414ed46afe8ff69533e0c1b71af751288d03e4d1cc6f847a1f17051e330f575d15e0a19e3dac80d0537569a404b977557de7d1c"},"owner":"f4f247b7-4ac7-ff29-a152-04fda0a8755a","orderType":"GTC"}'
    const headers = {
      POLY_ADDRESS: address,
      POLY_SIGNATURE: 'MA5_3urTk0hN2tR2NE5LccNFcqKOySShHaZxgey6S9c=',
      POLY_TIMESTAMP: '1700000000',
      POLY_API_KEY: creds.apiKey,
      POLY_PASSPHRASE: creds.passphrase,
    }
    const res = await raw(s, 'POST', '/order', { headers, body })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      success: true,
      errorMsg: '',
      orderID: '0x7449a687353d5751aa788ef5cc0d62a876eb97a686b8b8dea24310a2f8efa606',
      status: 'live',
      makingAmount: '',
      takingAmount: '',
      transactionsHashes: [],
      tradeIDs: [],
    })
    const cancel = await raw(s, 'DELETE', '/order', {
      headers: { ...headers, POLY_SIGNATURE: '1x0MiRK4bl5KJmZWFzGC-jRC4lGAHX6ptx7fUaZewNA=' },
      body: '{"orderID":"0x7449a687353d5751aa788ef5cc0d62a876eb97a686b8b8dea24310a2f8efa606"}',
    })
    expect(cancel.json).toEqual({
      canceled: ['0x7449a687353d5751aa788ef5cc0d62a876eb97a686b8b8dea24310a2f8efa606'],
      not_canceled: {},
    })
  })

  for (const version of [1, 2, 3] as const) {
    it(`accepts a V${version} order on an exchange running V${version}; order id = EIP-712 order hash`, async () => {
      const s = await sim({ version })
      const t = await trader(s, { collateral: '100' })
      const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, version })
      const res = await postWire(s, t, b.wire)
      expect(res.status).toBe(200)
      parse(OrderResponseSchema, res.json, 'ok')
      expect(res.json.orderID).toBe(b.id)
      expect(res.json.status).toBe('live')
      const open = (await l2(s, t, 'GET', `/data/order/${b.id}`)).json
      expect(open).toMatchObject({
        id: b.id,
        status: 'LIVE',
        price: '0.4',
        original_size: '10',
        size_matched: '0',
        side: 'BUY',
      })
    })
  }

  it('verifies neg-risk markets under the neg-risk exchange domain (V1/V2) and V3 under its single contract', async () => {
    const s = await sim({ version: 2 })
    const t = await trader(s, { collateral: '100' })
    const wrong = await limitBody(t, {
      tokenId: ELECTION_YES,
      side: 'BUY',
      price: 0.2,
      size: 10,
      negRisk: false,
    })
    expectInsertError(await postWire(s, t, wrong.wire), 'INVALID_ORDER_SIGNATURE')
    const right = await limitBody(t, {
      tokenId: ELECTION_YES,
      side: 'BUY',
      price: 0.2,
      size: 10,
      negRisk: true,
    })
    expect((await postWire(s, t, right.wire)).status).toBe(200)
    const s3 = await sim({ version: 3 })
    const t3 = await trader(s3, { collateral: '100' })
    const v3 = await limitBody(t3, {
      tokenId: ELECTION_YES,
      side: 'BUY',
      price: 0.2,
      size: 10,
      negRisk: false,
      version: 3,
    })
    expect((await postWire(s3, t3, v3.wire)).status).toBe(200)
  })

  it('rejects orders signed for another chain', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, chainId: 80002 })
    expectInsertError(await postWire(s, t, b.wire), 'INVALID_ORDER_SIGNATURE')
  })

  it('rejects any field changed after signing', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    const tampered = { ...b.wire, order: { ...b.wire.order, takerAmount: '20000000' } }
    expectInsertError(await postWire(s, t, tampered), 'INVALID_ORDER_SIGNATURE')
  })
})

describe('POST /order: version negotiation (PROTOCOL.md §2.9)', () => {
  it('answers 400 {error: "order_version_mismatch: …"} for an order of another version, and accepts it after /_sim/version', async () => {
    const s = await sim({ version: 2 })
    const t = await trader(s, { collateral: '100' })
    const v1 = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, version: 1 })
    const res = await postWire(s, t, v1.wire)
    expect(res.status).toBe(400)
    expect(Object.keys(res.json)).toEqual(['error'])
    expect(res.json.error).toMatch(/^order_version_mismatch: /)
    const v3 = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, version: 3 })
    expect((await postWire(s, t, v3.wire)).json.error).toMatch(/^order_version_mismatch: /)
    expect((await raw(s, 'POST', '/_sim/version', { body: '{"version":3}' })).json).toEqual({ version: 3 })
    expect((await raw(s, 'GET', '/version')).json).toEqual({ version: 3 })
    expect((await postWire(s, t, v3.wire)).status).toBe(200)
    const v2 = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.41, size: 10, version: 2 })
    expect((await postWire(s, t, v2.wire)).json.error).toMatch(/^order_version_mismatch: /)
    await raw(s, 'POST', '/_sim/version', { body: '{"version":1}' })
    expect((await postWire(s, t, v2.wire)).json.error).toMatch(/^order_version_mismatch: /)
    expect((await postWire(s, t, v1.wire)).status).toBe(200)
  })

  it('a batch with a mismatched order is rejected whole so the client refreshes /version', async () => {
    const s = await sim({ version: 2 })
    const t = await trader(s, { collateral: '100' })
    const good = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    const old = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.41, size: 10, version: 1 })
    const res = await l2(s, t, 'POST', '/orders', [good.wire, old.wire])
    expect(res.status).toBe(400)
    expect(res.json.error).toMatch(/order_version_mismatch/)
    expect((await l2(s, t, 'GET', '/data/orders')).json.data).toEqual([])
  })
})

describe('POST /order: signature types and key ownership', () => {
  it('EOA orders need maker == signer', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      maker: newSigner().address,
    })
    expectInsertError(await postWire(s, t, b.wire), 'INVALID_ORDER_SIGNATURE_TYPE')
  })

  it('proxy and safe orders spend the funder’s balance, shown under that signature_type', async () => {
    const s = await sim()
    const t = await trader(s)
    const proxy = newSigner().address
    await fund(s, proxy, '100')
    const b = await limitBody(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.52,
      size: 10,
      signatureType: 1,
      maker: proxy,
    })
    const res = await postWire(s, t, b.wire)
    expect(res.json.status).toBe('matched')
    const bal = await l2(s, t, 'GET', '/balance-allowance?asset_type=COLLATERAL&signature_type=1')
    expect(bal.json.balance).toBe('94800000')
    const tokens = await l2(
      s,
      t,
      'GET',
      `/balance-allowance?asset_type=CONDITIONAL&token_id=${RAIN_YES}&signature_type=1`,
    )
    expect(tokens.json.balance).toBe('10000000')
    expect(await balance(s, t)).toBe(0n)
  })

  it('POLY_1271 (deposit wallet): the wrapper is checked and the wallet owner must own the key', async () => {
    const s = await sim({ version: 3 })
    const t = await trader(s)
    const wallet = newSigner().address
    await fund(s, wallet, '100')
    const b = await limitBody(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      signatureType: 3,
      maker: wallet,
      version: 3,
    })
    expect((b.signed.signature.length - 2) / 2).toBe(317)
    const res = await postWire(s, t, b.wire)
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json.orderID).toBe(b.id)
    // another key's owner cannot post it
    const other = await trader(s)
    const stolen = { ...b.wire, owner: other.creds.key }
    expectInsertError(await postWire(s, other, stolen), 'INVALID_ORDER_SIGNER')
    // a corrupted wrapper (contents hash) is refused
    const sig = b.signed.signature
    const broken = `${sig.slice(0, 2 + 97 * 2)}${'00'.repeat(32)}${sig.slice(2 + 129 * 2)}`
    const bad = { ...b.wire, order: { ...b.wire.order, signature: broken, salt: b.wire.order.salt + 1 } }
    expectInsertError(await postWire(s, t, bad), 'INVALID_ORDER_SIGNATURE')
  })

  it('POLY_1271 is rejected on V1 orders', async () => {
    const s = await sim({ version: 1 })
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, version: 1 })
    const wire = { ...b.wire, order: { ...b.wire.order, signatureType: 3 } }
    const res = await postWire(s, t, wire)
    expectInsertError(res, 'INVALID_ORDER_SIGNATURE_TYPE')
    expect(res.json.errorMsg).toContain('POLY_1271')
  })

  it('the signer must own the API key, and owner must be that key', async () => {
    const s = await sim()
    const a = await trader(s, { collateral: '100' })
    const b = await trader(s, { collateral: '100' })
    const signedByA = await limitBody(a, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    expectInsertError(await postWire(s, b, { ...signedByA.wire, owner: b.creds.key }), 'INVALID_ORDER_SIGNER')
    expectInsertError(await postWire(s, b, signedByA.wire), 'INVALID_ORDER_OWNER')
  })

  it('V1 orders must carry the market’s fee rate', async () => {
    const s = await sim({ version: 1 })
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      version: 1,
      feeRateBps: '25',
    })
    expectInsertError(await postWire(s, t, b.wire), 'INVALID_ORDER_FEE_RATE')
  })
})

describe('POST /order: insert rules (PROTOCOL.md §6.2)', () => {
  it('INVALID_ORDER_MIN_TICK_SIZE: a price off the tick, and outside [tick, 1 − tick]', async () => {
    const s = await sim({ version: 3 })
    const t = await trader(s, { collateral: '100', tokens: { [RAIN_YES]: '100' } })
    const off = await signAmounts(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      makerAmount: '5030000',
      takerAmount: '10000000',
    })
    const res = await postWire(s, t, off)
    expectInsertError(res, 'INVALID_ORDER_MIN_TICK_SIZE')
    expect(res.json.errorMsg).toContain('order is invalid. Price (0.503) breaks minimum tick size rule: 0.01')
    const high = await signAmounts(t, {
      tokenId: RAIN_YES,
      side: 'SELL',
      makerAmount: '10000000',
      takerAmount: '9950000',
    })
    expectInsertError(await postWire(s, t, high), 'INVALID_ORDER_MIN_TICK_SIZE')
    const one = await signAmounts(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      makerAmount: '10000000',
      takerAmount: '10000000',
    })
    expectInsertError(await postWire(s, t, one), 'INVALID_ORDER_MIN_TICK_SIZE')
    // on the 0.001 market the same 0.123 price is fine, and 0.01 markets take 0.5
    const fine = await signAmounts(t, {
      tokenId: BTC_YES,
      side: 'BUY',
      makerAmount: '1230000',
      takerAmount: '10000000',
    })
    expect((await postWire(s, t, fine)).status).toBe(200)
    const half = await signAmounts(t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      makerAmount: '2500000',
      takerAmount: '5000000',
    })
    expect((await postWire(s, t, half)).status).toBe(200)
  })

  it('a tick-size change applies to new orders', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    expect(
      (
        await raw(s, 'POST', '/_sim/tick-size', {
          body: JSON.stringify({ token_id: RAIN_YES, tick_size: '0.1' }),
        })
      ).status,
    ).toBe(200)
    expect((await raw(s, 'GET', `/tick-size?token_id=${RAIN_YES}`)).json).toEqual({ minimum_tick_size: 0.1 })
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.41, size: 10 }),
      'INVALID_ORDER_MIN_TICK_SIZE',
    )
    expect(
      (await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10, tickSize: '0.1' }))
        .status,
    ).toBe(200)
  })

  it('market BUY amounts (collateral / price, truncated) pass the tick rule and fill at maker prices', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const built = Order.market({
      chainId: 137,
      version: 2,
      tickSize: '0.01',
      tokenId: RAIN_YES,
      side: 'BUY',
      amount: 100,
      price: 0.56,
      signer: t.address,
    })
    expect(built.order.takerAmount).toBe('178571400')
    const signed = await Order.sign(built, t.signer)
    const res = await postWire(s, t, Order.toWire(signed, { owner: t.creds.key, orderType: 'FOK' }))
    expect(res.json.status).toBe('matched')
    // 100 @ .52 + 78.5714 @ .53
    expect(res.json.takingAmount).toBe('178571400')
    expect(res.json.makingAmount).toBe(String(52_000_000 + Math.floor(78_571_400 * 0.53)))
  })

  it('float-noise amounts one unit under price × size are on the tick; a BUY never pays more than it signed', async () => {
    const s = await sim({ version: 3 })
    const t = await trader(s, { collateral: '100' })
    const seller = await trader(s, { tokens: { [RAIN_NO]: '100' } })
    expect(
      (await postLimit(s, seller, { tokenId: RAIN_NO, side: 'SELL', price: 0.5, size: 10, version: 3 }))
        .status,
    ).toBe(200)
    const far = await signAmounts(t, {
      tokenId: RAIN_NO,
      side: 'BUY',
      makerAmount: '4999000',
      takerAmount: '10000000',
    })
    expectInsertError(await postWire(s, t, far), 'INVALID_ORDER_MIN_TICK_SIZE')
    const noisy = await signAmounts(t, {
      tokenId: RAIN_NO,
      side: 'BUY',
      makerAmount: '4999999',
      takerAmount: '10000000',
    })
    const res = await postWire(s, t, noisy)
    expect(res.json).toMatchObject({ status: 'matched', makingAmount: '4999999', takingAmount: '10000000' })
    expect(await balance(s, t)).toBe(95_000_001n)
    expect(await balance(s, seller)).toBe(4_999_999n)
  })

  it('INVALID_ORDER_MIN_SIZE for resting orders below the market minimum', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const res = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 4.99 })
    expectInsertError(res, 'INVALID_ORDER_MIN_SIZE')
    expect(res.json.errorMsg).toContain('Size (4.99) lower than the minimum: 5')
    expect((await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 5 })).status).toBe(200)
  })

  it('INVALID_ORDER_EXPIRATION: GTD needs expiration > now + 60 s; other types need 0; GTD leaves the book at expiration − 60 s', async () => {
    let now = 1_800_000_000_000
    const s = await sim({ now: () => now })
    const t = await trader(s, { collateral: '100' })
    const nowSec = nowS(s)
    expectInsertError(
      await postLimit(s, t, {
        tokenId: RAIN_YES,
        side: 'BUY',
        price: 0.4,
        size: 10,
        orderType: 'GTD',
        expiration: nowSec + 60,
      }),
      'INVALID_ORDER_EXPIRATION',
    )
    expectInsertError(
      await postLimit(s, t, {
        tokenId: RAIN_YES,
        side: 'BUY',
        price: 0.4,
        size: 10,
        orderType: 'GTD',
        expiration: 0,
      }),
      'INVALID_ORDER_EXPIRATION',
    )
    expectInsertError(
      await postLimit(s, t, {
        tokenId: RAIN_YES,
        side: 'BUY',
        price: 0.4,
        size: 10,
        orderType: 'GTC',
        expiration: nowSec + 3600,
      }),
      'INVALID_ORDER_EXPIRATION',
    )
    const gtd = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      orderType: 'GTD',
      expiration: nowSec + 90,
    })
    expect(gtd.status).toBe(200)
    expect((await book(s, RAIN_YES)).bids[0]).toEqual({ price: '0.4', size: '10' })
    now += 29_000
    expect((await book(s, RAIN_YES)).bids[0]).toEqual({ price: '0.4', size: '10' })
    now += 1_000
    expect((await book(s, RAIN_YES)).bids[0].price).toBe('0.45')
    expect((await l2(s, t, 'GET', `/data/order/${gtd.id}`)).json.status).toBe('CANCELED')
    expect(await balance(s, t)).toBe(100_000_000n)
  })

  it('INVALID_ORDER_DUPLICATED for the same signed order twice', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    expect((await postWire(s, t, b.wire)).status).toBe(200)
    const dup = await postWire(s, t, b.wire)
    expectInsertError(dup, 'INVALID_ORDER_DUPLICATED')
    expect(dup.json.errorMsg).toContain('order is invalid. Duplicated.')
    await l2(s, t, 'DELETE', '/order', { orderID: b.id })
    expectInsertError(await postWire(s, t, b.wire), 'INVALID_ORDER_DUPLICATED')
  })

  it('post-only: crossing is INVALID_POST_ONLY_ORDER, FOK/FAK is INVALID_POST_ONLY_ORDER_TYPE', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.52, size: 10, postOnly: true }),
      'INVALID_POST_ONLY_ORDER',
    )
    expect(
      (await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.51, size: 10, postOnly: true })).json
        .status,
    ).toBe('live')
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 10, orderType: 'GTC' })
    const wire = { ...b.wire, postOnly: true, orderType: 'FOK' }
    expectInsertError(await postWire(s, t, wire), 'INVALID_POST_ONLY_ORDER_TYPE')
  })

  it('FOK fills completely or not at all; FAK fills what it can and cancels the rest', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const before = await book(s, RAIN_YES)
    const fok = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.53,
      size: 281,
      orderType: 'FOK',
    })
    expectInsertError(fok, 'FOK_ORDER_NOT_FILLED_ERROR')
    expect(fok.json.errorMsg).toContain(
      "order couldn't be fully filled. FOK orders are fully filled or killed.",
    )
    expect((await book(s, RAIN_YES)).asks).toEqual(before.asks)
    const full = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.53,
      size: 280,
      orderType: 'FOK',
    })
    expect(full.json.status).toBe('matched')
    expect(full.json.takingAmount).toBe('280000000')
    const fak = await postLimit(s, t, {
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.54,
      size: 500,
      orderType: 'FAK',
    })
    expect(fak.json.status).toBe('matched')
    expect(fak.json.takingAmount).toBe('220000000')
    expect((await book(s, RAIN_YES)).asks.at(-1)).toEqual({ price: '0.55', size: '300' })
    expect((await book(s, RAIN_YES)).bids.at(-1)?.price).toBe('0.48')
    expect((await l2(s, t, 'GET', `/data/order/${fak.id}`)).json).toMatchObject({
      status: 'MATCHED',
      size_matched: '220',
      original_size: '500',
    })
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.54, size: 10, orderType: 'FAK' }),
      'FAK_ORDER_NOT_FILLED_ERROR',
    )
  })

  it('balance rail: maxOrderSize = balance − Σ(open − filled), BUY in collateral, SELL in tokens', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '10', tokens: { [RAIN_NO]: '20' } })
    const first = await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 20 })
    expect(first.status).toBe(200)
    const res = await postLimit(s, t, {
      tokenId: BTC_YES,
      side: 'BUY',
      price: 0.1,
      size: 21,
      tickSize: '0.001',
    })
    expectInsertError(res, 'INVALID_ORDER_NOT_ENOUGH_BALANCE')
    expect(res.json.errorMsg).toContain('not enough balance / allowance')
    expect(
      (await postLimit(s, t, { tokenId: BTC_YES, side: 'BUY', price: 0.1, size: 20, tickSize: '0.001' }))
        .status,
    ).toBe(200)
    await l2(s, t, 'DELETE', '/order', { orderID: first.id })
    expect(
      (await postLimit(s, t, { tokenId: BTC_YES, side: 'BUY', price: 0.1, size: 80, tickSize: '0.001' }))
        .status,
    ).toBe(200)
    expect((await postLimit(s, t, { tokenId: RAIN_NO, side: 'SELL', price: 0.6, size: 15 })).status).toBe(200)
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_NO, side: 'SELL', price: 0.6, size: 6 }),
      'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    )
    expect((await postLimit(s, t, { tokenId: RAIN_NO, side: 'SELL', price: 0.6, size: 5 })).status).toBe(200)
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_YES, side: 'SELL', price: 0.6, size: 5 }),
      'INVALID_ORDER_NOT_ENOUGH_BALANCE',
    )
  })

  it('MARKET_NOT_READY when the market does not accept orders', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    await raw(s, 'POST', '/_sim/market', {
      body: JSON.stringify({ condition_id: RAIN.conditionId, accepting_orders: false }),
    })
    expectInsertError(
      await postLimit(s, t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 }),
      'MARKET_NOT_READY',
    )
  })

  it('malformed orders and unknown tokens are 400s in the insert shape', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const b = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    const { signature: _, ...unsigned } = b.wire.order
    expectInsertError(await postWire(s, t, { ...b.wire, order: unsigned }), 'INVALID_ORDER_PAYLOAD')
    expectInsertError(await postWire(s, t, { ...b.wire, orderType: 'IOC' }), 'INVALID_ORDER_PAYLOAD')
    expectInsertError(
      await postWire(s, t, { ...b.wire, order: { ...b.wire.order, side: 'buy' } }),
      'INVALID_ORDER_PAYLOAD',
    )
    expectInsertError(
      await postWire(s, t, { ...b.wire, order: { ...b.wire.order, makerAmount: 5 } }),
      'INVALID_ORDER_PAYLOAD',
    )
    const unknown = await limitBody(t, { tokenId: '12345', side: 'BUY', price: 0.4, size: 10 })
    expectInsertError(await postWire(s, t, unknown.wire), 'INVALID_ORDER_MARKET')
    expect((await l2(s, t, 'POST', '/order', '{"order":')).status).toBe(400)
  })
})

describe('POST /orders (batch)', () => {
  it('answers one OrderResponse per order, in order, failures included', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '100' })
    const a = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 10 })
    const tiny = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.4, size: 1 })
    const c = await limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.52, size: 10 })
    const res = await l2(s, t, 'POST', '/orders', [a.wire, tiny.wire, c.wire])
    expect(res.status).toBe(200)
    expect(res.json.map((r: { success: boolean }) => r.success)).toEqual([true, false, true])
    expect(res.json[0].orderID).toBe(a.id)
    expect(res.json[1].errorCode).toBe('INVALID_ORDER_MIN_SIZE')
    expect(res.json[2].status).toBe('matched')
  })

  it('rejects more than 15 orders and empty batches', async () => {
    const s = await sim()
    const t = await trader(s, { collateral: '1000' })
    const bodies = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        limitBody(t, { tokenId: RAIN_YES, side: 'BUY', price: 0.3, size: 5 + i }),
      ),
    )
    const res = await l2(
      s,
      t,
      'POST',
      '/orders',
      bodies.map((b) => b.wire),
    )
    expect(res.status).toBe(400)
    expect(res.json.error).toContain('at most 15')
    expect((await l2(s, t, 'POST', '/orders', [])).status).toBe(400)
    expect(
      (
        await l2(
          s,
          t,
          'POST',
          '/orders',
          bodies.slice(0, 15).map((b) => b.wire),
        )
      ).json.length,
    ).toBe(15)
  })
})

describe('official-client shapes', () => {
  it('accepts the V1 body layout with taker, nonce and feeRateBps and a lowercase maker', async () => {
    const s = await startSim({ version: 1, admin: true })
    sims.push(s)
    const signer = newSigner(HARDHAT_KEY)
    const headers = (await Headers.l1({ signer, chainId: 137, timestamp: nowS(s) })) as unknown as Record<
      string,
      string
    >
    const key = (await raw(s, 'POST', '/auth/api-key', { headers })).json
    const t: Trader = {
      signer,
      address: signer.address,
      creds: { key: key.apiKey, secret: key.secret, passphrase: key.passphrase },
    }
    await fund(s, signer.address, '100')
    const built = Order.limit({
      chainId: 137,
      version: 1,
      tickSize: '0.01',
      tokenId: RAIN_YES,
      side: 'BUY',
      price: 0.4,
      size: 10,
      signer: signer.address.toLowerCase() as Address,
      maker: signer.address.toLowerCase() as Address,
    })
    const signed = (await Order.sign(built, signer)) as SignedOrder
    const wire = Order.toWire(signed, { owner: t.creds.key })
    expect(Object.keys(wire.order)).toContain('taker')
    const res = await postWire(s, t, wire)
    expect(res.status, JSON.stringify(res.json)).toBe(200)
    expect(res.json.orderID).toBe(Order.hash(signed, built.domain).toLowerCase())
  })
})
