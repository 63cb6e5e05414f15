import { execFileSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const pkg = fileURLToPath(new URL('..', import.meta.url))
const root = fileURLToPath(new URL('../../..', import.meta.url))

function newest(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name === 'test' || e.name.startsWith('.'))
      continue
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return t
}

/**
 * Every test runs the artifact users get: dist/ as `tsup` builds it. Under turbo the
 * package's own `build` runs before `test` (packages/clob-cli/turbo.json); when the
 * suite is run directly and any workspace source is newer than dist/cli.js, this
 * rebuilds it first.
 */
export default function setup(): void {
  let built = 0
  try {
    built = statSync(join(pkg, 'dist/cli.js')).mtimeMs
  } catch {}
  if (built > newest(join(root, 'packages'))) return
  execFileSync(join(root, 'node_modules/.bin/tsup'), [], { cwd: pkg, stdio: ['ignore', 'ignore', 'inherit'] })
}
