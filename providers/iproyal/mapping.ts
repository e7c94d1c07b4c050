/**
 * IPRoyal's decoded sub-user mapped, field by field, into the domain (vendor sheet §3.10).
 */
import { secret } from '../../src/adapter'
import type { IPRoyalLimits, IPRoyalSubUser } from './codecs'
import type { IPRoyalRawLimits, IPRoyalSubUserOf } from './domain'
import { toBytes } from './units'

/**
 * A sub-user's whole allocation in bytes: `(traffic_available + traffic_used) × 2^30`, rounded
 * to the byte (§6.3): the neutral `trafficLimitBytes`, and what a limit change compares.
 * @example
 * allocationBytes({ traffic_available: 9.5, traffic_used: 0.5, ... }) // 10737418240
 */
export const allocationBytes = (s: Pick<IPRoyalSubUser, 'traffic_available' | 'traffic_used'>): number => toBytes(s.traffic_available + s.traffic_used)

/** `limits` as the extras show it: the documented keys present, field by field; `[]` or absent as null. */
const toLimits = (limits: IPRoyalLimits | null | undefined): IPRoyalRawLimits | null => {
  if (limits === undefined || limits === null || Array.isArray(limits)) return null
  const l = limits as Exclude<IPRoyalLimits, ReadonlyArray<never>>
  return {
    ...(l.daily_limit === undefined ? {} : { daily_limit: l.daily_limit }),
    ...(l.monthly_limit === undefined ? {} : { monthly_limit: l.monthly_limit }),
    ...(l.lifetime_limit === undefined ? {} : { lifetime_limit: l.lifetime_limit }),
  }
}

/**
 * One IPRoyal sub-user as a {@link SubUser} (§3.10): `id` is the `hash`, `status` always
 * `'active'` (IPRoyal has none), `trafficLimitBytes` the whole allocation (available + used),
 * `createdAt` null (IPRoyal keeps none), the password in clear behind a Secret. `applied` is
 * set on an update's result: the fields it changed.
 * @example
 * toSubUser({ id: 5, hash: '02JVRQ5BF83PTW19G1SRD955J0', username: 'subuser123', password: 'securepassword', traffic_available: 10, traffic_used: 0 }).trafficLimitBytes // 10737418240
 */
export const toSubUser = (s: IPRoyalSubUser, applied?: ReadonlyArray<string>): IPRoyalSubUserOf => {
  const vendor: IPRoyalSubUserOf['vendor'] = {
    provider: 'iproyal',
    trafficAvailableBytes: toBytes(s.traffic_available),
    legacyId: s.id ?? null,
    limits: toLimits(s.limits),
    trafficBytes: s.traffic === undefined || s.traffic === null ? null : toBytes(s.traffic),
  }
  return {
    provider: 'iproyal',
    id: s.hash,
    username: s.username,
    status: 'active',
    trafficLimitBytes: allocationBytes(s),
    trafficUsedBytes: toBytes(s.traffic_used),
    createdAt: null,
    password: secret(s.password),
    // Only an update's result carries `applied`: a listing's records are built without a spread.
    vendor: applied === undefined ? vendor : { ...vendor, applied },
  }
}
