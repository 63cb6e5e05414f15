import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'
import ts from 'typescript'

/**
 * Declarations from tsc, one `.d.ts` per module next to its `.js`. The dts bundler tsup uses
 * rejects the root's `Hex`/`Address`/`TypedData`/`Signer` exports (a module namespace and a
 * type alias under one name, see src/index.ts), which tsc itself accepts and emits as is.
 */
async function emitDeclarations(): Promise<void> {
  const config = ts.getParsedCommandLineOfConfigFile(
    'tsconfig.json',
    { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: 'src', outDir: 'dist' },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText) },
  )
  if (config === undefined) throw new Error('tsconfig.json: unreadable')
  const files = config.fileNames.filter((f) => /\/src\/[^/]+\.ts$/.test(f))
  const { diagnostics } = ts.createProgram(files, config.options).emit()
  if (diagnostics.length > 0) {
    throw new Error(
      ts.formatDiagnostics(diagnostics, {
        ...ts.sys,
        getCanonicalFileName: (f) => f,
        getNewLine: () => '\n',
        getCurrentDirectory: ts.sys.getCurrentDirectory,
      }),
    )
  }
}

// One output file per module (no bundling) so consumers' bundlers can drop what they do not use.
// `#secp256k1` stays an import: Node resolves it through package.json "imports" to
// dist/secp256k1-node.js (`node` condition), bundlers for the browser to
// dist/secp256k1-noble.js (`default`), so no browser bundle ever sees node:crypto.
export default defineConfig(
  preset({
    entry: ['src/*.ts'],
    bundle: false,
    dts: false,
    external: ['#secp256k1', 'node:crypto', 'node:module'],
    removeNodeProtocol: false,
    onSuccess: emitDeclarations,
  }),
)
