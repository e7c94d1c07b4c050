/**
 * `proxy-subusers/adapter`: the kit every adapter is built with, the package's own and any
 * other. `defineProvider` turns an implementation into a `SubUserProvider` (capability checks,
 * call options, `list` and `iterate`); the HTTP layer paces, retries, times out and redacts;
 * `decodeWith` is the one decode step; `writeOnce` makes an ambiguous write safe by reading back;
 * the error constructors build `SubUserError`s; the sandbox kit describes a fake that
 * `startSandbox({ fakes })` mounts next to the package's own.
 *
 * @example
 * import { createHttpClient, decodeWith, defineProvider } from 'proxy-subusers/adapter'
 * const http = createHttpClient({ provider: 'devicehive', baseURL, secrets: [password], options, rateLimit: { requestsPerMinute: 600, concurrency: 4 } })
 * export const provider = defineProvider({ id: 'devicehive' as const, capabilities, create, get, update, delete: del, refresh, firstPage, validate })
 *
 * @module proxy-subusers/adapter
 */
export { checkInput, type Capabilities, type SubUserField } from './capabilities'
export { CheckedType, NonNegative, NullableType, SafeId, checked, nullable } from './codecs'
export { isoDateMillis, isoDateTimeMillis } from './datetime'
export { decodeProblems, decodeWith, describeErrors, identityGuard } from './decode'
export type { CreateSubUser, Operation, ProviderId, SettingsOf, SubUser, SubUserStatus, UpdateSubUser, VendorExtras, VendorSettings } from './domain'
export { SubUserError, redactError, unsupportedError, validationError, type FieldProblem, type SubUserErrorInit, type SubUserErrorKind } from './errors'
export {
  DEFAULT_TIMEOUT_MS,
  createHttpClient,
  mayRepeat,
  parseRetryAfter,
  responseError,
  type CommonOptions,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from './http'
export type { ArrayStreamSpec, StreamedArray } from './http-stream'
export type { ArrayElement } from './json-array-stream'
export { DEFAULT_MAX_LIST_PAGES, LISTING_ATTEMPTS, collectPages, maxListPages, walkPages, type ListingBounds, type ListingOptions } from './listing'
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
export { SETTLE_TIMEOUTS, isAmbiguous, writeOnce, type ReadBack, type WriteTiming } from './reconcile'
export type { RetryPolicy } from './retry'
export { comparable } from './same-value'
export { secret, type Secret } from './secret'
export { GIB, KIB, MIB, formatBytes, toVendorUnits } from './units'
export type { FaultOptions, VendorFaults } from './sandbox/faults'
export type { Mount, MountStats } from './sandbox/server'
export type { FakeRequest, FakeResponse, VendorFake } from './sandbox/types'
export { defineVendor, type CliFlag, type EnvVariable, type StartedFake, type VendorModule } from './vendor'
export { countryCountsFlag, wholeNumberFlag } from './vendor-flags'
