import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

// `#transport` stays external so the consumer's resolver picks `node` (keep-alive
// node:http) or `default` (fetch) at install time; both are built as entries.
export default defineConfig(
  preset({
    entry: ['src/index.ts', 'src/transport-node.ts', 'src/transport-fetch.ts'],
    external: ['#transport'],
  }),
)
