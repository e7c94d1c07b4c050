/**
 * What `access` prints: the endpoints, the gateway login and the target asked for, the password always hidden;
 * with `--reveal` the proxy URL, password included, on a line of its own (the only line that
 * holds it, so that `| tail -n 1` hands it to a tool), or in the `url` field of JSON or YAML.
 */
import type { AccessTarget, ProxyAccess } from '../src/domain'
import { dataText, escapeControl, isData, TABLE, type View } from './output'

/**
 * An access as `-o json|yaml` prints it: the password as `"[REDACTED]"` (null where the vendor
 * cannot show it), the URL too unless revealed.
 * @example
 * accessToJson(access, false).url // '[REDACTED]'
 */
export const accessToJson = (access: ProxyAccess, reveal: boolean) => ({
  provider: access.provider,
  subUserId: access.subUserId,
  endpoints: access.endpoints.map((e) => ({ protocol: e.protocol, host: e.host, port: e.port })),
  username: access.username,
  password: access.password === null ? null : '[REDACTED]',
  url: access.url === null ? null : reveal ? access.url.reveal() : '[REDACTED]',
})

/**
 * The target's options in words, or undefined without a country or a session: the table shows
 * them on a line of their own, since a vendor that writes them into the password (IPRoyal)
 * shows them nowhere else while the password is hidden.
 * @example
 * targetWords({ country: 'us', session: { id: 'abcd1234', minutes: 120 } }) // 'country US, session abcd1234 for 120 min'
 * targetWords({ session: { id: 'abc123' } })                               // "session abc123 (the vendor's default length)"
 */
export const targetWords = (target: AccessTarget): string | undefined => {
  const words = [
    ...(target.country === undefined ? [] : [`country ${target.country.toUpperCase()}`]),
    ...(target.session === undefined ? [] : [`session ${target.session.id} ${target.session.minutes === undefined ? "(the vendor's default length)" : `for ${target.session.minutes} min`}`]),
  ]
  return words.length === 0 ? undefined : words.join(', ')
}

/**
 * The output of `access`: login, password (hidden), the target's country and session when
 * given, and one line per endpoint; with `reveal`, then the proxy URL alone on the last line.
 * Or the JSON or YAML of {@link accessToJson}.
 * @example
 * renderAccess(access, false) // 'login     td-customer-alice001\npassword  hidden (--reveal prints the proxy URL with it)\nhttp      t.pr.thordata.net:9999\n'
 * renderAccess(access, false, TABLE, { country: 'us' }) // '…\ntarget    country US\nhttp      …'
 */
export const renderAccess = (access: ProxyAccess, reveal: boolean, view: View = TABLE, target: AccessTarget = {}): string => {
  if (isData(view.format)) return dataText(accessToJson(access, reveal), view.format)
  const password =
    access.password === null
      ? `not shown by ${access.provider} (the one the sub-user was given)`
      : reveal
        ? 'hidden here (the last line, the proxy URL, holds it)'
        : 'hidden (--reveal prints the proxy URL with it)'
  const options = targetWords(target)
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['login', access.username],
    ['password', password],
    ...(options === undefined ? [] : [['target', options] as const]),
    ...access.endpoints.map((e) => [e.protocol, `${e.host}:${e.port}`] as const),
  ]
  const width = Math.max(...rows.map(([key]) => key.length))
  // Vendor-supplied text (a login, a host) made inert for the terminal; the URL percent-encodes its login and password.
  const lines = rows.map(([key, value]) => `${view.paint.bold(key.padEnd(width))}  ${escapeControl(value)}\n`).join('')
  return `${lines}${reveal && access.url !== null ? `${escapeControl(access.url.reveal())}\n` : ''}`
}
