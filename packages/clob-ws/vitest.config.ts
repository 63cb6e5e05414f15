import { preset } from '@clobkit/vitest-config'
import { defineConfig } from 'vitest/config'

export default defineConfig(preset())
