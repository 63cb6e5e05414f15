// Backend selection: CLOBKIT_SECP256K1 forces one for the process (read at the first
// `auto` selection, so each case loads a fresh copy of the module), options force one
// per signer, and the portable module (browsers, bundles) only ever has noble.
import { inspect } from 'node:util'
import { describe, expect, it, vi } from 'vitest'
import { fromPrivateKey } from '../src/signer.js'

async function freshNodeSeam(env: string | undefined) {
  vi.resetModules()
  vi.stubEnv('CLOBKIT_SECP256K1', env)
  try {
    const seam = await import('../src/secp256k1-node.js')
    return seam.backend().name
  } finally {
    vi.unstubAllEnvs()
  }
}

describe('CLOBKIT_SECP256K1', () => {
  it.each([
    ['native', 'libsecp256k1'],
    ['libsecp256k1', 'libsecp256k1'],
    ['noble', 'noble'],
    ['auto', 'libsecp256k1'],
    ['', 'libsecp256k1'],
    [undefined, 'libsecp256k1'],
  ])('=%s selects %s', async (env, name) => {
    expect(await freshNodeSeam(env)).toBe(name)
  })

  it('rejects anything else with a typed error naming the variable', async () => {
    await expect(freshNodeSeam('openssl')).rejects.toMatchObject({
      code: 'INVALID_BACKEND',
      param: 'CLOBKIT_SECP256K1',
    })
  })
})

describe('fromPrivateKey({ backend })', () => {
  it('forces a backend per signer; both give the same address and signatures', () => {
    const pk = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
    const a = fromPrivateKey(pk, { backend: 'libsecp256k1' })
    const b = fromPrivateKey(pk, { backend: 'noble' })
    expect([a.backend, b.backend]).toEqual(['libsecp256k1', 'noble'])
    expect(a.address).toBe(b.address)
    const digest = new Uint8Array(32).fill(0x42)
    expect(a.signDigest(digest)).toBe(b.signDigest(digest))
  })

  it.each(['libsecp256k1', 'noble'] as const)(
    'never shows the key with %s (JSON, String, inspect)',
    (name) => {
      const pk = '59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'
      const s = fromPrivateKey(`0x${pk}`, { backend: name })
      expect(JSON.stringify(s)).toBe(`{"address":"${s.address}"}`)
      expect(inspect(s)).toBe(`Signer { address: '${s.address}', backend: '${name}' }`)
      const shown = [
        JSON.stringify(s),
        String(s),
        inspect(s, { showHidden: true, depth: 10 }),
        Object.keys(s).join(),
      ]
      for (const text of shown) expect(text.toLowerCase()).not.toContain(pk.slice(0, 16))
    },
  )

  it('rejects an unknown backend name', () => {
    expect(() => fromPrivateKey(`0x${'11'.repeat(32)}`, { backend: 'openssl' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_BACKEND', param: 'options.backend' }),
    )
  })
})

describe('the portable module', () => {
  it('has noble only, and refuses libsecp256k1 with UNSUPPORTED_RUNTIME', async () => {
    const portable = await import('../src/secp256k1-noble.js')
    expect(portable.available()).toEqual(['noble'])
    expect(portable.backend().name).toBe('noble')
    expect(portable.backend('noble')).toBe(portable.backend())
    expect(() => portable.backend('libsecp256k1')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_RUNTIME' }),
    )
  })
})
