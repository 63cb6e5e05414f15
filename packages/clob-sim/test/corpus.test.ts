/**
 * Replays the official TypeScript client's exact requests (vectors/corpus-public.json,
 * kinds `post_payload` and `client_request`: same bytes, same headers, same clock)
 * against the sim: it must authenticate and verify them the way the exchange does.
 */
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import { type SimHandle, type SimSeedMarket, startSim } from '@clobkit/clob-sim'
import { Exchange, Order } from '@clobkit/eip712-order'
import { afterAll, describe, expect, it } from 'vitest'

interface Case {
  id: string
  kind: string
  // biome-ignore lint/suspicious/noExplicitAny: corpus JSON
  input: any
  // biome-ignore lint/suspicious/noExplicitAny: corpus JSON
  expected: any
}

const corpusUrl = process.env.CLOB_VECTORS
  ? new URL(`file://${process.env.CLOB_VECTORS}`)
  : new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(corpusUrl, 'utf8')) as { cases: Case[] }
const cases = (kind: string) => corpus.cases.filter((c) => c.kind === kind)

const sims: SimHandle[] = []
afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()))
})

/** Sends exactly these headers (names as given) and body bytes with node:http. */
function send(
  sim: SimHandle,
  method: string,
  pathAndQuery: string,
  headers: Record<string, string>,
  body?: string,
) {
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const req = request(
      `${sim.url}${pathAndQuery}`,
      {
        method,
        headers: {
          ...headers,
          ...(body !== undefined ? { 'Content-Length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => {
          text += c
        })
        res.on('end', () => {
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = text
          }
          resolve({ status: res.statusCode ?? 0, json })
        })
      },
    )
    req.on('error', reject)
    if (body !== undefined) req.write(body)
    req.end()
  })
}

const TICKS = ['0.1', '0.01', '0.005', '0.0025', '0.001', '0.0001'] as const

/** The coarsest tick the order's price sits on (what a client fetching the market's tick would have used). */
function tickOf(o: { side: string; makerAmount: string; takerAmount: string }): SimSeedMarket['tickSize'] {
  const size = BigInt(o.side === 'BUY' ? o.takerAmount : o.makerAmount)
  const cash = BigInt(o.side === 'BUY' ? o.makerAmount : o.takerAmount)
  if (size === 0n) return '0.0001'
  const micros4 = ((cash * 10_000n * 2n) / size + 1n) / 2n // price rounded to 4 decimals, in 1e-4
  for (const t of TICKS) {
    const t4 = BigInt(Math.round(Number(t) * 10_000))
    if (micros4 % t4 === 0n) return t
  }
  return '0.0001'
}

function marketFor(
  tokenId: string,
  negRisk: boolean,
  tickSize: SimSeedMarket['tickSize'],
  i: number,
): SimSeedMarket {
  return {
    conditionId: `0x${(i + 1).toString(16).padStart(64, '0')}`,
    question: `corpus market ${i}`,
    tickSize,
    minOrderSize: '0',
    negRisk,
    tokens: [
      { tokenId, outcome: 'Yes' },
      { tokenId: String(BigInt(tokenId) ^ 1n), outcome: 'No' },
    ],
  }
}

const BUSINESS = new Set([
  'INVALID_ORDER_MIN_TICK_SIZE',
  'INVALID_ORDER_MIN_SIZE',
  'INVALID_ORDER_EXPIRATION',
  'INVALID_ORDER_NOT_ENOUGH_BALANCE',
  'FOK_ORDER_NOT_FILLED_ERROR',
  'FAK_ORDER_NOT_FILLED_ERROR',
  'INVALID_ORDER_SIGNATURE_TYPE',
])

