/**
 * @clobkit/clob-sim — a faithful local Polymarket CLOB exchange over real
 * loopback HTTP, for tests, demos and paper trading (PROTOCOL.md §4–§6).
 * @module
 */
export { check as checkInvariants } from './invariants.js'
export { defaultSeed, LIQUIDITY_ADDRESS, parseSeed } from './seed.js'
export { type SimHandle, startSim } from './server.js'
export type { SimState } from './state.js'
export type {
  SimClock,
  SimLogEvent,
  SimLogger,
  SimOptions,
  SimSeed,
  SimSeedAccount,
  SimSeedFees,
  SimSeedLevel,
  SimSeedMarket,
  SimSeedRewards,
  SimSeedToken,
  SimStreamOptions,
} from './types.js'
export { STREAM_FAULT_KINDS, type StreamFaultKind } from './ws/faults.js'
export { AUTH_FAILED_CLOSE_CODE } from './ws/hub.js'
