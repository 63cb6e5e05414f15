/**
 * Shared tsup preset: ESM only, declarations, no minification (consumers bundle),
 * sourcemaps, and `node:` builtins kept external. Silent but for errors: `pnpm check`
 * shows one line per package built (turbo's), not a size table per file.
 * @param {import('tsup').Options} [overrides]
 * @returns {import('tsup').Options}
 */
export function preset(overrides = {}) {
  return {
    entry: ['src/index.ts'],
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: false,
    treeshake: true,
    silent: true,
    ...overrides,
  }
}
