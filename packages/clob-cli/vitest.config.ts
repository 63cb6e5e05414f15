import { preset } from '@clobkit/vitest-config'
import { defineConfig } from 'vitest/config'

// The suite spawns the real bundled binary, so it is built once up front.
export default defineConfig(preset({ test: { globalSetup: ['./test/global-setup.ts'] } }))
