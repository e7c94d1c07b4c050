/**
 * `proxy-subusers/iproyal`: the IPRoyal adapter (residential sub-users).
 *
 * @example
 * import { createIPRoyalProvider } from 'proxy-subusers/iproyal'
 * const p = createIPRoyalProvider({ apiToken: process.env.IPROYAL_API_TOKEN! })
 *
 * @module proxy-subusers/iproyal
 */
export { IPROYAL_DEFAULT_BASE_URL, IPROYAL_DEFAULT_RATE_LIMIT, IPROYAL_DEFAULT_RETRY, createIPRoyalProvider, type IPRoyalOptions } from './provider'
export { iproyalCapabilities } from './capabilities'
export { IPRoyalErrorBody, IPRoyalHash, IPRoyalLimitValues, IPRoyalLimits, IPRoyalMe, IPRoyalPageMeta, IPRoyalReportBytes, IPRoyalSubUser, IPRoyalSubUserPage, IPRoyalUsageRow, IPRoyalUsageRows } from './codecs'
export { IPROYAL_GATEWAY, IPROYAL_MAX_SESSION_MINUTES, IPROYAL_SESSION_ID_LENGTH } from './gateway'
export { IPROYAL_ERROR_TABLE, type IPRoyalErrorRule } from './errors'
export { IPROYAL_ALLOCATION_TOLERANCE_BYTES, IPROYAL_LIMIT_STEP, IPROYAL_TRAFFIC_UNIT } from './units'
export type { IPRoyalCreateBody, IPRoyalUpdateBody } from './validate'
export type { IPRoyalCreateOptions, IPRoyalExtras, IPRoyalProvider, IPRoyalRawLimits, IPRoyalSettings, IPRoyalSubUserOf } from './domain'
export type { IPRoyalSandboxFields } from './vendor'
