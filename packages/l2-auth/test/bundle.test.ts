import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const pkgDir = fileURLToPath(new URL('..', import.meta.url))

async function bundle(platform: 'browser' | 'node'): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: {
      contents:
        "export { ClobAuth, Credentials, Headers, Hmac, ServerClock, Verify } from '@clobkit/l2-auth'",
      resolveDir: pkgDir,
      loader: 'ts',
    },
    bundle: true,
    format: 'esm',
    platform,
    write: false,
    metafile: true,
    logLevel: 'silent',
    conditions: ['@clobkit/source'],
    external: platform === 'node' ? ['node:*'] : [],
  })
  return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) }
}

describe('package root bundles', () => {
  it('a browser bundle uses the portable HMAC and contains no node:crypto', async () => {
    const { text, inputs } = await bundle('browser')
    expect(text).not.toContain('node:crypto')
    expect(inputs.some((f) => f.endsWith('hmac-portable.ts'))).toBe(true)
    expect(inputs.some((f) => f.endsWith('hmac-node.ts'))).toBe(false)
    expect(inputs.some((f) => f.includes('zod'))).toBe(false)
  })

  it('a node bundle uses node:crypto', async () => {
    const { text, inputs } = await bundle('node')
    expect(text).toContain('node:crypto')
    expect(inputs.some((f) => f.endsWith('hmac-node.ts'))).toBe(true)
  })
})
