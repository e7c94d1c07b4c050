/**
 * What a provider can do, as data readable before any call, and the check
 * that refuses a field the vendor cannot honour before anything is sent.
 */
import * as E from 'fp-ts/Either'
import type { CreateSubUser, Operation, ProviderId, ProxyProtocol, SubUserStatus, UpdateSubUser } from './domain'
import { SubUserError, unsupportedError, validationError, type FieldProblem } from './errors'

/**
 * The neutral fields of {@link CreateSubUser}.
 * @example
 * const f: SubUserField = 'trafficLimitBytes'
 */
export type SubUserField = 'username' | 'password' | 'status' | 'trafficLimitBytes'

/**
 * A provider's abilities. Check them to adapt a UI or a plan before calling.
 * @example
 * if (!p.capabilities.update.includes('password')) console.log('passwords cannot be changed here')
 */
export interface Capabilities {
  /** Fields honoured by `create`. */
  readonly create: ReadonlyArray<SubUserField>
  /** Fields honoured by `update`. */
  readonly update: ReadonlyArray<SubUserField>
  /** Statuses a sub-user can be put in. */
  readonly statuses: ReadonlyArray<SubUserStatus>
  /** Whether `get`/`list` return the sub-user's password. */
  readonly readsPassword: boolean
  /**
   * What `refresh` does: `'reread'` only re-reads the sub-user's state and usage (the vendor
   * has nothing to renew); `'renew'` first renews what the vendor keeps renewable on the
   * sub-user (such as a proxy list kept per sub-user), then reads.
   */
  readonly refresh: 'reread' | 'renew'
  /** How `list` gets its data: one response, or pages followed to the end. */
  readonly listing: 'single-response' | 'paged'
  /**
   * The traffic limits the vendor can represent exactly: multiples of `stepBytes` (≥ 1), at
   * least `minBytes` (≥ 0: 0 only where the vendor keeps an empty limit apart from unlimited,
   * such as an allocation of nothing). `unlimited` says whether `null` (unlimited) can be
   * represented at all (left out: true); where it cannot, `null` is refused as `unsupported`,
   * and so is a create that leaves `trafficLimitBytes` out (the neutral default is unlimited),
   * both before any request, with `unlimitedReason` as the reason where given. Plans and
   * migrations read it to say so before anything is sent. `null` here: the vendor keeps no
   * traffic limit at all, so `trafficLimitBytes` is in neither `create` nor `update` and every
   * sub-user reads back unlimited.
   * @example
   * const t: Capabilities['trafficLimit'] = { stepBytes: MIB, minBytes: 100 * MIB }
   * const allocation: Capabilities['trafficLimit'] = { stepBytes: MIB, minBytes: 0, unlimited: false, unlimitedReason: 'a sub-user holds traffic moved from the main balance' }
   * const none: Capabilities['trafficLimit'] = null // a user API with no traffic
   */
  readonly trafficLimit: {
    readonly stepBytes: number
    readonly minBytes: number
    /** Whether `null` (unlimited) can be represented. Left out: true. */
    readonly unlimited?: boolean
    /** Why unlimited cannot be represented, in a clause that refusals and migrations quote (with `unlimited: false`). */
    readonly unlimitedReason?: string
  } | null
  /**
   * The vendor's own per-sub-user settings: keys of `vendor.<id>` in a create
   * that come back in the sub-user's extras (what a migration to another
   * vendor cannot carry).
   */
  readonly settings: ReadonlyArray<string>
  /**
   * Whether the vendor keeps usernames unique (a second create with one is refused). Left out:
   * true. Where it does not (Webshare labels), the CLI's `create` checks the name first.
   */
  readonly uniqueUsernames?: boolean
  /**
   * Whether `list` (and `iterate`) may leave out disabled sub-users: the vendor lists only
   * active ones, or may. A sub-user missing from a listing may then still exist (a create of
   * its name is refused by the vendor, and `get` of its id reports it as `unsupported`, not
   * `not_found`, where the vendor can tell that it exists). Left out: false.
   */
  readonly listMayOmitDisabled?: boolean
  /** What `access` honours; left out (or null): the provider has no `access`, which is `unsupported`. */
  readonly access?: AccessCapabilities | null
  /** How far `usage` reaches; left out (or null): the provider has no `usage`, which is `unsupported`. */
  readonly usage?: UsageCapabilities | null
}

/**
 * The targeting options and protocols `access` honours. Anything else in a target is
 * `unsupported` before any request; a value out of the vendor's range is `validation`.
 * @example
 * const a: AccessCapabilities = { protocols: ['http', 'https', 'socks5'], defaultProtocols: ['http', 'https'], country: true, session: { idLength: { min: 1, max: 64 }, minutes: { min: 1, max: 90 } }, revealsPassword: true }
 */
export interface AccessCapabilities {
  /** Protocols an endpoint can be asked for (`target.protocol`). */
  readonly protocols: ReadonlyArray<ProxyProtocol>
  /** The endpoints' protocols when the target names none (a subset of `protocols`). */
  readonly defaultProtocols: ReadonlyArray<ProxyProtocol>
  /** Whether `target.country` can be honoured. */
  readonly country: boolean
  /**
   * Sticky sessions: the session ids the vendor takes (letters and digits, this many) and
   * the session lengths it lets be chosen, in whole minutes (null: the vendor's own length
   * only, so `session.minutes` is `unsupported`). Null: no sticky sessions.
   */
  readonly session: {
    readonly idLength: { readonly min: number; readonly max: number }
    readonly minutes: { readonly min: number; readonly max: number } | null
  } | null
  /** Whether the gateway password can be read (false: `password` and `url` are null). */
  readonly revealsPassword: boolean
}

