/**
 * `npm run demo`: a provisioning job, as a script of yours would run it, on
 * every vendor through the same provider-neutral function, against the
 * built-in sandbox (no account, no network).
 *
 * For each vendor it creates four sub-users, lists them, raises one's traffic
 * limit (and shows that the other fields kept their values), refreshes one,
 * deletes one, and prints each step. Then the declarative way: the sub-users
 * of examples/manifests/mixed.yaml planned and applied on every vendor, and
 * planned again to show that nothing is left to do. Last, a summary.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { SubUserError, apply, formatBytes, gib, mib, plan, representsUnlimited, toPromises, type ApplyReport, type ProviderId, type SubUser, type SubUserProvider } from 'proxy-subusers'
import { parseManifest } from 'proxy-subusers/manifest'
import { sandboxProviders, startSandbox } from 'proxy-subusers/sandbox'

/**
 * What the job did on one vendor.
 * @example
 * const r: ProvisioningReport = await provision(provider, console.log)
 * r.remaining // 3
 */
export interface ProvisioningReport {
  readonly provider: ProviderId
  /** Ids of the sub-users created, in order. */
  readonly created: ReadonlyArray<string>
  /** How many sub-users `list` returned after creating. */
  readonly listed: number
  /** The partial update: the traffic limit before and after; username and status unchanged. */
  readonly updated: { readonly id: string; readonly limitBefore: number | null; readonly limitAfter: number | null; readonly othersKept: boolean }
  readonly refreshed: string
  readonly deleted: string
  /** How many sub-users `list` returned after the delete. */
  readonly remaining: number
}

/** Lays rows out in columns, the first row as header. */
const table = (rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const widths = rows.reduce<number[]>((w, r) => r.map((cell, i) => Math.max(w[i] ?? 0, cell.length)), [])
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n')
}

const USER_HEADER = ['ID', 'USERNAME', 'STATUS', 'LIMIT', 'USED']

const userRow = (u: SubUser): ReadonlyArray<string> => [
  u.id,
  u.username,
  u.status,
  formatBytes(u.trafficLimitBytes),
  u.trafficUsedBytes === null ? '-' : formatBytes(u.trafficUsedBytes),
]

const usersTable = (users: ReadonlyArray<SubUser>): string => table([USER_HEADER, ...users.map(userRow)])

/**
 * The job, for any provider: create four sub-users, list, update one
 * partially, refresh one, delete one. The sub-user to refresh is created with
 * a custom proxy list for Webshare (each provider reads its own vendor block).
 * @example
 * const report = await provision(createWebshareProvider(sandbox.webshare), console.log)
 */
export const provision = async (provider: SubUserProvider, print: (line: string) => void): Promise<ProvisioningReport> => {
  const p = toPromises(provider)
  print(`\n== ${provider.id} ==`)

  const first = await p.create({ username: 'demo0001', trafficLimitBytes: mib(500) })
  const second = await p.create({ username: 'demo0002', trafficLimitBytes: gib(1) })
  // Unlimited where the vendor can represent it; an allocation where a limit is one (IPRoyal).
  const third = await p.create({ username: 'demo0003', trafficLimitBytes: representsUnlimited(provider.capabilities) ? null : gib(5) })
  const fourth = await p.create({
    username: 'demo0004',
    trafficLimitBytes: mib(200),
    vendor: { thordata: {}, webshare: { proxyCountries: { US: 2 } } },
  })
  const created = [first, second, third, fourth]
  print(`\ncreate: ${created.length} sub-users\n${usersTable(created)}`)

  const listed = await p.list()
  print(`\nlist: ${listed.length} sub-users\n${usersTable(listed)}`)

  const after = await p.update(second.id, { trafficLimitBytes: gib(2) })
  const othersKept = after.username === second.username && after.status === second.status
  const beforeAfter = table([['', ...USER_HEADER], ['before', ...userRow(second)], ['after', ...userRow(after)]])
  print(`\nupdate ${second.id}: traffic limit only (username and status ${othersKept ? 'kept' : 'CHANGED'})\n${beforeAfter}`)

  const refreshed = await p.refresh(fourth.id)
  const renewed = provider.capabilities.refresh === 'renew' ? 'proxy list renewed' : 'state and usage re-read'
  print(`\nrefresh ${fourth.id}: ${renewed}\n${usersTable([refreshed])}`)

  await p.delete(first.id)
  const remaining = await p.list()
  print(`\ndelete ${first.id}: ${remaining.length} sub-users left\n${usersTable(remaining)}`)

  return {
    provider: provider.id,
    created: created.map((u) => u.id),
    listed: listed.length,
    updated: { id: second.id, limitBefore: second.trafficLimitBytes, limitAfter: after.trafficLimitBytes, othersKept },
    refreshed: refreshed.id,
    deleted: first.id,
    remaining: remaining.length,
  }
}

