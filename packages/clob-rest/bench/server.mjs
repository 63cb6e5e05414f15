// A loopback server answering every request with a fixed order response (bench only).
import { createServer } from 'node:http'

const body = JSON.stringify({
  success: true,
  errorMsg: '',
  orderID: `0x${'ab'.repeat(32)}`,
  status: 'live',
  makingAmount: '',
  takingAmount: '',
  transactionsHashes: [],
  tradeIDs: [],
})
const server = createServer((req, res) => {
  req.resume()
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
    res.end(body)
  })
})
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }))
process.on('disconnect', () => process.exit(0))
