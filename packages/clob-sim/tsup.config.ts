import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

export default defineConfig(
  preset({
    // the load benchmark ships as `@clobkit/clob-sim/bench`; its sim side runs as a child process
    entry: { index: 'src/index.ts', bench: 'bench/load.ts', 'bench-worker': 'bench/worker.ts' },
  }),
)
