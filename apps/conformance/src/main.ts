/**
 * `pnpm conformance`: runs every case of the corpus at $CLOB_VECTORS (default
 * ../shared/vectors/corpus-public.json) through clobkit's public API.
 *
 * Prints `conformance <kind>: N passed, M failed, R rejected-by-rule` per kind, then
 * `conformance: N passed, M failed` (N counts passes and the allowed D1/D2 rejections).
 * Exits 1 if any case failed, 2 on a usage error. `--kinds a,b` selects kinds;
 * `CLOB_CONFORMANCE_REPORT=file` also writes a JSON report, one entry per case.
 * Signing uses the secp256k1 backend `CLOBKIT_SECP256K1=native|noble` selects (default:
 * libsecp256k1 where it loads); `--each-backend` runs the corpus once per backend this
 * machine has, each in its own process, and fails if any run fails.
 */
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { Signer } from '@clobkit/eip712-order'
import { corpusPath, loadCorpus } from './corpus.js'
import { handlers } from './kinds/index.js'
import { run } from './runner.js'

/** Runs this script again once per available backend, forced through CLOBKIT_SECP256K1. */
function eachBackend(args: readonly string[]): number {
  let code = 0
  for (const backend of Signer.backends()) {
    const env = { ...process.env, CLOBKIT_SECP256K1: backend === 'libsecp256k1' ? 'native' : 'noble' }
    const run = spawnSync(process.execPath, [process.argv[1] as string, ...args], { env, stdio: 'inherit' })
    code = Math.max(code, run.status ?? 1)
  }
  return code
}

async function main(): Promise<number> {
  let kinds: string[]
  let verbose = false
  try {
    const { values } = parseArgs({
      options: {
        kinds: { type: 'string' },
        verbose: { type: 'boolean', short: 'v' },
        'each-backend': { type: 'boolean' },
      },
      strict: true,
    })
    if (values['each-backend'])
      return eachBackend(process.argv.slice(2).filter((a) => a !== '--each-backend'))
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
    console.error('usage: conformance [--kinds a,b] [--verbose] [--each-backend]')
    return 2
  }
  const path = corpusPath()
  const corpus = loadCorpus(path)
  console.log(`conformance: signing with ${Signer.backend()}`)
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
