import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

/** Where bundles resolve packages from: this app, so workspace packages resolve to their built dist. */
const appDir = fileURLToPath(new URL('..', import.meta.url))

export interface BundleSize {
  readonly bytes: number
  readonly gzip: number
  readonly inputs: readonly string[]
  readonly text: string
}

/**
 * Bundles `source` (an ES module) with esbuild, minified, for the browser, and
 * returns its raw and gzip sizes and the files that went into it.
 */
export async function bundleSize(
  source: string,
  options: { platform?: 'browser' | 'node' } = {},
): Promise<BundleSize> {
  const dir = mkdtempSync(join(tmpdir(), 'clobkit-size-'))
  try {
    const entry = join(dir, 'entry.mjs')
    writeFileSync(entry, source)
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: options.platform ?? 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      nodePaths: [join(appDir, 'node_modules')],
      absWorkingDir: appDir,
      // Measure the published artifacts: ignore the workspace tsconfig `paths` that map
      // packages to their sources (they would count a package twice, src and dist).
      tsconfigRaw: '{}',
    })
    const out = result.outputFiles[0]
    if (!out) throw new Error('esbuild produced no output')
    return {
      bytes: out.contents.byteLength,
      gzip: gzipSync(out.contents, { level: 9 }).byteLength,
      inputs: Object.keys(result.metafile.inputs),
      text: out.text,
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
