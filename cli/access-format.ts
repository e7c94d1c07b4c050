/**
 * What `access` prints: the endpoints and the gateway login, the password always hidden;
 * with `--reveal` the proxy URL, password included, on a line of its own (the only line that
 * holds it, so that `| tail -n 1` hands it to a tool), or in the `url` field of JSON or YAML.
 */
import type { ProxyAccess } from '../src/domain'
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
 * The output of `access`: login, password (hidden) and one line per endpoint; with `reveal`,
 * then the proxy URL alone on the last line. Or the JSON or YAML of {@link accessToJson}.
 * @example
 * renderAccess(access, false) // 'login     td-customer-alice001\npassword  hidden (--reveal prints the proxy URL with it)\nhttp      t.pr.thordata.net:9999\n'
 */
export const renderAccess = (access: ProxyAccess, reveal: boolean, view: View = TABLE): string => {
  if (isData(view.format)) return dataText(accessToJson(access, reveal), view.format)
  const password =
    access.password === null
      ? `not shown by ${access.provider} (the one the sub-user was given)`
      : reveal
        ? 'hidden here (the last line, the proxy URL, holds it)'
        : 'hidden (--reveal prints the proxy URL with it)'
  const rows: ReadonlyArray<readonly [string, string]> = [['login', access.username], ['password', password], ...access.endpoints.map((e) => [e.protocol, `${e.host}:${e.port}`] as const)]
  const width = Math.max(...rows.map(([key]) => key.length))
  // Vendor-supplied text (a login, a host) made inert for the terminal; the URL percent-encodes its login and password.
  const lines = rows.map(([key, value]) => `${view.paint.bold(key.padEnd(width))}  ${escapeControl(value)}\n`).join('')
  return `${lines}${reveal && access.url !== null ? `${escapeControl(access.url.reveal())}\n` : ''}`
}
