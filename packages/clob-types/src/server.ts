/**
 * Server-level endpoints: `/ok`, `/time`, `/version` and the geoblock check
 * (PROTOCOL.md §1.2, §2.9, §4.5, §5.1).
 * @module
 */
import * as z from 'zod/mini'
import { SafeIntSchema } from './common.js'

/**
 * `GET /time`: unix seconds as a bare JSON number (TS, RS); PYv2 also accepts an
 * object with `time` or `timestamp`. Read either with {@link serverTimeSeconds}.
 */
export const ServerTimeResponseSchema = /* @__PURE__ */ z.union([
  /* @__PURE__ */ z.number(),
  /* @__PURE__ */ z.looseObject({ time: /* @__PURE__ */ z.number() }),
  /* @__PURE__ */ z.looseObject({ timestamp: /* @__PURE__ */ z.number() }),
])
export type ServerTimeResponse = z.infer<typeof ServerTimeResponseSchema>

/** Unix seconds of any `/time` response shape. */
export function serverTimeSeconds(response: ServerTimeResponse): number {
  if (typeof response === 'number') return response
  const { time, timestamp } = response as { time?: number; timestamp?: number }
  return time ?? (timestamp as number)
}

/** `GET /version` → `{version}`; clients default to 2 when it is missing (§2.9). */
export const VersionResponseSchema = /* @__PURE__ */ z.looseObject({
  version: /* @__PURE__ */ z.optional(SafeIntSchema),
})
export type VersionResponse = z.infer<typeof VersionResponseSchema>

/** `GET {geoblock_host}/api/geoblock` (RS; outside the CLOB). */
export const GeoblockResponseSchema = /* @__PURE__ */ z.looseObject({
  blocked: /* @__PURE__ */ z.boolean(),
  ip: /* @__PURE__ */ z.string(),
  country: /* @__PURE__ */ z.string(),
  region: /* @__PURE__ */ z.string(),
})
export type GeoblockResponse = z.infer<typeof GeoblockResponseSchema>
