import { preset } from '@clobkit/vitest-config'
import { defineConfig } from 'vitest/config'

// Real processes (pnpm, turbo, the sim, the CLI) one after another: one file, long timeouts.
export default defineConfig(
  preset({ test: { testTimeout: 120_000, hookTimeout: 60_000, fileParallelism: false } }),
)
