/**
 * Errors of `@clobkit/clob-sim`: bad options or a bad seed. HTTP-level failures
 * are answered to the client, never thrown.
 * @module
 */
import { InvalidParameterError } from '@clobkit/eip712-order'

/** A bad `startSim` option; `param` names it. */
export function invalidOption(param: string, message: string): InvalidParameterError {
  return new InvalidParameterError('INVALID_SIM_OPTION', param, message)
}

/** A bad seed; `param` is the JSON path, e.g. `seed.markets[0].tickSize`. */
export function invalidSeed(param: string, message: string): InvalidParameterError {
  return new InvalidParameterError('INVALID_SEED', param, message)
}
