import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The package as a user installs it: `pnpm pack` of the built package (and of
// eip712-order, its workspace dependency), unpacked into a fresh node_modules, with
// noble linked as npm would install it. No source condition, no workspace paths.
const pkgDir = fileURLToPath(new URL('..', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))
const pnpm = join(root, 'node_modules', '.bin', 'pnpm')
let app: string

function unpack(pkg: string, into: string): void {
  const out = mkdtempSync(join(tmpdir(), 'clobkit-pack-'))
  try {
    execFileSync(pnpm, ['pack', '--pack-destination', out], { cwd: pkg, stdio: 'ignore' })
    const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'))
    if (tgz === undefined) throw new Error(`pnpm pack wrote no tarball for ${pkg}`)
    mkdirSync(into, { recursive: true })
    execFileSync('tar', ['-xzf', join(out, tgz), '-C', into, '--strip-components=1'])
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

beforeAll(() => {
  app = mkdtempSync(join(tmpdir(), 'clobkit-user-'))
  const nm = join(app, 'node_modules')
  unpack(pkgDir, join(nm, '@clobkit', 'l2-auth'))
  unpack(join(root, 'packages', 'eip712-order'), join(nm, '@clobkit', 'eip712-order'))
  mkdirSync(join(nm, '@noble'), { recursive: true })
  for (const name of ['hashes', 'curves']) {
    symlinkSync(
      realpathSync(join(root, 'packages', 'eip712-order', 'node_modules', '@noble', name)),
      join(nm, '@noble', name),
    )
  }
}, 60_000)

afterAll(() => {
  if (app !== undefined) rmSync(app, { recursive: true, force: true })
})

async function bundle(platform: 'browser' | 'node'): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: {
      contents:
        "export { ClobAuth, Credentials, Headers, Hmac, ServerClock, Verify } from '@clobkit/l2-auth'",
      resolveDir: app,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: app,
    tsconfigRaw: '{}',
    // The optional libsecp256k1 binding is not installed here; Node resolves it at run time.
    external: platform === 'node' ? ['node:*', 'secp256k1', 'secp256k1/*'] : [],
  })
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) }
}

describe('the packed package bundles as a user gets it', () => {
  it('bundles from the unpacked dist only (no src, no workspace paths)', async () => {
    const { inputs } = await bundle('browser')
    const ours = inputs.filter((f) => f.includes('@clobkit/'))
    expect(ours.length).toBeGreaterThan(0)
    expect(ours.every((f) => f.includes('node_modules/@clobkit/') && f.includes('/dist/'))).toBe(true)
    expect(inputs.some((f) => f.endsWith('.ts'))).toBe(false)
  })

  it('a browser bundle uses the portable HMAC and contains no node:crypto or zod', async () => {
    const { text, inputs } = await bundle('browser')
    expect(text).not.toContain('node:crypto')
    expect(inputs.some((f) => /hmac-portable\.js$/.test(f))).toBe(true)
    expect(inputs.some((f) => /hmac-node\.js$/.test(f))).toBe(false)
    expect(inputs.some((f) => f.includes('zod'))).toBe(false)
  })

  it('a node bundle uses node:crypto', async () => {
    const { text, inputs } = await bundle('node')
    expect(text).toContain('node:crypto')
    expect(inputs.some((f) => /hmac-node\.js$/.test(f))).toBe(true)
  })
})
