/**
 * What the CLI prints: tables for people, JSON or YAML for machines. All are
 * built field by field from the domain; a password only ever shows as
 * `[REDACTED]`; in tables every vendor-supplied text has its control
 * characters escaped.
 */
import { sandboxFields, type Sandbox } from '../providers/sandbox'
import type { SubUser } from '../src/domain'
import { formatBytes } from '../src/units'
import { dataText, escapeControl, isData, TABLE, type View } from './output'
import { VENDORS } from '../providers/vendors'

/**
 * A sub-user as `--json` prints it: dates as ISO strings, the password as
 * `"[REDACTED]"` (null when the vendor keeps none), the vendor extras included.
 * @example
 * const j: SubUserJson = userToJson(user)
 */
export interface SubUserJson {
  readonly provider: SubUser['provider']
  readonly id: string
  readonly username: string
  readonly status: SubUser['status']
  readonly trafficLimitBytes: number | null
  readonly trafficUsedBytes: number | null
  readonly createdAt: string | null
  readonly password: '[REDACTED]' | null
  readonly vendor: Readonly<Record<string, unknown>>
}

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString())

/** Extras as JSON data, whatever the vendor: dates as ISO strings (as `JSON.stringify` writes them), key order kept. */
const extrasJson = (extras: object): Readonly<Record<string, unknown>> => JSON.parse(JSON.stringify(extras)) as Readonly<Record<string, unknown>>

/**
 * A sub-user as plain JSON data.
 * @example
 * JSON.stringify(userToJson(user)) // {"provider":"thordata","id":"alice001",...,"password":"[REDACTED]",...}
 */
export const userToJson = (user: SubUser): SubUserJson => ({
  provider: user.provider,
  id: user.id,
  username: user.username,
  status: user.status,
  trafficLimitBytes: user.trafficLimitBytes,
  trafficUsedBytes: user.trafficUsedBytes,
  createdAt: iso(user.createdAt),
  password: user.password === null ? null : '[REDACTED]',
  vendor: extrasJson(user.vendor),
})

const HEADER = ['ID', 'USERNAME', 'STATUS', 'LIMIT', 'USED', 'CREATED'] as const

const row = (user: SubUser): ReadonlyArray<string> => [
  user.id,
  user.username,
  user.status,
  formatBytes(user.trafficLimitBytes),
  user.trafficUsedBytes === null ? '-' : formatBytes(user.trafficUsedBytes),
  user.createdAt === null ? '-' : user.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
]

/**
 * Lays rows out in columns separated by two spaces, the first row as header
 * (bold when colour is on). Control characters in a cell are escaped first,
 * so a vendor's text cannot act on the terminal or shift the columns.
 * @example
 * table([['ID', 'NAME'], ['1', 'alice']]) // 'ID  NAME\n1   alice\n'
 */
export const table = (rows: ReadonlyArray<ReadonlyArray<string>>, paint: View['paint'] = TABLE.paint): string => {
  const safe = rows.map((r) => r.map(escapeControl))
  const widths = safe.reduce<number[]>((w, r) => r.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), [])
  return (
    safe
      .map((r, n) => {
        const line = r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')
        return n === 0 ? paint.bold(line) : line
      })
      .join('\n') + '\n'
  )
}

/**
 * Pretty JSON text with a final newline, as `--json` prints it.
 * @example
 * jsonText({ a: 1 }) // '{\n  "a": 1\n}\n'
 */
export const jsonText = (value: unknown): string => dataText(value, 'json')

/**
 * The output of `list`: a table (id, username, status, limit, used, created), or a JSON or YAML list.
 * @example
 * renderUsers(users) // 'ID        USERNAME  STATUS  LIMIT   USED  CREATED\nalice001  alice001  active  500MiB  0B    2025-01-01T00:00:00Z\n'
 */
export const renderUsers = (users: ReadonlyArray<SubUser>, view: View = TABLE): string => {
  if (isData(view.format)) return dataText(users.map(userToJson), view.format)
  return users.length === 0 ? 'no sub-users\n' : table([HEADER, ...users.map(row)], view.paint)
}

/**
 * The output of `get`, `create`, `update` and `refresh`: a one-row table, or a JSON or YAML object.
 * @example
 * renderUser(user, { format: 'json', paint: PLAIN }) // '{\n  "provider": "webshare",\n  "id": "42", ...'
 */
export const renderUser = (user: SubUser, view: View = TABLE): string =>
  isData(view.format) ? dataText(userToJson(user), view.format) : table([HEADER, row(user)], view.paint)

/**
 * The output of `delete`: a one-line confirmation.
 * @example
 * renderDeleted('thordata', 'alice001') // 'deleted thordata sub-user alice001\n'
 * renderDeleted('thordata', 'alice001', { format: 'json', paint: PLAIN })  // '{"deleted":"alice001"}\n'
 */
export const renderDeleted = (provider: SubUser['provider'], id: string, view: View = TABLE): string =>
  view.format === 'json' ? `${JSON.stringify({ deleted: id })}\n` : isData(view.format) ? dataText({ deleted: id }, view.format) : `deleted ${provider} sub-user ${escapeControl(id)}\n`

/**
 * The output of `sandbox`: the five `KEY=value` lines that point the CLI (or
 * any app) at it, or with `exported` the same as `export KEY='value'` lines a
 * shell takes in one `source` or `eval`. The values are the sandbox's fake
 * credentials and its loopback URLs.
 * @example
 * renderSandboxVariables(sandbox) // 'THORDATA_TOKEN=...\nTHORDATA_KEY=...\nTHORDATA_BASE_URL=http://127.0.0.1:4010/thordata/api\n...'
 * renderSandboxVariables(sandbox, true) // "export THORDATA_TOKEN='...'\n..."
 */
export const renderSandboxVariables = (sandbox: Sandbox, exported = false): string =>
  VENDORS.flatMap((vendor) => {
    const fields = sandboxFields(sandbox, vendor.id)
    return vendor.environment.flatMap((v) => (typeof fields[v.option] === 'string' ? [[v.name, fields[v.option] as string] as const] : []))
  })
    .map(([name, value]) => (exported ? `export ${name}=${shellQuoted(value ?? '')}\n` : `${name}=${value}\n`))
    .join('')

/** A value in single quotes for a POSIX shell (a quote inside written '\''). */
const shellQuoted = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`
