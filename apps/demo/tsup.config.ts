import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

// clob-sim and the clob binary are workspace packages: `pnpm demo` builds them first
// (turbo's `--filter=@clobkit/demo...`) and the demo imports their built output, so the
// sim's own dependencies (ws, the optional libsecp256k1 binding) resolve as installed.
export default defineConfig(preset({ entry: ['src/main.ts'], dts: false, platform: 'node' }))
