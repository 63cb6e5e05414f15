import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Builds dist/ with tsup once, so every test runs the artifact users get. */
export default function setup(): void {
  const pkg = fileURLToPath(new URL('..', import.meta.url))
  execFileSync(fileURLToPath(new URL('../../../node_modules/.bin/tsup', import.meta.url)), [], {
    cwd: pkg,
    env: { ...process.env, CLOB_CLI_NO_DTS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}
