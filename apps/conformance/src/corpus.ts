import { readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** One corpus case (schema: shared/vectors/README.md). */
export interface Case {
  readonly id: string
  readonly kind: string
  // biome-ignore lint/suspicious/noExplicitAny: corpus JSON is read by each kind's own adapter
  readonly input: any
  // biome-ignore lint/suspicious/noExplicitAny: see above
  readonly expected: any
}

export interface Corpus {
  readonly meta: Readonly<Record<string, unknown>>
  readonly cases: readonly Case[]
}

/** The repository root, found from this file's location (src/ or dist/). */
export const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..')

/** `$CLOB_VECTORS` (relative paths resolve against the repository root), else the public corpus. */
export function corpusPath(env: NodeJS.ProcessEnv = process.env): string {
  const p = env.CLOB_VECTORS
  if (p && p.length > 0) return isAbsolute(p) ? p : resolve(repoRoot, p)
  return resolve(repoRoot, '../shared/vectors/corpus-public.json')
}

export function loadCorpus(path = corpusPath()): Corpus {
  const json = JSON.parse(readFileSync(path, 'utf8')) as Corpus
  if (!json || !Array.isArray(json.cases)) throw new Error(`${path}: not a corpus (no "cases" array)`)
  return json
}
