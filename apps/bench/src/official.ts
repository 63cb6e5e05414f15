import { ClobClient, createL2Headers, OrderType, Side } from '@polymarket/clob-client-v2'
import { createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { polygon } from 'viem/chains'
import { CREDS, PRIVATE_KEY, TOKEN_ID } from './stub-server.js'

/** The official client, configured as a user would, pointed at a loopback stub. */
export function officialClient(host: string): ClobClient {
  const signer = createWalletClient({
    account: privateKeyToAccount(PRIVATE_KEY),
    chain: polygon,
    transport: http(host),
  })
  return new ClobClient({ host, chain: 137, signer, creds: CREDS, throwOnError: true })
}

export async function officialSignOne(client: ClobClient, size = 10): Promise<unknown> {
  return client.createOrder(
    { tokenID: TOKEN_ID, price: 0.5, size, side: Side.BUY },
    { tickSize: '0.01', negRisk: false, version: 2 },
  )
}

export async function officialPost(
  client: ClobClient,
  order: Awaited<ReturnType<ClobClient['createOrder']>>,
) {
  return client.postOrder(order, OrderType.GTC)
}

let l2Signer: ReturnType<typeof createWalletClient> | undefined

/** The official L2 header builder, with the wallet client created once (as a user would). */
export async function officialL2(timestamp: number, body: string): Promise<unknown> {
  l2Signer ??= createWalletClient({
    account: privateKeyToAccount(PRIVATE_KEY),
    chain: polygon,
    transport: http('http://127.0.0.1:9'),
  })
  return createL2Headers(l2Signer, CREDS, { method: 'POST', requestPath: '/order', body }, timestamp)
}
