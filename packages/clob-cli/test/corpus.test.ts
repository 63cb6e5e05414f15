import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run } from '@clobkit/clob-cli'
import * as Decimal from '@clobkit/eip712-order/decimal'
import { afterAll, describe, expect, it } from 'vitest'
import { BIN, fakeIo } from './helpers.js'

interface Case {
  id: string
  kind: string
  input: {
    version: 1 | 2 | 3
    chainId: number
    client: { privateKey: string; signerAddress: string; signatureType?: number; funderAddress?: string }
    userOrder: {
      tokenID: string
      price: number
      size: number
      side: string
      expiration?: number
      feeRateBps?: number
      nonce?: number
      taker?: string
      metadata?: string
      builderCode?: string
      userUSDCBalance?: number
    }
    options: { tickSize: string; version: number; negRisk?: boolean }
    market: { negRisk: boolean; feeRateBps?: number; minTickSize: string }
    salt: string
    nowMs: number
  }
  expected: {
    error?: string
    signedOrder?: Record<string, unknown>
    orderHash?: string
    domain?: unknown
    signature?: string
  }
}

const path =
  process.env.CLOB_VECTORS ?? new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }
const limitCases = corpus.cases.filter((c) => c.kind === 'order_limit')
const config = mkdtempSync(join(tmpdir(), 'clob-corpus-'))
afterAll(() => rmSync(config, { recursive: true, force: true }))

/** Why a case cannot be expressed as an offline `clob order sign` (it needs the server or a float). */
function skipReason(c: Case): string | undefined {
  const u = c.input.userOrder
  if (/e/i.test(String(u.price)) || /e/i.test(String(u.size))) return 'exponent-notation number'
  if (u.userUSDCBalance !== undefined) return 'balance-adjusted sizing needs market fee info'
  if (c.expected.error?.includes('minimum for the market')) return 'market minimum tick needs the server'
  if (c.expected.error?.includes('fee rate')) return 'market fee rate needs the server'
  return undefined
}

function argsFor(c: Case): string[] {
  const i = c.input
  const u = i.userOrder
  const st = i.client.signatureType ?? 0
  const negRisk = i.options.negRisk ?? i.market.negRisk
  const args = [
    'order',
    'sign',
    '--offline',
    '--json',
    '--token',
    u.tokenID,
    '--side',
    u.side,
    '--price',
    String(u.price),
    '--size',
    String(u.size),
    '--tick-size',
    i.options.tickSize,
    '--exchange-version',
    String(i.version),
    '--chain',
    String(i.chainId),
    '--salt',
    i.salt,
    '--timestamp',
    String(i.nowMs),
    '--signature-type',
    String(st),
  ]
  if (i.client.funderAddress !== undefined) args.push('--funder', i.client.funderAddress)
  if (negRisk) args.push('--neg-risk')
  if (u.metadata !== undefined) args.push('--metadata', u.metadata)
  if (u.builderCode !== undefined) args.push('--builder-code', u.builderCode)
  if (u.expiration) args.push('--expires', String(u.expiration))
  if (i.version === 1) {
    args.push('--fee-rate-bps', String(i.market.feeRateBps ?? 0))
    if (u.nonce !== undefined) args.push('--nonce', String(u.nonce))
    if (u.taker !== undefined) args.push('--taker', u.taker)
  }
  return args
}

/** Is a corpus price (a JS number as the official client got it) a multiple of the tick? */
function onTick(price: string, tick: string): boolean {
  return Decimal.isMultipleOf(Decimal.parse(price, 'price'), Decimal.parse(tick, 'tick'))
}

type Outcome = 'match' | 'usage-error' | 'stricter' | 'skipped'

