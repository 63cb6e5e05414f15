import { describe, expect, it } from 'vitest'
import { loadCorpus } from '../src/corpus.js'
import { handlers } from '../src/kinds/index.js'
import { run } from '../src/runner.js'

const corpus = loadCorpus()

describe('public corpus through the public API', () => {
  const kinds = Object.keys(handlers)

  it.each(kinds)('%s: every case passes or is an allowed D1/D2 rejection', async (kind) => {
    const cases = corpus.cases.filter((c) => c.kind === kind)
    expect(cases.length).toBeGreaterThan(0)
    const result = await run({ meta: corpus.meta, cases }, handlers, [kind])
    const failures = result.results.filter((r) => r.outcome === 'fail')
    expect(failures, failures.map((f) => `${f.id}: ${f.detail}`).join('\n')).toEqual([])
    expect(result.failed).toBe(0)
  })

  it('allows D1/D2 only for order kinds and names the rule', async () => {
    const result = await run(corpus, handlers)
    for (const r of result.results.filter((x) => x.outcome === 'rejected-by-rule')) {
      expect(['order_limit', 'order_market']).toContain(r.kind)
      expect(['D1', 'D2']).toContain(r.rule)
      expect(r.detail).toMatch(r.rule === 'D1' ? /ZERO_AMOUNT/ : /PRICE_NOT_ON_TICK/)
    }
  })
})
