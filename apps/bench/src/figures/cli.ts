import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { type Figure, figure } from '../results.js'
import { PRIVATE_KEY } from '../stub-server.js'
import { cleanEnv, timeProcess } from './startup.js'

/** `clob --version` and `clob order sign --offline` against bare `node -e 0` (fresh processes). */
export async function cli(runs = 15): Promise<Figure[]> {
  const require = createRequire(import.meta.url)
  const bin = join(dirname(require.resolve('@clobkit/clob-cli/package.json')), 'bin/clob.js')
  const home = mkdtempSync(join(tmpdir(), 'clob-bench-'))
  const env = cleanEnv({
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    NO_COLOR: '1',
    CLOB_PRIVATE_KEY: PRIVATE_KEY,
  })
  try {
    const sign = [
      bin,
      'order',
      'sign',
      '--offline',
      '--token',
      '1234',
      '--side',
      'BUY',
      '--price',
      '0.5',
      '--size',
      '10',
      '--tick-size',
      '0.01',
      '--json',
    ]
    const bare = timeProcess(['-e', '0'], runs, env)
    const version = timeProcess([bin, '--version'], runs, env)
    const offline = timeProcess(sign, runs, env)
    return [
      figure({
        name: 'clob --version',
        unit: 'ms',
        ours: version,
        target: `≤ 2× bare node (${(2 * bare).toFixed(1)} ms)`,
        ok: version <= 2 * bare,
      }),
      figure({
        name: 'clob order sign --offline (over bare node)',
        unit: 'ms',
        ours: offline - bare,
        target: '≤ +60 ms',
        ok: offline - bare <= 60,
      }),
    ]
  } finally {
    rmSync(home, { recursive: true, force: true })
  }
}
