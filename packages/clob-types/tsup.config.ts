import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

/** One entry per schema group so each subpath export is its own small module. */
const entries = [
  'index',
  'account',
  'book',
  'common',
  'constants',
  'errors',
  'keys',
  'markets',
  'orders',
  'parse',
  'rewards',
  'rfq',
  'server',
  'trades',
  'ws',
] as const

export default defineConfig(
  preset({
    entry: entries.map((name) => `src/${name}.ts`),
    // Shared modules (common, parse) become chunks instead of copies, so a schema or
    // the error class imported through two subpaths is the same object.
    splitting: true,
  }),
)
