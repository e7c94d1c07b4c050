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
export { ThordataEnvelope, ThordataStatus, ThordataUsage, ThordataUser, ThordataUserList } from './codecs'
export { THORDATA_CODE_KINDS } from './errors'
export type { ThordataCreateOptions, ThordataExtras, ThordataProvider, ThordataProxyType, ThordataSettings, ThordataSubUserOf } from './domain'
export type { ThordataSandboxFields } from './vendor'
