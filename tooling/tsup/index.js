/**
 * Shared tsup preset: ESM only, declarations, no minification (consumers bundle),
 * sourcemaps, and `node:` builtins kept external.
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
    ...overrides,
  }
}
