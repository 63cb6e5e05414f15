import { readFileSync } from 'node:fs'
import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

// One self-contained bundle: workspace packages come from their sources (the
// `@clobkit/source` condition), noble and zod are inlined, and each command is a
// lazily imported chunk so `clob --version` loads almost nothing.
export default defineConfig(
  preset({
    entry: { cli: 'src/cli.ts', index: 'src/index.ts' },
    platform: 'node',
    target: 'node20',
    splitting: true,
    treeshake: false,
    sourcemap: false,
    dts: { entry: { index: 'src/index.ts' } },
    clean: true,
    noExternal: [/^@clobkit\//, /^@noble\//, /^zod/],
    define: { __CLOB_VERSION__: JSON.stringify(pkg.version) },
    esbuildOptions(options) {
      options.conditions = ['@clobkit/source', 'module', 'import', 'default']
      options.mainFields = ['module', 'main']
    },
  }),
)
