/**
 * Oxylabs' residential proxy gateway (vendor sheet §8): one entry, `pr.oxylabs.io:7777`, for
 * HTTP, HTTPS and SOCKS5, and the gateway login `customer-<username>` with a target's options
 * appended in Oxylabs' syntax (`-cc-US`, `-sessid-<id>`, `-sesstime-<minutes>`).
 */
import type { CheckedTarget, Gateway } from '../../src/adapter'

/** Longest sticky session Oxylabs keeps, in minutes (`sesstime`, §8). @example OXYLABS_MAX_SESSION_MINUTES === 1440 */
export const OXYLABS_MAX_SESSION_MINUTES = 1440

/**
 * The residential entry: the same host and port for every protocol (§8). The `gateway`
 * option overrides host and ports (some accounts get their own).
 * @example
 * OXYLABS_GATEWAY.ports.socks5 // 7777
 */
export const OXYLABS_GATEWAY: Gateway = { host: 'pr.oxylabs.io', ports: { http: 7777, https: 7777, socks5: 7777 } }

/** The login prefix the gateway requires ("the `customer-` prefix is mandatory", §8). @example OXYLABS_LOGIN_PREFIX === 'customer-' */
export const OXYLABS_LOGIN_PREFIX = 'customer-'

/**
 * The gateway login of a sub-user for a target: `customer-<username>`, then `-cc-<CC>`
 * (upper-case, as the sheet writes it; the gateway takes either case) and `-sessid-<id>`, with
 * `-sesstime-<minutes>` when the session's length is given (Oxylabs' default is 10 minutes).
 * @example
 * gatewayLogin('team_a', { country: 'US', session: { id: 'abc123', minutes: 30 }, protocols: ['http'] })
 * // 'customer-team_a-cc-US-sessid-abc123-sesstime-30'
 */
export const gatewayLogin = (username: string, target: CheckedTarget): string =>
  [
    `${OXYLABS_LOGIN_PREFIX}${username}`,
    ...(target.country === undefined ? [] : [`cc-${target.country}`]),
    ...(target.session === undefined ? [] : [`sessid-${target.session.id}`]),
    ...(target.session?.minutes === undefined ? [] : [`sesstime-${target.session.minutes}`]),
  ].join('-')
