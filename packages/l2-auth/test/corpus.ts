import { readFileSync } from 'node:fs'

/** One corpus case (schema in shared/vectors/README.md). */
export interface Case {
  readonly id: string
  readonly kind: string
  // biome-ignore lint/suspicious/noExplicitAny: corpus inputs are heterogeneous JSON
  readonly input: any
  // biome-ignore lint/suspicious/noExplicitAny: corpus expectations are heterogeneous JSON
  readonly expected: any
}

const path =
  process.env.CLOB_VECTORS ?? new URL('../../../../shared/vectors/corpus-public.json', import.meta.url)
const corpus = JSON.parse(readFileSync(path, 'utf8')) as { cases: Case[] }

/** All cases of one kind. */
export function cases(kind: string): Case[] {
  return corpus.cases.filter((c) => c.kind === kind)
}
