import type { Case, Corpus } from './corpus.js'
import { describeError, fail, type Outcome } from './outcome.js'

export type KindHandler = (c: Case) => Outcome | Promise<Outcome>

export interface CaseResult {
  readonly id: string
  readonly kind: string
  readonly outcome: Outcome['outcome']
  readonly rule?: string
  readonly detail?: string
}

export interface KindSummary {
  readonly kind: string
  passed: number
  failed: number
  rejected: number
}

export interface RunResult {
  readonly results: CaseResult[]
  readonly kinds: KindSummary[]
  readonly passed: number
  readonly failed: number
}

/** Runs every case whose kind is selected; a handler that throws counts as a failure. */
export async function run(
  corpus: Corpus,
  handlers: Readonly<Record<string, KindHandler>>,
  kinds: readonly string[] = Object.keys(handlers),
): Promise<RunResult> {
  for (const k of kinds)
    if (!handlers[k]) throw new Error(`unknown kind "${k}" (known: ${Object.keys(handlers).join(', ')})`)
  const summaries = new Map<string, KindSummary>()
  for (const k of kinds) summaries.set(k, { kind: k, passed: 0, failed: 0, rejected: 0 })
  const results: CaseResult[] = []
  for (const c of corpus.cases) {
    const summary = summaries.get(c.kind)
    const handler = handlers[c.kind]
    if (!summary || !handler) continue
    let outcome: Outcome
    try {
      outcome = await handler(c)
    } catch (e) {
      outcome = fail(`handler threw: ${describeError(e)}`)
    }
    if (outcome.outcome === 'pass') summary.passed++
    else if (outcome.outcome === 'fail') summary.failed++
    else summary.rejected++
    results.push({
      id: c.id,
      kind: c.kind,
      outcome: outcome.outcome,
      ...(outcome.outcome === 'rejected-by-rule' ? { rule: outcome.rule } : {}),
      ...(outcome.outcome !== 'pass' ? { detail: outcome.detail } : {}),
    })
  }
  const list = [...summaries.values()]
  return {
    results,
    kinds: list,
    passed: list.reduce((n, s) => n + s.passed + s.rejected, 0),
    failed: list.reduce((n, s) => n + s.failed, 0),
  }
}
