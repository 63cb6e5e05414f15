/**
 * API keys, readonly keys and builder keys (PROTOCOL.md §4.4). These shapes carry
 * secrets: validation errors of this package name fields, never values.
 * @module
 */
import * as z from 'zod/mini'
import { NonEmptyStringSchema } from './common.js'

/** `POST /auth/api-key`, `GET /auth/derive-api-key` → `{apiKey, secret, passphrase}`. */
export const ApiKeyCredsSchema = /* @__PURE__ */ z.looseObject({
  apiKey: NonEmptyStringSchema,
  secret: NonEmptyStringSchema,
  passphrase: NonEmptyStringSchema,
})
export type ApiKeyCreds = z.infer<typeof ApiKeyCredsSchema>

/**
 * `GET /auth/api-keys` → `{apiKeys: [...]}`. Items are key strings on the server
 * side and credential objects in the TS type, so both are accepted.
 */
export const ApiKeysResponseSchema = /* @__PURE__ */ z.looseObject({
  apiKeys: /* @__PURE__ */ z.nullable(
    /* @__PURE__ */ z.array(
      /* @__PURE__ */ z.union([
        /* @__PURE__ */ z.string(),
        /* @__PURE__ */ z.looseObject({
          apiKey: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
          key: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
          secret: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
          passphrase: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.string()),
        }),
      ]),
    ),
  ),
})
export type ApiKeysResponse = z.infer<typeof ApiKeysResponseSchema>

/** `POST /auth/readonly-api-key` → `{apiKey}`. */
export const ReadonlyApiKeySchema = /* @__PURE__ */ z.looseObject({
  apiKey: NonEmptyStringSchema,
})
export type ReadonlyApiKey = z.infer<typeof ReadonlyApiKeySchema>

/** `GET /auth/readonly-api-keys` → `string[]`. */
export const ReadonlyApiKeysResponseSchema = /* @__PURE__ */ z.array(/* @__PURE__ */ z.string())
export type ReadonlyApiKeysResponse = z.infer<typeof ReadonlyApiKeysResponseSchema>

/** `DELETE /auth/readonly-api-key` body `{key}`; the response is a boolean. */
export const DeleteReadonlyApiKeyRequestSchema = /* @__PURE__ */ z.strictObject({
  key: NonEmptyStringSchema,
})
export type DeleteReadonlyApiKeyRequest = z.infer<typeof DeleteReadonlyApiKeyRequestSchema>
export const DeleteReadonlyApiKeyResponseSchema = /* @__PURE__ */ z.boolean()

/** `POST /auth/builder-api-key` → `{key, secret, passphrase}`. */
export const BuilderApiKeySchema = /* @__PURE__ */ z.looseObject({
  key: NonEmptyStringSchema,
  secret: NonEmptyStringSchema,
  passphrase: NonEmptyStringSchema,
})
export type BuilderApiKey = z.infer<typeof BuilderApiKeySchema>

/** An item of `GET /auth/builder-api-key`: `{key, createdAt?, revokedAt?}`. */
export const BuilderApiKeyInfoSchema = /* @__PURE__ */ z.looseObject({
  key: NonEmptyStringSchema,
  createdAt: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
  revokedAt: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.nullable(/* @__PURE__ */ z.string())),
})
export type BuilderApiKeyInfo = z.infer<typeof BuilderApiKeyInfoSchema>

/** `GET /auth/builder-api-key` → `[{key, createdAt?, revokedAt?}]`. */
export const BuilderApiKeysResponseSchema = /* @__PURE__ */ z.array(BuilderApiKeyInfoSchema)
export type BuilderApiKeysResponse = z.infer<typeof BuilderApiKeysResponseSchema>
