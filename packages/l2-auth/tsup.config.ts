import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

// `#hmac` stays an import in dist/index.js: Node resolves it through package.json
// "imports" to dist/hmac-node.js (`node` condition), bundlers for the browser to
// dist/hmac-portable.js (`default`), so no browser bundle ever sees node:crypto.
export default defineConfig(
  preset({
    entry: ['src/index.ts', 'src/hmac-node.ts', 'src/hmac-portable.ts'],
    external: ['#hmac', 'node:crypto'],
    removeNodeProtocol: false,
  }),
)
