import type { SimHandle } from '@clobkit/clob-sim'
import { ApiKeyCredsSchema, ApiKeysResponseSchema, parse } from '@clobkit/clob-types'
import { Headers, Hmac } from '@clobkit/l2-auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HARDHAT_KEY, l1Headers, l2, l2Headers, newSigner, nowS, raw, start, trader } from './helpers.js'

let sim: SimHandle
beforeAll(async () => {
  sim = await start()
})
afterAll(() => sim.stop())

describe('L1: POST /auth/api-key and GET /auth/derive-api-key', () => {
  it('binds one key per (address, nonce): a second create is refused, derive returns the created key', async () => {
    const signer = newSigner()
    const c1 = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer) })
    expect(c1.status).toBe(200)
    parse(ApiKeyCredsSchema, c1.json, 'create')
    expect(c1.json.apiKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(c1.json.secret).toMatch(/^[A-Za-z0-9_-]{43}=$/)
    expect(c1.json.passphrase).toMatch(/^[0-9a-f]{64}$/)
    // nonce 0 has a key now: the exchange refuses another, in its {error} shape (PROTOCOL.md §6.1)
    const c2 = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer) })
    expect(c2.status).toBe(400)
    expect(c2.json).toEqual({ error: 'Could not create api key' })
    // derive at that nonce answers the key that was created, every time
    const d1 = await raw(sim, 'GET', '/auth/derive-api-key', { headers: await l1Headers(sim, signer) })
    const d2 = await raw(sim, 'GET', '/auth/derive-api-key', { headers: await l1Headers(sim, signer) })
    expect(d1.status).toBe(200)
    expect(d1.json).toEqual(c1.json)
    expect(d2.json).toEqual(c1.json)
    // another nonce is another key: derived first, it holds the nonce against a create
    const d7 = await raw(sim, 'GET', '/auth/derive-api-key', { headers: await l1Headers(sim, signer, 7) })
    expect(d7.status).toBe(200)
    expect(d7.json.apiKey).not.toBe(c1.json.apiKey)
    expect(
      (await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer, 7) })).status,
    ).toBe(400)
    const c3 = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer, 3) })
    expect(c3.status).toBe(200)
    expect(new Set([c1.json.apiKey, d7.json.apiKey, c3.json.apiKey]).size).toBe(3)
    // deleting the key frees its nonce
    const t = {
      signer,
      address: signer.address,
      creds: { key: c1.json.apiKey, secret: c1.json.secret, passphrase: c1.json.passphrase },
    }
    expect((await l2(sim, t, 'DELETE', '/auth/api-key')).status).toBe(200)
    const again = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, signer) })
    expect(again.status).toBe(200)
    expect(again.json.apiKey).not.toBe(c1.json.apiKey)
    expect(
      (await raw(sim, 'GET', '/auth/derive-api-key', { headers: await l1Headers(sim, signer) })).json,
    ).toEqual(again.json)
  })

  it('derive is deterministic per address and nonce for the same derive secret', async () => {
    const pk = `0x${'11'.repeat(32)}`
    const a = await start({ deriveSecret: 'same' })
    const b = await start({ deriveSecret: 'same' })
    try {
      const signer = newSigner(pk)
      const fromA = await raw(a, 'GET', '/auth/derive-api-key', { headers: await l1Headers(a, signer, 2) })
      const fromB = await raw(b, 'GET', '/auth/derive-api-key', { headers: await l1Headers(b, signer, 2) })
      expect(fromA.status).toBe(200)
      expect(fromA.json).toEqual(fromB.json)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  it('derive with the same deriveSecret gives the same key in another sim', async () => {
    const a = await start({ deriveSecret: 'shared' })
    const b = await start({ deriveSecret: 'shared' })
    try {
      const signer = newSigner(HARDHAT_KEY)
      const ka = await raw(a, 'GET', '/auth/derive-api-key', { headers: await l1Headers(a, signer) })
      const kb = await raw(b, 'GET', '/auth/derive-api-key', { headers: await l1Headers(b, signer) })
      expect(ka.json).toEqual(kb.json)
    } finally {
      await Promise.all([a.stop(), b.stop()])
    }
  })

  it('accepts a lowercase POLY_ADDRESS (as RS sends it)', async () => {
    const signer = newSigner()
    const headers = await Headers.l1({
      signer,
      chainId: 137,
      timestamp: nowS(sim),
      address: signer.address.toLowerCase(),
    })
    const res = await raw(sim, 'POST', '/auth/api-key', {
      headers: headers as unknown as Record<string, string>,
    })
    expect(res.status).toBe(200)
  })

  it('rejects a stale timestamp, a forged signature, another chain, and missing headers with 401', async () => {
    const signer = newSigner()
    const stale = await Headers.l1({ signer, chainId: 137, timestamp: nowS(sim) - 3600 })
    expect(
      (await raw(sim, 'POST', '/auth/api-key', { headers: stale as unknown as Record<string, string> }))
        .status,
    ).toBe(401)
    const amoy = await Headers.l1({ signer, chainId: 80002, timestamp: nowS(sim) })
    expect(
      (await raw(sim, 'POST', '/auth/api-key', { headers: amoy as unknown as Record<string, string> }))
        .status,
    ).toBe(401)
    const other = newSigner()
    const forged = { ...(await l1Headers(sim, other)), POLY_ADDRESS: signer.address }
    const res = await raw(sim, 'POST', '/auth/api-key', { headers: forged })
    expect(res.status).toBe(401)
    expect(res.json.error).toBe('Invalid L1 Request headers')
    const missing = await raw(sim, 'GET', '/auth/derive-api-key')
    expect(missing.status).toBe(401)
  })

  it('honours authWindowSeconds', async () => {
    const s = await start({ authWindowSeconds: 5 })
    try {
      const signer = newSigner()
      const h = await Headers.l1({ signer, chainId: 137, timestamp: nowS(s) - 10 })
      expect(
        (await raw(s, 'POST', '/auth/api-key', { headers: h as unknown as Record<string, string> })).status,
      ).toBe(401)
      const ok = await Headers.l1({ signer, chainId: 137, timestamp: nowS(s) - 4 })
      expect(
        (await raw(s, 'POST', '/auth/api-key', { headers: ok as unknown as Record<string, string> })).status,
      ).toBe(200)
    } finally {
      await s.stop()
    }
  })
})

describe('L2 HMAC verification', () => {
  it('verifies the exact received body bytes and the path without the query', async () => {
    const t = await trader(sim)
    const body = '{"heartbeat_id":""}'
    const ok = await raw(sim, 'POST', '/v1/heartbeats', {
      headers: l2Headers(sim, t, 'POST', '/v1/heartbeats', body),
      body,
    })
    expect(ok.status).toBe(200)
    // same JSON, different bytes (a space): the HMAC no longer matches
    const spaced = '{"heartbeat_id": ""}'
    const bad = await raw(sim, 'POST', '/v1/heartbeats', {
      headers: l2Headers(sim, t, 'POST', '/v1/heartbeats', body),
      body: spaced,
    })
    expect(bad.status).toBe(401)
    expect(bad.json.error).toBe('Unauthorized/Invalid api key')
    // the query is not signed
    const q = await raw(sim, 'GET', '/data/orders?next_cursor=MA==', {
      headers: l2Headers(sim, t, 'GET', '/data/orders'),
    })
    expect(q.status).toBe(200)
    // signing the query in makes it fail
    const signedQuery = await raw(sim, 'GET', '/data/orders?next_cursor=MA==', {
      headers: l2Headers(sim, t, 'GET', '/data/orders?next_cursor=MA=='),
    })
    expect(signedQuery.status).toBe(401)
    // the method is part of the message
    const wrongMethod = await raw(sim, 'GET', '/data/orders', {
      headers: l2Headers(sim, t, 'POST', '/data/orders'),
    })
    expect(wrongMethod.status).toBe(401)
  })

  it('rejects unknown keys, wrong passphrases, other addresses and stale timestamps', async () => {
    const t = await trader(sim)
    const base = l2Headers(sim, t, 'GET', '/data/orders')
    const cases: Record<string, string>[] = [
      { ...base, POLY_API_KEY: '00000000-0000-4000-8000-000000000000' },
      { ...base, POLY_PASSPHRASE: 'x'.repeat(64) },
      { ...base, POLY_ADDRESS: newSigner().address },
      {
        ...base,
        POLY_TIMESTAMP: String(nowS(sim) - 3600),
        POLY_SIGNATURE: Hmac.sign({
          secret: t.creds.secret,
          timestamp: nowS(sim) - 3600,
          method: 'GET',
          path: '/data/orders',
        }),
      },
      (() => {
        const { POLY_SIGNATURE: _, ...rest } = base
        return rest
      })(),
    ]
    for (const headers of cases) {
      const res = await raw(sim, 'GET', '/data/orders', { headers })
      expect(res.status).toBe(401)
      if (res.json.reason === 'stale_timestamp') continue
      expect(res.json.error).toBe('Unauthorized/Invalid api key')
    }
  })

  it('a timestamp outside the window is reported as a clock problem, with both clocks', async () => {
    const t = await trader(sim)
    const stale = nowS(sim) - 3600
    const l2stale = {
      ...l2Headers(sim, t, 'GET', '/data/orders'),
      POLY_TIMESTAMP: String(stale),
      POLY_SIGNATURE: Hmac.sign({
        secret: t.creds.secret,
        timestamp: stale,
        method: 'GET',
        path: '/data/orders',
      }),
    }
    const res = await raw(sim, 'GET', '/data/orders', { headers: l2stale })
    expect(res.status).toBe(401)
    expect(res.json).toMatchObject({
      reason: 'stale_timestamp',
      windowSeconds: 300,
      serverTime: expect.any(Number),
    })
    expect(res.json.serverTime - stale).toBeGreaterThanOrEqual(3600)
    expect(res.json.error).toMatch(
      /^Unauthorized\/Invalid api key: POLY_TIMESTAMP \d+ is 36\d\d s behind the server clock \(\d+\); the window is ±300 s — check the clock$/,
    )
    const ahead = (await Headers.l1({
      signer: t.signer,
      chainId: 137,
      timestamp: nowS(sim) + 900,
    })) as unknown as Record<string, string>
    const l1 = await raw(sim, 'GET', '/auth/derive-api-key', { headers: ahead })
    expect(l1.status).toBe(401)
    expect(l1.json.reason).toBe('stale_timestamp')
    expect(l1.json.error).toMatch(
      /^Invalid L1 Request headers: POLY_TIMESTAMP \d+ is 9\d\d s ahead of the server clock/,
    )
  })

  it('GET /auth/api-keys lists the address’s keys; DELETE /auth/api-key revokes the calling key', async () => {
    const t = await trader(sim)
    const second = await raw(sim, 'POST', '/auth/api-key', { headers: await l1Headers(sim, t.signer, 1) })
    const list = parse(ApiKeysResponseSchema, (await l2(sim, t, 'GET', '/auth/api-keys')).json, 'keys')
    expect(new Set(list.apiKeys)).toEqual(new Set([t.creds.key, second.json.apiKey]))
    expect((await l2(sim, t, 'DELETE', '/auth/api-key')).status).toBe(200)
    expect((await l2(sim, t, 'GET', '/auth/api-keys')).status).toBe(401)
  })
})

describe('readonly and builder keys', () => {
  it('creates, lists, validates and deletes readonly keys', async () => {
    const t = await trader(sim)
    const created = await l2(sim, t, 'POST', '/auth/readonly-api-key')
    expect(created.status).toBe(200)
    const key = created.json.apiKey as string
    expect((await l2(sim, t, 'GET', '/auth/readonly-api-keys')).json).toEqual([key])
    const valid = await raw(sim, 'GET', `/auth/validate-readonly-api-key?address=${t.address}&key=${key}`)
    expect(valid.status).toBe(200)
    expect((await l2(sim, t, 'DELETE', '/auth/readonly-api-key', { key })).json).toBe(true)
    expect((await l2(sim, t, 'DELETE', '/auth/readonly-api-key', { key })).json).toBe(false)
    expect(
      (await raw(sim, 'GET', `/auth/validate-readonly-api-key?address=${t.address}&key=${key}`)).status,
    ).toBe(401)
  })

  it('creates, lists and revokes builder keys; builder headers are verified on POST /order', async () => {
    const t = await trader(sim)
    const created = await l2(sim, t, 'POST', '/auth/builder-api-key')
    expect(Object.keys(created.json)).toEqual(['key', 'secret', 'passphrase'])
    const list = (await l2(sim, t, 'GET', '/auth/builder-api-key')).json
    expect(list).toEqual([{ key: created.json.key, createdAt: expect.any(String), revokedAt: null }])
    const body = '[]'
    const builder = Headers.builder({
      credentials: {
        key: created.json.key,
        secret: created.json.secret,
        passphrase: created.json.passphrase,
      },
      method: 'POST',
      path: '/orders',
      body,
      timestamp: nowS(sim),
    }) as unknown as Record<string, string>
    // valid builder headers pass (the empty batch is then a 400 for the body, not a 401)
    const withBuilder = await raw(sim, 'POST', '/orders', {
      headers: { ...l2Headers(sim, t, 'POST', '/orders', body), ...builder },
      body,
    })
    expect(withBuilder.status).toBe(400)
    const forged = { ...builder, POLY_BUILDER_SIGNATURE: `${'A'.repeat(43)}=` }
    const bad = await raw(sim, 'POST', '/orders', {
      headers: { ...l2Headers(sim, t, 'POST', '/orders', body), ...forged },
      body,
    })
    expect(bad.status).toBe(401)
    expect((await l2(sim, t, 'DELETE', '/auth/builder-api-key')).status).toBe(200)
    expect((await l2(sim, t, 'GET', '/auth/builder-api-key')).json[0].revokedAt).toEqual(expect.any(String))
    const revoked = await raw(sim, 'POST', '/orders', {
      headers: { ...l2Headers(sim, t, 'POST', '/orders', body), ...builder },
      body,
    })
    expect(revoked.status).toBe(401)
  })
})
