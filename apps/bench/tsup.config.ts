import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

export default defineConfig(
  preset({
    entry: [
      'src/main.ts',
      'src/size.ts',
      'src/startup-ours.ts',
      'src/startup-official.ts',
      'src/stub-child.ts',
    ],
    dts: false,
    platform: 'node',
    // devDependencies are bundled by default; the measured clients and esbuild must load as installed.
    external: ['esbuild', '@polymarket/clob-client-v2', /^viem/],
  }),
)
