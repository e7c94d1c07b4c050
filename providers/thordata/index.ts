/**
 * `proxy-subusers/thordata`: the Thordata adapter.
 *
 * @example
 * import { createThordataProvider } from 'proxy-subusers/thordata'
 * const p = createThordataProvider({ token: process.env.THORDATA_TOKEN!, key: process.env.THORDATA_KEY })
 *
 * @module proxy-subusers/thordata
 */
export { THORDATA_DEFAULT_BASE_URL, createThordataProvider, type ThordataOptions } from './provider'
export { thordataCapabilities } from './capabilities'
export { ThordataDailyUsage, ThordataEnvelope, ThordataStatus, ThordataUsage, ThordataUsageDay, ThordataUser, ThordataUserList } from './codecs'
export { THORDATA_GATEWAYS, THORDATA_MAX_SESSION_MINUTES, THORDATA_USAGE_WINDOW_DAYS, gatewayLogin } from './gateway'
export { THORDATA_CODE_KINDS } from './errors'
export type { ThordataCreateOptions, ThordataExtras, ThordataProvider, ThordataProxyType, ThordataSettings, ThordataSubUserOf } from './domain'
export type { ThordataSandboxFields } from './vendor'