async function check(c: Case): Promise<Outcome> {
  if (skipReason(c) !== undefined) return 'skipped'
  const f = fakeIo({ CLOB_PRIVATE_KEY: c.input.client.privateKey, CLOB_CONFIG_DIR: config })
  const code = await run(argsFor(c), f.io)
  const st = c.input.client.signatureType ?? 0
  const funder = c.input.client.funderAddress
  const eoaWithForeignFunder =
    st === 0 && funder !== undefined && funder.toLowerCase() !== c.input.client.signerAddress.toLowerCase()
  if (eoaWithForeignFunder) {
    // The official client signs an EOA order whose maker is not the signer (the
    // exchange rejects it); clob refuses up front.
    expect(code, c.id).toBe(2)
    expect(f.err(), c.id).toContain('FUNDER_MISMATCH')
    return 'stricter'
  }
  if (c.expected.error !== undefined) {
    expect(code, `${c.id}: ${c.expected.error}`).toBe(2)
    if (c.expected.error.startsWith('invalid price')) expect(f.err(), c.id).toContain('INVALID_PRICE')
    return 'usage-error'
  }
  if (code === 2 && f.err().includes('PRICE_NOT_ON_TICK')) {
    // clob refuses a price off the tick (naming its neighbours) where the official
    // client rounds it silently; only ever for a price that really is off the tick.
    expect(onTick(String(c.input.userOrder.price), c.input.options.tickSize), c.id).toBe(false)
    return 'stricter'
  }
  if (code === 2 && f.err().includes('ZERO_AMOUNT')) {
    // an order that rounds to zero shares (D1), which the official client signs and
    // the exchange then rejects.
    return 'stricter'
  }
  expect(code, `${c.id}: ${f.err()}`).toBe(0)
  const got = JSON.parse(f.out()) as {
    signedOrder: unknown
    orderHash: string
    signature: string
    domain: unknown
  }
  // Byte-for-byte: same keys in the same order, same values.
  expect(JSON.stringify(got.signedOrder), c.id).toBe(JSON.stringify(c.expected.signedOrder))
  expect(got.orderHash, c.id).toBe(c.expected.orderHash)
  expect(got.signature, c.id).toBe(c.expected.signature)
  expect(got.domain, c.id).toEqual(c.expected.domain)
  return 'match'
}

describe('order sign --offline against the order_limit corpus', () => {
  it('reproduces every expressible case and rejects the invalid ones with exit 2', async () => {
    const tally: Record<Outcome, number> = { match: 0, 'usage-error': 0, stricter: 0, skipped: 0 }
    for (const c of limitCases) tally[await check(c)]++
    // Reported in the package README; the skipped ones need the server (tick minimum, fee rate,
    // balance-adjusted sizing) or a number that only exists as a float (1e-7).
    console.info(`corpus order_limit: ${JSON.stringify(tally)} of ${limitCases.length}`)
    expect(tally.match).toBeGreaterThanOrEqual(35)
    expect(tally.match + tally['usage-error'] + tally.stricter + tally.skipped).toBe(limitCases.length)
  })

  it('the bundled binary gives the same bytes as the source (3 cases, spawned)', () => {
    const sample = limitCases.filter(
      (c) =>
        skipReason(c) === undefined &&
        c.expected.error === undefined &&
        /^0\.\d{1,2}$/.test(String(c.input.userOrder.price)) &&
        onTick(String(c.input.userOrder.price), String(c.input.options.tickSize)),
    )
    expect(sample.length).toBeGreaterThanOrEqual(3)
    for (const c of sample.slice(0, 3)) {
      const st = c.input.client.signatureType ?? 0
      if (st === 0 && c.input.client.funderAddress !== undefined) continue
      const r = spawnSync(process.execPath, [BIN, ...argsFor(c)], {
        env: {
          PATH: process.env.PATH ?? '',
          HOME: config,
          CLOB_CONFIG_DIR: config,
          CLOB_PRIVATE_KEY: c.input.client.privateKey,
        },
        encoding: 'utf8',
      })
      expect(r.status, r.stderr).toBe(0)
      const got = JSON.parse(r.stdout) as { signedOrder: unknown; orderHash: string }
      expect(JSON.stringify(got.signedOrder)).toBe(JSON.stringify(c.expected.signedOrder))
      expect(got.orderHash).toBe(c.expected.orderHash)
      expect(r.stdout + r.stderr).not.toContain(c.input.client.privateKey.slice(2))
    }
  })
})
