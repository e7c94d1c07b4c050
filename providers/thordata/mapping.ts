/**
 * Thordata's decoded records mapped, field by field, into the domain.
 */
import type { ThordataProxyType, ThordataSubUserOf } from './domain'
import { isoDateMillis, secret } from '../../src/adapter'
import { isActive, type ThordataUser } from './codecs'
import { THORDATA_LIMIT_UNIT, THORDATA_USAGE_UNIT } from './units'

/** Thordata's gateway login prefix. @example `${GATEWAY_PREFIX}alice001` */
export const GATEWAY_PREFIX = 'td-customer-'

/**
 * `proxy_type` on the wire for each product (vendor sheet §2, §6.9).
 * @example
 * PROXY_TYPE_CODES.mobile // 3
 */
export const PROXY_TYPE_CODES: Readonly<Record<ThordataProxyType, number>> = { residential: 1, unlimited: 2, mobile: 3 }

/**
 * `created_time` (`yyyy-mm-dd`, timezone undocumented) as UTC midnight; any other form is null (§6.16).
 * @example
 * parseCreatedTime('2025-03-01') // 2025-03-01T00:00:00.000Z
 */
export const parseCreatedTime = (value: string | null | undefined): Date | null => {
  const ms = typeof value === 'string' ? isoDateMillis(value) : NaN
  return Number.isNaN(ms) ? null : new Date(ms)
}

/**
 * One `user-list` record as a {@link SubUser}; `usageKib` overrides the
 * record's usage (refresh reads it from usage-statistics).
 * @example
 * toSubUser(record, 'residential')
 */
export const toSubUser = (user: ThordataUser, proxyType: ThordataProxyType, usageKib?: number): ThordataSubUserOf => {
  const used = usageKib ?? user.usage_traffic
  return {
    provider: 'thordata',
    id: user.username,
    username: user.username,
    status: isActive(user.status) ? 'active' : 'disabled',
    trafficLimitBytes: user.traffic_limit === 0 ? null : user.traffic_limit * THORDATA_LIMIT_UNIT,
    trafficUsedBytes: used === undefined || used === null ? null : used * THORDATA_USAGE_UNIT,
    createdAt: parseCreatedTime(user.created_time),
    password: secret(user.password),
    vendor: { provider: 'thordata', proxyType, gatewayUsername: `${GATEWAY_PREFIX}${user.username}` },
  }
}
