/**
 * `proxy-subusers/oxylabs`: the Oxylabs adapter (residential sub-users, "proxy users").
 *
 * @example
 * import { createOxylabsProvider } from 'proxy-subusers/oxylabs'
 * const p = createOxylabsProvider({ username: process.env.OXYLABS_USERNAME!, password: process.env.OXYLABS_PASSWORD! })
 *
 * @module proxy-subusers/oxylabs
 */
export { OXYLABS_DEFAULT_BASE_URL, OXYLABS_DEFAULT_RATE_LIMIT, OXYLABS_DEFAULT_RETRY, createOxylabsProvider, type OxylabsOptions } from './provider'
export { oxylabsCapabilities } from './capabilities'
export {
  OxylabsCreated,
  OxylabsErrorBody,
  OxylabsLogin,
  OxylabsStatsByPeriod,
  OxylabsStatsResults,
  OxylabsStatsRow,
  OxylabsStatus,
  OxylabsSubUser,
  OxylabsSubUserList,
  OxylabsSubUserStats,
  OxylabsToken,
} from './codecs'
export { OXYLABS_ERROR_TABLE, type OxylabsErrorRule, type OxylabsTarget } from './errors'
export { OXYLABS_TOKEN_MARGIN_MS, OXYLABS_TOKEN_RENEW_AFTER_MS } from './token'
export { OXYLABS_LIMIT_STEP, OXYLABS_TRAFFIC_UNIT } from './units'
export { OXYLABS_PASSWORD_LENGTH, type OxylabsCreateBody, type OxylabsPatchBody } from './validate'
export type { OxylabsStatsType } from './api'
export type { OxylabsCreateOptions, OxylabsExtras, OxylabsProvider, OxylabsSettings, OxylabsSubUserOf } from './domain'
export type { OxylabsSandboxFields } from './vendor'
