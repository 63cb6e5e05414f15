/**
 * `pnpm size`: bundle-size budgets of the published artifacts (STYLE.md §9).
 * Raise a budget only in the commit that needs it, saying why.
 */
import { bundleSize } from './bundle.js'
import {
  SIGNING_ENTRY,
  SIGNING_WITH_L2_ENTRY,
  TYPES_FULL_ENTRY,
  TYPES_SINGLE_SCHEMAS,
  typesSingleEntry,
} from './entries.js'

interface Budget {
  readonly name: string
  readonly source: string
  readonly maxGzip?: number
  readonly mustNotContain?: readonly RegExp[]
}

const KB = 1024
// The budgets are the issue targets: 24 KB for the signing path, 26 KB with the L2 headers
// (23.1 / 24.8 KB measured). noble is ~11.5 KB gzip of the signing path: its Weierstrass
// point, field and HMAC-SHA256, without its ECDSA layer (see eip712-order's `ecdsa`).
const budgets: Budget[] = [
  {
    name: 'signing path (build + sign + wire body)',
    source: SIGNING_ENTRY,
    maxGzip: 24 * KB,
    mustNotContain: [/node_modules\/zod\//, /^node:/, /secp256k1-node/],
  },
  {
    name: 'signing path + L2 headers',
    source: SIGNING_WITH_L2_ENTRY,
    maxGzip: 26 * KB,
    mustNotContain: [/node_modules\/zod\//, /^node:/, /secp256k1-node/, /hmac-node/],
  },
  { name: 'clob-types full import (report only)', source: TYPES_FULL_ENTRY },
  ...TYPES_SINGLE_SCHEMAS.map((schema) => ({
    name: `clob-types { ${schema}, parse }`,
    source: typesSingleEntry(schema),
    maxGzip: 8 * KB,
  })),
]

async function main(): Promise<number> {
  let failed = 0
  for (const b of budgets) {
    const size = await bundleSize(b.source)
    const over = b.maxGzip !== undefined && size.gzip > b.maxGzip
    const banned = (b.mustNotContain ?? []).flatMap((re) => size.inputs.filter((i) => re.test(i)))
    const status = over || banned.length > 0 ? 'FAIL' : 'ok'
    if (status === 'FAIL') failed++
    const budget = b.maxGzip !== undefined ? ` / budget ${(b.maxGzip / KB).toFixed(1)} KB` : ''
    console.log(
      `size ${status} ${b.name}: ${(size.gzip / KB).toFixed(2)} KB gzip (${(size.bytes / KB).toFixed(1)} KB min)${budget}`,
    )
    for (const i of banned) console.log(`  must not appear: ${i}`)
  }
  console.log(`size: ${budgets.length - failed} passed, ${failed} failed`)
  return failed > 0 ? 1 : 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (e: unknown) => {
    console.error(e)
    process.exitCode = 1
  },
)
