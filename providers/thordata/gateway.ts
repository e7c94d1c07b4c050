/**
 * Thordata's proxy gateway (vendor sheet §8): the host and ports of each product, and the
 * gateway login `td-customer-<username>` with a target's options appended in Thordata's
 * syntax (`-country-us`, `-sessid-<id>-sesstime-<minutes>`).
 */
import type { CheckedTarget, Gateway } from '../../src/adapter'
import type { ThordataProxyType } from './domain'
import { GATEWAY_PREFIX } from './mapping'

/** Longest sticky session Thordata keeps, in minutes (§8). @example THORDATA_MAX_SESSION_MINUTES === 90 */
export const THORDATA_MAX_SESSION_MINUTES = 90

/** Most days one `usage-statistics` call may span (§3.5: at most 180 days apart, else 10021). @example THORDATA_USAGE_WINDOW_DAYS === 180 */
export const THORDATA_USAGE_WINDOW_DAYS = 180

const RESIDENTIAL_HOST = 't.pr.thordata.net'

/**
 * The gateway of each product: residential `t.pr.thordata.net:9999`, mobile the same host on
 * port 5555 (§8). The sheet names no gateway for unlimited: it gets the residential one
 * (override it with the provider's `gateway` option). One port serves every protocol.
 * @example
 * THORDATA_GATEWAYS.mobile.ports.http // 5555
 */
export const THORDATA_GATEWAYS: Readonly<Record<ThordataProxyType, Gateway>> = {
  residential: { host: RESIDENTIAL_HOST, ports: { http: 9999, https: 9999, socks5: 9999 } },
  unlimited: { host: RESIDENTIAL_HOST, ports: { http: 9999, https: 9999, socks5: 9999 } },
  mobile: { host: RESIDENTIAL_HOST, ports: { http: 5555, https: 5555, socks5: 5555 } },
}

/**
 * The gateway login of a sub-user for a target: `td-customer-<username>`, then
 * `-country-<cc>` (lower-case) and `-sessid-<id>`, with `-sesstime-<minutes>` when the
 * session's length is given (Thordata's default is 10 minutes).
 * @example
 * gatewayLogin('alice001', { country: 'US', session: { id: 'abc123', minutes: 30 }, protocols: ['http'] })
 * // 'td-customer-alice001-country-us-sessid-abc123-sesstime-30'
 */
export const gatewayLogin = (username: string, target: CheckedTarget): string =>
  [
    `${GATEWAY_PREFIX}${username}`,
    ...(target.country === undefined ? [] : [`country-${target.country.toLowerCase()}`]),
    ...(target.session === undefined ? [] : [`sessid-${target.session.id}`]),
    ...(target.session?.minutes === undefined ? [] : [`sesstime-${target.session.minutes}`]),
  ].join('-')
