/**
 * Shared vitest preset: resolve workspace packages to their sources through the
 * `@clobkit/source` export condition, so tests never need an upstream build.
 * @param {import('vitest/config').ViteUserConfig} [overrides]
 */
export function preset(overrides = {}) {
  const { test = {}, resolve = {}, ...rest } = overrides
  return {
    resolve: { conditions: ['@clobkit/source', 'module', 'node', 'import', 'default'], ...resolve },
    ssr: { resolve: { conditions: ['@clobkit/source', 'node', 'import', 'default'] } },
    test: {
      include: ['test/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
      ...test,
    },
    ...rest,
  }
}
