import { readFileSync } from 'node:fs'
import { Conformance } from '@clobkit/clob-rest'
import { describe, expect, it } from 'vitest'

interface Case {
  id: string
  kind: string
  input: Record<string, unknown>
  expected: Record<string, unknown>
}

const corpusUrl =
  process.env.CLOB_VECTORS ?? new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(corpusUrl, 'utf8')) as { cases: Case[] }
const clientRequests = corpus.cases.filter((c) => c.kind === 'client_request')
const postPayloads = corpus.cases.filter((c) => c.kind === 'post_payload')

interface ExpectedRequest {
  method: string
  url: string
  fullUrl: string
  params?: Record<string, string | number>
  headers: Record<string, string>
  body?: string
}

const polyHeaders = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => k.startsWith('POLY_')))

describe('client_request corpus', () => {
  it('has cases', () => {
    expect(clientRequests.length).toBeGreaterThan(0)
  })

  it.each(clientRequests.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const got = await Conformance.runClientRequest(c.input as unknown as Conformance.ClientRequestInput)
    const want = (c.expected as { requests: ExpectedRequest[] }).requests
    expect(got.length).toBe(want.length)
    want.forEach((w, i) => {
      const g = got[i]
      expect(g?.method).toBe(w.method)
      expect(g?.url).toBe(w.url)
      expect(g?.fullUrl).toBe(w.fullUrl)
      expect(g?.params).toEqual(
        w.params === undefined
          ? undefined
          : Object.fromEntries(Object.entries(w.params).map(([k, v]) => [k, String(v)])),
      )
      expect(g?.body).toBe(w.body)
      // Key order of the POLY_* headers is the official one, too.
      expect(Object.entries(polyHeaders(g?.headers ?? {}))).toEqual(Object.entries(polyHeaders(w.headers)))
    })
  })
})

describe('post_payload corpus', () => {
  it.each(postPayloads.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const expected = c.expected as { request?: ExpectedRequest; error?: string }
    const run = Conformance.runPostPayload(c.input as unknown as Conformance.PostPayloadInput)
    if (expected.error !== undefined) {
      await expect(run).rejects.toThrow(expected.error)
      return
    }
    const got = await run
    const want = expected.request as ExpectedRequest
    expect(got.method).toBe(want.method)
    expect(got.url).toBe(want.url)
    expect(got.body).toBe(want.body)
    expect(Object.entries(polyHeaders(got.headers))).toEqual(Object.entries(polyHeaders(want.headers)))
  })
})
