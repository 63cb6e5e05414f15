import { preset } from '@clobkit/tsup-config'
import { defineConfig } from 'tsup'

export default defineConfig(preset())
