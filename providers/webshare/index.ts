/**
 * `proxy-subusers/webshare`: the Webshare adapter.
 *
 * @example
 * import { createWebshareProvider } from 'proxy-subusers/webshare'
 * const p = createWebshareProvider({ apiKey: process.env.WEBSHARE_API_KEY!, planId: 1234 })
 *
 * @module proxy-subusers/webshare
 */
export {
  WEBSHARE_DEFAULT_BASE_URL,
  WEBSHARE_DEFAULT_PAGE_SIZE,
  createWebshareProvider,
  type WebshareOptions,
} from './provider'
export { webshareCapabilities, webshareCapabilitiesFor } from './capabilities'
export { WEBSHARE_BACKBONE_GATEWAY, WEBSHARE_CONNECTIONS, WEBSHARE_STATS_HISTORY_DAYS, type WebshareConnection } from './proxy'
export { WEBSHARE_PROXY_PATHS, WEBSHARE_SUBUSER_HEADER } from './api'
export { IsoDateTime, type IsoDateTimeBrand, WebshareAggregateStats, WebshareFieldMessage, WebshareProxy, WebshareProxyConfig, WebshareProxyPage, WebshareHourlyStat, WebshareHourlyStats, WebshareSubUser, WebshareSubUserPage } from './codecs'
export { WEBSHARE_ERROR_TABLE, type WebshareErrorRule } from './errors'
export { MAX_LABEL_LENGTH, type WebshareWriteBody } from './validate'
export type { WebshareCreateOptions, WebshareExtras, WebshareProvider, WebshareSettings, WebshareStats, WebshareSubUserOf } from './domain'
export type { WebshareSandboxFields } from './vendor'
