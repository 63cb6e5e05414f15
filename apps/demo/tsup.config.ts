import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

// One file: clob-sim is bundled from its sources (the `@clobkit/source` condition),
// so the demo runs from a fresh clone after `turbo build` of the clob binary.
export default defineConfig(
  preset({
    entry: ['src/main.ts'],
    dts: false,
    platform: 'node',
    sourcemap: false,
    treeshake: false,
    noExternal: [/^@clobkit\//, /^@noble\//, /^zod/],
    esbuildOptions(options) {
      options.conditions = ['@clobkit/source', 'module', 'import', 'default']
    },
  }),
)
