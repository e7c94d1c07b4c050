/**
 * proxy-subusers: one typed interface to proxy sub-users on several vendors.
 *
 * @example
 * import { toPromises, mib } from 'proxy-subusers'
 * import { createWebshareProvider } from 'proxy-subusers/webshare'
 * const p = toPromises(createWebshareProvider({ apiKey: process.env.WEBSHARE_API_KEY! }))
 * await p.create({ username: 'team-a', trafficLimitBytes: mib(512) })
 *
 * @module proxy-subusers
 */
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
export { representsUnlimited, type AccessCapabilities, type Capabilities, type SubUserField, type UsageCapabilities } from './capabilities'
export type { GatewayOption } from './gateway'
export { SubUserError, type FieldProblem, type SubUserErrorKind, type SubUserErrorInit } from './errors'
export { secret, type Secret } from './secret'
export { GIB, KIB, MIB, formatBytes, gib, mib } from './units'
export { toPromises, type PromiseProvider, type SubUserOf, type SubUserOperations, type SubUserProvider } from './provider'
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, type CommonOptions } from './http'
export { DEFAULT_MAX_LIST_PAGES, LISTING_ATTEMPTS, type ListingOptions } from './listing'
export type { CallOptions } from './call-options'
export { CATCH_UP_MS, HEADROOM, MAX_SLOWDOWN, RECOVERY, type Clock, type RateLimit, type RateLimitOptions } from './rate-limit'
export { DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS, DEFAULT_MAX_RETRY_AFTER_MS, DEFAULT_RETRIES, type RetryOptions, type RetryPolicy } from './retry'
export { checkWanted, oldestFirst, plan, type FieldChange, type Plan, type PlanOptions, type PlannedChange, type WantedSubUser } from './manifest/plan'
export { DEFAULT_APPLY_CONCURRENCY, apply, type ApplyOptions, type ApplyProgress, type ApplyReport, type ChangeOutcome } from './manifest/apply'
export { migration, type Migration, type NotCarried, type Skipped } from './manifest/migrate'
export { CoordinationError } from './coordination/error'
export { LOCK_POLL_MS, lockAccount, type LockRequest, type LockWait } from './coordination/lock'
export { DEFAULT_LOCAL_LOCK_TTL_MS, MIN_LOCAL_LOCK_TTL_MS, localLocks, type LocalLockOptions } from './coordination/local-locks'
export type { AccountLock, AccountLocks, Coordination, LockAttempt, PaceRule, SharedPacer } from './coordination/types'
