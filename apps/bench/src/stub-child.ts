// The loopback stub in its own process, so server work never shares the measured client's event loop.
import { MARKET_ROUTES, startStub } from './stub-server.js'

const stub = await startStub(MARKET_ROUTES)
process.send?.({ url: stub.url })
process.on('disconnect', () => {
  void stub.close().then(() => process.exit(0))
})
