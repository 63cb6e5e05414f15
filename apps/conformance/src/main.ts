/**
 * `pnpm conformance`: runs every case of the corpus at $CLOB_VECTORS (default
 * ../shared/vectors/corpus-public.json) through clobkit's public API.
 *
 * Prints `conformance <kind>: N passed, M failed, R rejected-by-rule` per kind, then
 * `conformance: N passed, M failed` (N counts passes and the allowed D1/D2 rejections).
 * Exits 1 if any case failed, 2 on a usage error. `--kinds a,b` selects kinds;
 * `CLOB_CONFORMANCE_REPORT=file` also writes a JSON report, one entry per case.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { corpusPath, loadCorpus } from './corpus.js'
import { handlers } from './kinds/index.js'
import { run } from './runner.js'

async function main(): Promise<number> {
  let kinds: string[]
  let verbose = false
  try {
    const { values } = parseArgs({
      options: { kinds: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
      strict: true,
    })
    kinds = values.kinds
      ? values.kinds
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean)
      : Object.keys(handlers)
    verbose = values.verbose === true
    for (const k of kinds)
      if (!handlers[k]) throw new Error(`unknown kind "${k}"; known: ${Object.keys(handlers).join(', ')}`)
  } catch (e) {
    console.error(`conformance: ${(e as Error).message}`)
    console.error('usage: conformance [--kinds a,b] [--verbose]')
    return 2
  }
  const path = corpusPath()
  const corpus = loadCorpus(path)
  const result = await run(corpus, handlers, kinds)
  for (const s of result.kinds) {
    console.log(
      `conformance ${s.kind}: ${s.passed} passed, ${s.failed} failed, ${s.rejected} rejected-by-rule`,
    )
  }
  const shown = verbose
    ? result.results.filter((r) => r.outcome !== 'pass')
    : result.results.filter((r) => r.outcome === 'fail')
  for (const r of shown.slice(0, verbose ? Number.POSITIVE_INFINITY : 20)) {
    console.log(`  ${r.outcome} ${r.id}${r.rule ? ` [${r.rule}]` : ''}: ${r.detail ?? ''}`)
  }
  const report = process.env.CLOB_CONFORMANCE_REPORT
  if (report) writeFileSync(report, `${JSON.stringify(result.results, null, 1)}\n`)
  console.log(`conformance: ${result.passed} passed, ${result.failed} failed`)
  return result.failed > 0 ? 1 : 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(`conformance: ${e instanceof Error ? e.message : String(e)}`)
    process.exitCode = 1
  },
)
