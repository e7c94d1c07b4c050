/**
 * What the manifest commands print: plans, migrations and apply summaries,
 * for people and as data. Built field by field from the plan and report;
 * a password is only ever "(set)" or "(changed)". For people, every
 * vendor-supplied text has its control characters escaped, and on a
 * terminal the signs are coloured.
 */
import type { ApplyReport, ChangeOutcome } from '../src/manifest/apply'
import type { Migration } from '../src/manifest/migrate'
import type { FieldChange, Plan, PlannedChange } from '../src/manifest/plan'
import { formatBytes } from '../src/units'
import { table } from './format'
import { escapeControl as safe, PLAIN, type Colors } from './output'

const SIGN: Readonly<Record<PlannedChange['action'], string>> = { create: '+', update: '~', delete: '-', unchanged: '=' }
const TINT: Readonly<Record<PlannedChange['action'], keyof Colors>> = { create: 'green', update: 'yellow', delete: 'red', unchanged: 'dim' }

/** A field's name as a manifest writes it. */
const fieldName = (field: string): string => (field === 'trafficLimitBytes' ? 'trafficLimit' : field)

const show = (field: string, value: unknown): string => {
  if (field === 'trafficLimitBytes') return formatBytes(value as number | null)
  if (value === null || value === undefined) return 'none'
  if (value instanceof Date) return value.toISOString()
  return safe(typeof value === 'object' ? JSON.stringify(value) : String(value))
}

const fieldLine = (f: FieldChange, creating: boolean): string => {
  if (f.secret === true) return `${f.field}: ${creating ? '(set)' : '(changed)'}`
  return creating ? `${fieldName(f.field)}: ${show(f.field, f.after)}` : `${fieldName(f.field)}: ${show(f.field, f.before)} -> ${show(f.field, f.after)}`
}

/**
 * How many changes of each kind a plan holds.
 * @example
 * countChanges(p) // { create: 1, update: 0, delete: 0, unchanged: 3 }
 */
export const countChanges = (p: Plan): Readonly<Record<PlannedChange['action'], number>> => ({
  create: p.changes.filter((c) => c.action === 'create').length,
  update: p.changes.filter((c) => c.action === 'update').length,
  delete: p.changes.filter((c) => c.action === 'delete').length,
  unchanged: p.changes.filter((c) => c.action === 'unchanged').length,
})

/**
 * Whether any plan would change something.
 * @example
 * if (!hasChanges(plans)) io.stdout('No changes.\n')
 */
export const hasChanges = (plans: ReadonlyArray<Plan>): boolean => plans.some((p) => p.changes.some((c) => c.action !== 'unchanged'))

/**
 * A plan for people: one block per provider, one line per sub-user
 * (`+` create, `~` update, `-` delete, `=` unchanged) and the changed fields under it.
 * @example
 * renderPlan(p) // 'thordata: 1 to create, 0 to update, 0 to delete, 0 unchanged\n  + alice001 (create)\n      trafficLimit: 500MiB\n'
 */
export const renderPlan = (p: Plan, paint: Colors = PLAIN): string => {
  const n = countChanges(p)
  const lines = [paint.bold(`${p.provider.id}: ${n.create} to create, ${n.update} to update, ${n.delete} to delete, ${n.unchanged} unchanged`)]
  for (const c of p.changes) {
    const tint = paint[TINT[c.action]] as (text: string) => string
    const duplicate = c.action === 'delete' && c.duplicateOf !== undefined ? `, a duplicate of ${safe(c.duplicateOf)}, kept` : ''
    lines.push(`  ${tint(SIGN[c.action])} ${safe(c.username)}${c.action === 'unchanged' ? '' : ` (${tint(c.action)}${'id' in c && duplicate !== '' ? ` id ${safe(c.id)}${duplicate}` : ''})`}`)
    if (c.action === 'create' || c.action === 'update') for (const f of c.fields) lines.push(`      ${fieldLine(f, c.action === 'create')}`)
  }
  if (p.unmanaged.length > 0) {
    lines.push(`  ${p.unmanaged.length} not in the manifest, kept (--prune deletes them): ${p.unmanaged.map((u) => safe(u.username)).join(', ')}`)
  }
  return `${lines.join('\n')}\n`
}

/**
 * A plan as JSON data: every change with its fields (a password as `{ "field": "password", "secret": true }`).
 * @example
 * planJson(p) // { provider: 'webshare', changes: [{ action: 'create', username: 'team-a', fields: [...] }], unmanaged: [] }
 */
