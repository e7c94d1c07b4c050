/**
 * IPRoyal's residential proxy gateway (vendor sheet §8): `geo.iproyal.com`, port 12321 for
 * HTTP and HTTPS and 32325 for SOCKS5; the login is the sub-user's username, and the target's
 * options go into the password, each as `_key-value` (`_country-us`, `_session-<8 letters or
 * digits>`, `_lifetime-<n><unit>`).
 */
import type { CheckedTarget, Gateway } from '../../src/adapter'

/** Longest sticky session IPRoyal keeps, in minutes (`_lifetime` up to 7 days, §8). @example IPROYAL_MAX_SESSION_MINUTES === 10080 */
export const IPROYAL_MAX_SESSION_MINUTES = 7 * 24 * 60

/** The length of a session id (`_session-` takes exactly 8 letters or digits, §8). @example IPROYAL_SESSION_ID_LENGTH === 8 */
export const IPROYAL_SESSION_ID_LENGTH = 8

/**
 * The recommended entry, which picks the region itself (§8). The `gateway` option overrides
 * host and ports (a regional host such as `us.proxy.iproyal.com`, or an alternative port).
 * @example
 * IPROYAL_GATEWAY.ports.socks5 // 32325
 */
export const IPROYAL_GATEWAY: Gateway = { host: 'geo.iproyal.com', ports: { http: 12321, https: 12321, socks5: 32325 } }

/** The units `_lifetime` is written in, largest first, with their length in minutes. */
const LIFETIME_UNITS: ReadonlyArray<readonly [unit: string, minutes: number]> = [
  ['d', 24 * 60],
  ['h', 60],
  ['m', 1],
]

/**
 * A session length as `_lifetime` writes it: one unit only, the largest that holds the
 * minutes exactly (`d`, then `h`, else `m`).
 * @example
 * lifetime(90)    // '90m'
 * lifetime(120)   // '2h'
 * lifetime(10080) // '7d'
 */
export const lifetime = (minutes: number): string => {
  // Minutes are whole (the target is checked), so `m` always holds them.
  const [unit, size] = LIFETIME_UNITS.find(([, size]) => minutes % size === 0)!
  return `${minutes / size}${unit}`
}

/**
 * The gateway password of a sub-user for a target: its own password, then `_country-<cc>`
 * (lower-case, as the sheet's example writes it), `_session-<id>` and, when the session's
 * length is given, `_lifetime-<n><unit>` (without one, IPRoyal's default applies).
 * @example
 * gatewayPassword('Secret123', { country: 'US', session: { id: 'abcd1234', minutes: 30 }, protocols: ['http'] })
 * // 'Secret123_country-us_session-abcd1234_lifetime-30m'
 */
export const gatewayPassword = (password: string, target: CheckedTarget): string =>
  [
    password,
    ...(target.country === undefined ? [] : [`country-${target.country.toLowerCase()}`]),
    ...(target.session === undefined ? [] : [`session-${target.session.id}`]),
    ...(target.session?.minutes === undefined ? [] : [`lifetime-${lifetime(target.session.minutes)}`]),
  ].join('_')
