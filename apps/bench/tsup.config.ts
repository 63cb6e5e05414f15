import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

export default defineConfig(
  preset({
    entry: ['src/main.ts', 'src/size.ts', 'src/startup-ours.ts', 'src/startup-official.ts'],
    dts: false,
    platform: 'node',
  }),
)
