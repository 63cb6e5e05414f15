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
  /** Patterns the bundled code itself must not match (e.g. WebAssembly loaders). */
  readonly mustNotContainText?: readonly RegExp[]
}

const KB = 1024
// The portable signing path signs with @noble/curves' own ECDSA (issue 13: no hand-written
// ECDSA). noble's secp256k1 ECDSA with SHA-256/HMAC bundles to 15.6 KB gzip by itself
// (sign, recoverPublicKey, its Signature class with DER, Point, Field), ~4 KB more than the
// Point + HMAC that the old own ECDSA needed, so the 24 / 26 KB (met at 23.1 / 24.8
// KB with the own ECDSA) are not reachable without shrinking the order code; measured with
// noble: 27.4 / 29.1 KB. The budgets keep ~0.6 KB headroom over that. @noble/secp256k1 (6.7
// KB) would meet 24 KB but says its current version is not independently audited.
// No native or WebAssembly code may reach it: libsecp256k1 is Node-only (secp256k1-node).
const PORTABLE_ONLY = [
  /node_modules\/zod\//,
  /^node:/,
  /secp256k1-node/,
  /node_modules\/(\.pnpm\/)?secp256k1[@/]/,
  /elliptic/,
  /tiny-secp256k1/,
  /\.(node|wasm)$/,
]
const NO_NATIVE_TEXT = [/WebAssembly/, /\.node['"]/, /node-gyp-build/]
const budgets: Budget[] = [
  {
    name: 'signing path (build + sign + wire body)',
    source: SIGNING_ENTRY,
    maxGzip: 28 * KB,
    mustNotContain: PORTABLE_ONLY,
    mustNotContainText: NO_NATIVE_TEXT,
  },
  {
    name: 'signing path + L2 headers',
    source: SIGNING_WITH_L2_ENTRY,
    maxGzip: 30 * KB,
    mustNotContain: [...PORTABLE_ONLY, /hmac-node/],
    mustNotContainText: NO_NATIVE_TEXT,
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
    const banned = [
      ...(b.mustNotContain ?? []).flatMap((re) => size.inputs.filter((i) => re.test(i))),
      ...(b.mustNotContainText ?? []).filter((re) => re.test(size.text)).map((re) => `code matching ${re}`),
    ]
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