/**
 * How far back `usage` reaches and how much one vendor call covers.
 * @example
 * const u: UsageCapabilities = { historyDays: 90, windowDays: null }
 */
export interface UsageCapabilities {
  /** Days that can be asked for, today (UTC) included: `from` is at least today − (historyDays − 1). Null: no limit is known. */
  readonly historyDays: number | null
  /** Most days one vendor call covers; a longer range is split into several calls. Null: any range in one call. */
  readonly windowDays: number | null
}

/**
 * Whether a provider can represent an unlimited traffic limit (`null`): true unless its
 * `trafficLimit` says `unlimited: false` (a vendor without traffic limits reads every sub-user
 * back unlimited, so it counts as able).
 * @example
 * representsUnlimited({ ...caps, trafficLimit: { stepBytes: MIB, minBytes: 0, unlimited: false } }) // false
 */
export const representsUnlimited = (capabilities: Pick<Capabilities, 'trafficLimit'>): boolean => capabilities.trafficLimit?.unlimited !== false

/**
 * Why a provider cannot represent an unlimited traffic limit, as a sentence naming it.
 * @example
 * noUnlimitedReason('iproyal', caps) // 'iproyal cannot represent an unlimited traffic limit: a sub-user holds ...'
 */
export const noUnlimitedReason = (provider: ProviderId, capabilities: Pick<Capabilities, 'trafficLimit'>): string => {
  const why = capabilities.trafficLimit?.unlimitedReason
  return `${provider} cannot represent an unlimited traffic limit${why === undefined ? '' : `: ${why}`}`
}

const FIELDS: ReadonlyArray<SubUserField> = ['username', 'password', 'status', 'trafficLimitBytes']
/** The keys an input may have: the shared fields and `vendor`. */
const INPUT_KEYS: ReadonlySet<string> = new Set<string>([...FIELDS, 'vendor'])
const STATUSES: ReadonlyArray<SubUserStatus> = ['active', 'disabled']

/**
 * Checks the shape of a create input or update patch (types only, the same
 * for every vendor), then the provider's capabilities. Vendor rules (lengths,
 * granularity) are the adapter's. Returns the first failing check as an error. Where the
 * provider cannot represent unlimited, `trafficLimitBytes: null` and a create without
 * `trafficLimitBytes` are `unsupported`.
 * @example
 * checkInput('webshare', caps, 'update', { password: 'x' }) // Left(unsupported: password)
 */
export const checkInput = (
  provider: ProviderId,
  capabilities: Capabilities,
  operation: Extract<Operation, 'create' | 'update'>,
  input: CreateSubUser | UpdateSubUser,
): E.Either<SubUserError, void> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return E.left(validationError(provider, operation, [{ path: '', message: 'must be an object' }]))
  }
  const problems: FieldProblem[] = []
  for (const key of Object.keys(input)) if (!INPUT_KEYS.has(key)) problems.push({ path: key, message: 'is not a known field' })
  const { username, password, status, trafficLimitBytes, vendor } = input
  if (operation === 'create' || username !== undefined) {
    if (typeof username !== 'string') problems.push({ path: 'username', message: 'must be a string' })
  }
  if (password !== undefined && typeof password !== 'string') problems.push({ path: 'password', message: 'must be a string' })
  if (status !== undefined && !STATUSES.includes(status)) problems.push({ path: 'status', message: "must be 'active' or 'disabled'" })
  if (trafficLimitBytes !== undefined && trafficLimitBytes !== null && typeof trafficLimitBytes !== 'number') {
    problems.push({ path: 'trafficLimitBytes', message: 'must be a number of bytes or null (unlimited)' })
  }
  if (vendor !== undefined && (typeof vendor !== 'object' || vendor === null || Array.isArray(vendor))) {
    problems.push({ path: 'vendor', message: 'must be an object' })
  }
  if (problems.length > 0) return E.left(validationError(provider, operation, problems))

  const present = FIELDS.filter((f) => input[f] !== undefined)
  if (operation === 'update' && present.length === 0 && vendor?.[provider] === undefined) {
    return E.left(validationError(provider, operation, [{ path: '', message: 'the patch changes nothing' }]))
  }
  const allowed = capabilities[operation]
  const refused = present.find((f) => !allowed.includes(f))
  if (refused !== undefined) {
    return E.left(unsupportedError(provider, operation, refused, `${provider} cannot ${operation === 'create' ? 'set' : 'change'} ${refused}`))
  }
  if (status !== undefined && !capabilities.statuses.includes(status)) {
    return E.left(unsupportedError(provider, operation, 'status', `${provider} sub-users cannot be ${status}`))
  }
  if (!representsUnlimited(capabilities) && allowed.includes('trafficLimitBytes')) {
    if (trafficLimitBytes === null) return E.left(unsupportedError(provider, operation, 'trafficLimitBytes', noUnlimitedReason(provider, capabilities)))
    if (operation === 'create' && trafficLimitBytes === undefined) {
      return E.left(unsupportedError(provider, operation, 'trafficLimitBytes', `left out, it means unlimited (the default), and ${noUnlimitedReason(provider, capabilities)}`))
    }
  }
  return E.right(undefined)
}
