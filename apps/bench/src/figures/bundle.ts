import { bundleSize } from '../bundle.js'
import { SIGNING_ENTRY, SIGNING_WITH_L2_ENTRY } from '../entries.js'
import { type Figure, figure } from '../results.js'

const OFFICIAL_SIGNING_ENTRY = `
import { ClobClient } from '@polymarket/clob-client-v2'
export async function signOne(signer, tokenID) {
  const client = new ClobClient({ host: 'http://127.0.0.1:9', chain: 137, signer })
  return client.createOrder({ tokenID, price: 0.5, size: 10, side: 'BUY' }, { tickSize: '0.01', negRisk: false, version: 2 })
}
`

/** Gzip size of the browser bundle of the signing path, ours and the official client's. */
export async function bundles(): Promise<Figure[]> {
  const ours = await bundleSize(SIGNING_ENTRY)
  const withL2 = await bundleSize(SIGNING_WITH_L2_ENTRY)
  let official: number | undefined
  try {
    official = (await bundleSize(OFFICIAL_SIGNING_ENTRY)).gzip / 1024
  } catch (e) {
    console.error(`official bundle failed: ${(e as Error).message.split('\n')[0]}`)
  }
  const kb = ours.gzip / 1024
  return [
    figure({
      name: 'signing-path bundle (build + sign + wire body), gzip',
      unit: 'KB',
      ours: kb,
      ...(official === undefined ? {} : { official }),
      // the target; pnpm size holds the 28 KB budget (see size.ts for why)
      target: '≤ 24 KB',
      ok: kb <= 24,
    }),
    figure({
      name: 'signing path + L2 headers bundle, gzip',
      unit: 'KB',
      ours: withL2.gzip / 1024,
      target: '≤ 26 KB',
      ok: withL2.gzip / 1024 <= 26,
    }),
  ]
}