export const planJson = (p: Plan) => ({
  provider: p.provider.id,
  summary: countChanges(p),
  changes: p.changes.map((c) => ({
    action: c.action,
    username: c.username,
    ...('id' in c ? { id: c.id } : {}),
    ...(c.action === 'delete' && c.duplicateOf !== undefined ? { duplicateOf: c.duplicateOf } : {}),
    ...(c.action === 'create' || c.action === 'update' ? { fields: c.fields } : {}),
  })),
  unmanaged: p.unmanaged,
})

/**
 * What a migration cannot carry over, for people.
 * @example
 * renderMigration(m) // 'thordata -> webshare: 3 to migrate, 1 not migrated\nNot carried over:\n  alice001 password: webshare keeps no password on a sub-user\n...'
 */
export const renderMigration = (m: Migration): string => {
  const lines = [`${m.from} -> ${m.to}: ${m.wanted.length} to migrate, ${m.skipped.length} not migrated`]
  if (m.notCarried.length > 0) lines.push('Not carried over:', ...m.notCarried.map((l) => `  ${safe(l.username)} ${fieldName(l.field)}: ${safe(l.reason)}`))
  if (m.skipped.length > 0) lines.push('Not migrated:', ...m.skipped.map((s) => `  ${safe(s.username)}: ${safe(s.reason)}`))
  return `${lines.join('\n')}\n`
}

/**
 * A migration as JSON data (what is wanted on the target is in the plan).
 * @example
 * migrationJson(m) // { from: 'thordata', to: 'webshare', notCarried: [...], skipped: [...] }
 */
export const migrationJson = (m: Migration) => ({ from: m.from, to: m.to, notCarried: m.notCarried, skipped: m.skipped })

const outcomeJson = (o: ChangeOutcome) => ({
  action: o.action,
  username: o.username,
  ...(o.id === undefined ? {} : { id: o.id }),
  result: o.result,
  ...(o.error === undefined
    ? {}
    : {
        error: {
          kind: o.error.kind,
          message: o.error.message,
          ...(o.error.status === undefined ? {} : { status: o.error.status }),
          ...(o.error.vendorCode === undefined ? {} : { vendorCode: o.error.vendorCode }),
        },
      }),
})

/**
 * An apply report as JSON data: counts and every change's outcome.
 * @example
 * reportJson(report) // { provider: 'thordata', created: 1, ..., outcomes: [{ action: 'create', username: 'alice001', id: 'alice001', result: 'done' }] }
 */
export const reportJson = (r: ApplyReport) => ({
  provider: r.provider,
  created: r.created,
  updated: r.updated,
  deleted: r.deleted,
  unchanged: r.unchanged,
  failed: r.failed,
  skipped: r.skipped,
  ...(r.stopped === undefined ? {} : { stopped: { kind: r.stopped.kind, message: r.stopped.message } }),
  outcomes: r.outcomes.map(outcomeJson),
})

/**
 * The final summary of an apply: a table of counts per provider, then each failure on its own line.
 * @example
 * renderSummary(reports) // 'PROVIDER  CREATED  UPDATED  DELETED  UNCHANGED  FAILED  SKIPPED\nthordata  1        0        0        2          0       0\n'
 */
export const renderSummary = (reports: ReadonlyArray<ApplyReport>, paint: Colors = PLAIN): string => {
  const rows = reports.map((r) => [r.provider, r.created, r.updated, r.deleted, r.unchanged, r.failed, r.skipped].map(String))
  const failures = reports.flatMap((r) =>
    r.outcomes.filter((o) => o.result === 'failed').map((o) => `  ${r.provider} ${o.action} ${safe(o.username)}: ${safe(o.error?.message ?? 'failed')}`),
  )
  const stops = reports.flatMap((r) => (r.stopped === undefined ? [] : [`  ${safe(r.stopped.message)}`]))
  return (
    table([['PROVIDER', 'CREATED', 'UPDATED', 'DELETED', 'UNCHANGED', 'FAILED', 'SKIPPED'], ...rows], paint) +
    (failures.length === 0 ? '' : `${paint.red('Failed:')}\n${failures.join('\n')}\n`) +
    (stops.length === 0 ? '' : `${paint.red('Stopped:')}\n${stops.join('\n')}\n`)
  )
}

/**
 * One plain progress line, for output that is not a terminal.
 * @example
 * progressLine({ provider: 'thordata', done: 3, total: 10, failed: 0, last }) // '[3/10] thordata create alice001: done\n'
 */
export const progressLine = (p: { provider: string; done: number; total: number; last: ChangeOutcome }): string =>
  `[${p.done}/${p.total}] ${p.provider} ${p.last.action} ${safe(p.last.username)}: ${p.last.result}${p.last.error === undefined ? '' : ` (${safe(p.last.error.message)})`}\n`
