/**
 * `proxy-subusers/adapter`: the kit every adapter is built with, the package's own and any
 * other. `defineProvider` turns an implementation into a `SubUserProvider` (capability checks,
 * call options, `list` and `iterate`); the HTTP layer paces (alone, or with other processes
 * through `coordination`, keyed by `accountKey`), retries, times out and redacts;
 * `decodeWith` is the one decode step; `writeOnce` makes an ambiguous write safe by reading back
 * (`writeAtMostOnce` for a write never to be sent twice); `createSession` keeps a login's token
 * for vendors whose calls need one; the error constructors build `SubUserError`s;
 * `gatewayEndpoints`, `proxyAccess` and the usage helpers build what `access` and `usage` return;
 * the sandbox kit describes a fake that
 * `startSandbox({ fakes })` mounts next to the package's own. `TE` is fp-ts's `TaskEither`
 * with its sequencing combinators made cheaper (src/task-either.ts), for an adapter's hot path.
 *
 * @example
 * import { createHttpClient, decodeWith, defineProvider } from 'proxy-subusers/adapter'
 * const http = createHttpClient({ provider: 'devicehive', baseURL, secrets: [password], options, rateLimit: { requestsPerMinute: 600, concurrency: 4 } })
 * export const provider = defineProvider({ id: 'devicehive' as const, capabilities, create, get, update, delete: del, refresh, firstPage, validate })
 *
 * @module proxy-subusers/adapter
 */
export { COUNTRY_CODES } from './countries'
export { MAX_SESSION_ID_LENGTH, PROXY_PROTOCOLS, checkTarget, type CheckedTarget } from './access-target'
export { accountKey } from './coordination/account'
export { CoordinationError } from './coordination/error'
export type { AccountLock, AccountLocks, Coordination, LockAttempt, PaceRule, SharedPacer } from './coordination/types'
export { checkInput, noUnlimitedReason, representsUnlimited, type AccessCapabilities, type Capabilities, type SubUserField, type UsageCapabilities } from './capabilities'
export { CheckedType, NonNegative, NullableType, Port, SafeId, UtcDay, checked, nullable } from './codecs'
export { isIsoDateTime, isoDateMillis, isoDateTimeMillis, readIsoDateTime, spacedUtcMinuteMillis, type IsoDateTimeText, type IsoDateTimeTextBrand } from './datetime'
export { csvByHeader, parseCsv } from './csv'
export { decodeElements, decodeProblems, decodeWith, describeErrors, identityGuard } from './decode'
export * as TE from './task-either'
export type {
  AccessTarget,
  CreateSubUser,
  DailyUsage,
  Operation,
  ProviderId,
  ProxyAccess,
  ProxyEndpoint,
  ProxyProtocol,
  SettingsOf,
  SubUser,
  SubUserStatus,
  UpdateSubUser,
  UsageRange,
  VendorExtras,
  VendorSettings,
} from './domain'
export { statusRule, type StatusTable } from './status-table'
export { SubUserError, redactError, unsupportedError, validationError, withApplied, type FieldProblem, type SubUserErrorInit, type SubUserErrorKind } from './errors'
export {
  DEFAULT_TIMEOUT_MS,
  MAX_RUNTIME_SECRETS,
  createHttpClient,
  mayRepeat,
  parseRetryAfter,
  responseError,
  type CommonOptions,
  type HttpClient,
  type HttpClientConfig,
  type HttpRequest,
  type HttpResponse,
  type StreamingHttpClient,
} from './http'
export { gatewayEndpoints, gatewayProblems, proxyAccess, proxyUrl, withGateway, type Gateway, type GatewayOption } from './gateway'
export { arrayStreams, type ArrayStreamSpec, type ArrayStreaming, type StreamedArray } from './http-stream'
export type { ArrayElement } from './json-array-stream'
export { DEFAULT_MAX_LIST_PAGES, LISTING_ATTEMPTS, collectPages, listingShifted, maxListPages, walkPages, type ListingBounds, type ListingOptions } from './listing'
export { COMMON_OPTION_KEYS, MAX_TIMER_MS, MIN_CREDENTIAL_LENGTH, baseUrlProblem, commonOptionProblems, credentialProblem, readOptions, retryProblem, timeoutProblem } from './options'
export {
  defineProvider,
  type Page,
  type ProviderImplementation,
  type SubUserOf,
  type SubUserOperations,
  type SubUserProvider,
} from './provider'
export type { RateLimit } from './rate-limit'
export { SETTLE_TIMEOUTS, isAmbiguous, writeAtMostOnce, writeOnce, type ReadBack, type WriteTiming } from './reconcile'
export type { RetryOptions, RetryPolicy } from './retry'
export { comparable } from './same-value'
export { secret, type Secret } from './secret'
export { createSession, type Session, type SessionOptions } from './session'
export { GIB, KIB, MIB, formatBytes, toVendorUnits } from './units'
export { DAY_MS, checkRange, dailyUsage, daysOf, parseUtcDay, usageWindows, utcDay, type UsageSample } from './usage'
export type { FaultOptions, VendorFaults } from './sandbox/faults'
export { seedFor, seededRandom } from './sandbox/random'
export type { Mount, MountStats } from './sandbox/server'
export { createThrottle, type Throttle } from './sandbox/throttle'
export type { FakeRequest, FakeResponse, VendorFake } from './sandbox/types'
export { defineVendor, type CliFlag, type EnvVariable, type StartedFake, type VendorModule } from './vendor'
export { booleanFlag, countryCountsFlag, wholeNumberFlag } from './vendor-flags'
