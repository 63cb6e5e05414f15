// Fresh process → first signed order, with the official client (measured by figures/startup.ts).
// The host comes from BENCH_HOST: a loopback stub answering the client's market lookups.
import { officialClient, officialSignOne } from './official.js'

const client = officialClient(process.env.BENCH_HOST ?? 'http://127.0.0.1:9')
const signed = (await officialSignOne(client)) as { signature: string }
if (!signed.signature.startsWith('0x')) process.exit(1)
