import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

// One output file per module (no bundling) so consumers' bundlers keep only the modules
// they import. `#hmac` stays an import: Node resolves it through package.json "imports" to
// dist/hmac-node.js (`node` condition), bundlers for the browser to dist/hmac-portable.js
// (`default`), so no browser bundle ever sees node:crypto.
export default defineConfig(
  preset({
    entry: ['src/*.ts'],
    bundle: false,
    external: ['#hmac', 'node:crypto'],
    removeNodeProtocol: false,
  }),
)
