/**
 * `pnpm bench`: clobkit's figures side by side with the official client
 * (@polymarket/clob-client-v2 1.1.0 + viem 2.57.1) in one run. Prints a table and
 * merges the figures into bench-results.json at the repository root.
 * `--only a,b` runs some groups; `--quick` shortens the timed loops.
 */
import { parseArgs } from 'node:util'
import { bundles } from './figures/bundle.js'
import { cli } from './figures/cli.js'
import { l2 } from './figures/l2.js'
import { rest } from './figures/rest.js'
import { signing } from './figures/signing.js'
import { sim } from './figures/sim.js'
import { simFaults } from './figures/sim-faults.js'
import { startup } from './figures/startup.js'
import { ws } from './figures/ws.js'
import { type Figure, printTable, resultsPath, save } from './results.js'

const groups: Record<string, (quick: boolean) => Promise<Figure[]>> = {
  signing: (q) => signing(q ? 800 : 3000),
  startup: (q) => startup(q ? 5 : 15),
  bundle: () => bundles(),
  l2: (q) => l2(q ? 10_000 : 50_000),
  rest: (q) => rest(q ? 1000 : 5000, q ? 10_000 : 100_000),
  cli: (q) => cli(q ? 5 : 15),
  sim: (q) => sim(q ? 10_000 : 60_000),
  ws: (q) => ws(q),
  'sim-faults': (q) => simFaults(q ? 3 : 7),
}

const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' } } })
const selected = values.only ? values.only.split(',') : Object.keys(groups)
const all: Figure[] = []
for (const name of selected) {
  const run = groups[name]
  if (!run) {
    console.error(`bench: unknown group "${name}" (known: ${Object.keys(groups).join(', ')})`)
    process.exit(2)
  }
  console.error(`bench: ${name}…`)
  const figures = await run(values.quick === true)
  all.push(...figures)
  save(figures)
}
printTable(all)
console.log(`\nwritten to ${resultsPath}`)
