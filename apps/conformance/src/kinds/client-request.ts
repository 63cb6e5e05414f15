import { Conformance } from '@clobkit/clob-rest'
import type { Case } from '../corpus.js'
import { diff, fail, type Outcome, pass } from '../outcome.js'
import { expectThrow } from './auth.js'
import { polyHeaders } from './post-payload.js'

interface Recorded {
  readonly method: string
  readonly url: string
  readonly fullUrl: string
  readonly params?: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, unknown>>
  readonly body?: string
}

/** Query values as they go on the wire (the corpus records axios's pre-serialisation values). */
function wireParams(params: Readonly<Record<string, unknown>> = {}): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) out[k] = String(v)
  return out
}

/** What the corpus compares: method, path, query, exact body and POLY_* headers (not transport headers). */
function comparable(r: Recorded) {
  return {
    method: r.method,
    url: r.url,
    fullUrl: r.fullUrl,
    params: wireParams(r.params),
    body: r.body,
    headers: polyHeaders(r.headers),
  }
}

/** `client_request`: the full HTTP requests of authenticated client methods (vectors README). */
export async function clientRequest(c: Case): Promise<Outcome> {
  let requests: readonly Recorded[]
  try {
    requests = await Conformance.runClientRequest(c.input)
  } catch (e) {
    return expectThrow(c, e)
  }
  const expected = (c.expected.requests as Recorded[]).map(comparable)
  const d = diff(requests.map(comparable), expected, 'requests')
  return d ? fail(d) : pass
}