describe('official client POST /order and /orders bytes (post_payload)', () => {
  const all = cases('post_payload').filter((c) => c.expected.request !== undefined)
  it('has cases', () => {
    expect(all.length).toBeGreaterThan(10)
  })
  let accepted = 0
  let verifiedOwn = 0
  let verifiedForeign = 0
  let mismatches = 0
  for (const c of all) {
    it(`${c.id}`, async () => {
      const i = c.input
      // biome-ignore lint/suspicious/noExplicitAny: corpus JSON
      const items: { order: any; orderVersion: number; orderMeta: any }[] =
        i.endpoint === '/order'
          ? [{ order: i.order, orderVersion: i.orderVersion, orderMeta: i.orderMeta }]
          : i.args
      const first = items[0] as (typeof items)[number]
      const negRiskExchanges = [
        '0xC5d563A36AE78145C45a50134d48A1215220f80a',
        '0xe2222d279d744050d28e00520010520000310F59',
      ]
      const seedMarkets = items.map((it, k) =>
        marketFor(
          it.order.tokenId,
          negRiskExchanges.includes(it.orderMeta.exchangeAddress),
          tickOf(it.order),
          k,
        ),
      )
      const sim = await startSim({
        admin: true,
        now: () => i.nowMs,
        chainId: first.orderMeta.domain.chainId,
        version: first.orderVersion as 1 | 2 | 3,
        seed: { markets: seedMarkets },
      })
      sims.push(sim)
      // the key the client was given, owned by its POLY_ADDRESS; every maker funded
      const key = await send(
        sim,
        'POST',
        '/_sim/keys',
        {},
        JSON.stringify({
          address: i.signerAddress,
          apiKey: i.creds.key,
          secret: i.creds.secret,
          passphrase: i.creds.passphrase,
        }),
      )
      expect(key.status).toBe(200)
      for (const it of items) {
        const tokens = { [it.order.tokenId]: '100000000' }
        await send(
          sim,
          'POST',
          '/_sim/fund',
          {},
          JSON.stringify({ address: it.order.maker, collateral: '100000000', tokens }),
        )
      }
      const req = c.expected.request
      const res = await send(sim, 'POST', i.endpoint, req.headers, req.body)
      expect(res.status).not.toBe(401)
      // biome-ignore lint/suspicious/noExplicitAny: response JSON
      const body = res.json as any
      const chainId = first.orderMeta.domain.chainId
      const version = first.orderVersion as 1 | 2 | 3
      const expectations = items.map((it, k) => {
        const negRisk = seedMarkets[k]?.negRisk ?? false
        const here = Order.verify(it.order, Exchange.domain({ chainId, version, negRisk }))
        const shape = Order.version(it.order)
        if (shape === 1 && version !== 1) return 'mismatch'
        if (shape === 2 && version === 1) return 'mismatch'
        if (!here.ok) {
          const other = version === 2 ? 3 : 2
          if (shape === 2 && Order.verify(it.order, Exchange.domain({ chainId, version: other, negRisk })).ok)
            return 'mismatch'
          return here.reason === 'MAKER_MISMATCH' ? 'INVALID_ORDER_SIGNATURE_TYPE' : 'INVALID_ORDER_SIGNATURE'
        }
        const eoa = (it.order.signatureType === 3 ? here.owner : here.signer)?.toLowerCase()
        return eoa === i.signerAddress.toLowerCase() ? 'ok' : 'INVALID_ORDER_SIGNER'
      })
      if (expectations.includes('mismatch')) {
        expect(res.status).toBe(400)
        expect(String(body.error)).toContain('order_version_mismatch')
        mismatches++
        return
      }
      const results = i.endpoint === '/order' ? [body] : body
      expect(Array.isArray(results)).toBe(true)
      expectations.forEach((e, k) => {
        const r = results[k]
        if (e !== 'ok') {
          expect(r.errorCode).toBe(e)
          if (e === 'INVALID_ORDER_SIGNER') verifiedForeign++
        } else if (r.success) {
          expect(r.orderID).toBe(items[k]?.orderMeta.orderHash)
          accepted++
        } else {
          expect(BUSINESS.has(r.errorCode), `${r.errorCode}: ${r.errorMsg}`).toBe(true)
          verifiedOwn++
        }
      })
      expect(sim.check()).toEqual([])
    })
  }
  it('verified every corpus order and detected version mismatches', () => {
    // the public corpus's orders mostly come from another key than the POSTing client's
    expect(verifiedForeign + verifiedOwn + accepted).toBeGreaterThan(5)
    expect(mismatches).toBeGreaterThan(0)
  })
})

describe('official client authenticated requests (client_request)', () => {
  for (const c of cases('client_request')) {
    it(`${c.id} ${c.input.method}`, async () => {
      const i = c.input
      const sim = await startSim({ admin: true, now: () => i.nowMs, chainId: i.client.chainId })
      sims.push(sim)
      const creds = i.client.creds
      await send(
        sim,
        'POST',
        '/_sim/keys',
        {},
        JSON.stringify({
          address: i.client.signerAddress,
          apiKey: creds.key,
          secret: creds.secret,
          passphrase: creds.passphrase,
        }),
      )
      for (const r of c.expected.requests) {
        const url = new URL(r.fullUrl)
        const res = await send(sim, r.method, url.pathname + url.search, r.headers, r.body)
        // biome-ignore lint/suspicious/noExplicitAny: response JSON
        const body = res.json as any
        expect(res.status, JSON.stringify(body)).not.toBe(401)
        switch (i.method) {
          case 'createApiKey':
          case 'deriveApiKey':
            expect(res.status).toBe(200)
            expect(typeof body.apiKey).toBe('string')
            break
          case 'getOrder':
            expect(res.status).toBe(404)
            break
          case 'cancelOrder':
          case 'cancelOrders':
            expect(res.status).toBe(200)
            expect(body.canceled).toEqual([])
            expect(Object.keys(body.not_canceled).length).toBeGreaterThan(0)
            break
          case 'postHeartbeat':
            expect(res.status).toBe(200)
            expect(typeof body.heartbeat_id).toBe('string')
            break
          default:
            expect(res.status).toBe(200)
        }
      }
    })
  }
})