/** Runs a task and returns its value, or throws its SubUserError. */
const run = async <A>(task: TaskEither<SubUserError, A>): Promise<A> => {
  const result = await task()
  if (E.isLeft(result)) throw result.left
  return result.right
}

/** The manifest the declarative part applies. */
export const DEMO_MANIFEST = join(__dirname, 'manifests', 'mixed.yaml')

/**
 * The declarative part: plan and apply {@link DEMO_MANIFEST} on each
 * provider, then plan again (nothing left to change). The password the
 * manifest reads from `ALICE_PASSWORD` defaults to a sandbox-only value.
 * @example
 * const reports = await provisionFromManifest(providers, console.log)
 */
export const provisionFromManifest = async (providers: ReadonlyArray<SubUserProvider>, print: (line: string) => void): Promise<ReadonlyArray<ApplyReport>> => {
  const read = parseManifest(readFileSync(DEMO_MANIFEST, 'utf8'), { ALICE_PASSWORD: 'SandboxOnly1', ...process.env })
  if (E.isLeft(read)) throw new Error(`bad manifest: ${read.left.map((p) => `${p.path} ${p.message}`).join('; ')}`)
  const reports: ApplyReport[] = []
  for (const provider of providers) {
    const wanted = read.right.wanted[provider.id] ?? []
    const planned = await run(plan(provider, wanted))
    const todo = planned.changes.filter((c) => c.action !== 'unchanged').map((c) => `${c.action} ${c.username}`)
    print(`
plan ${provider.id} (examples/manifests/mixed.yaml): ${todo.join(', ') || 'nothing to change'}; ${planned.unmanaged.length} not in the manifest, kept`)
    const report = await run(apply(planned))
    reports.push(report)
    const again = await run(plan(provider, wanted))
    const settled = again.changes.every((c) => c.action === 'unchanged')
    print(`apply: ${report.created} created, ${report.updated} updated, ${report.failed} failed; plan again: ${settled ? 'nothing to change' : 'CHANGES LEFT'}`)
  }
  return reports
}

/**
 * The summary of every vendor's job, one row per vendor.
 * @example
 * print(summaryTable(reports))
 */
export const summaryTable = (reports: ReadonlyArray<ProvisioningReport>): string =>
  table([
    ['PROVIDER', 'CREATED', 'LISTED', 'UPDATED (limit)', 'OTHERS KEPT', 'REFRESHED', 'DELETED', 'REMAINING'],
    ...reports.map((r) => [
      r.provider,
      String(r.created.length),
      String(r.listed),
      `${r.updated.id}: ${formatBytes(r.updated.limitBefore)} -> ${formatBytes(r.updated.limitAfter)}`,
      r.updated.othersKept ? 'yes' : 'no',
      r.refreshed,
      r.deleted,
      String(r.remaining),
    ]),
  ])

/**
 * Starts the sandbox, runs the job on every vendor the package ships (in the order of its
 * vendor list), prints the
 * summary and closes the sandbox (also on failure).
 * @example
 * const reports = await main((line) => lines.push(line))
 */
export const main = async (print: (line: string) => void = (line) => console.log(line)): Promise<ReadonlyArray<ProvisioningReport>> => {
  const sandbox = await startSandbox()
  try {
    // The built-in sandbox does not throttle unless asked: no client-side pacing needed.
    const providers = sandboxProviders(sandbox, { rateLimit: false })
    const reports: ProvisioningReport[] = []
    for (const provider of providers) reports.push(await provision(provider, print))
    await provisionFromManifest(providers, print)
    print(`\nsummary\n${summaryTable(reports)}`)
    return reports
  } finally {
    await sandbox.close()
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(`demo failed: ${SubUserError.is(e) ? e.message : e instanceof Error ? e.message : String(e)}`)
    process.exitCode = 1
  })
}
