/**
 * The flow the manifest commands share: read and check a manifest, connect
 * its providers, plan, ask before applying, apply with progress, and report.
 * Every line printed or written goes through the redaction of the
 * credentials and of the manifest's secrets.
 */
import { constants } from 'node:fs'
import { access, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Command } from 'commander'
import * as RA from 'fp-ts/ReadonlyArray'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { ProviderId } from '../src/domain'
import type { AccountLock, AccountLocks } from '../src/coordination/types'
import { apply, DEFAULT_APPLY_CONCURRENCY, type ApplyReport } from '../src/manifest/apply'
import { checkWanted, plan, type Plan, type PlanOptions } from '../src/manifest/plan'
import type { SubUserProvider } from '../src/provider'
import { parseManifest, type ReadManifest } from '../providers/manifest'
import { redact } from '../src/secret'
import { formatOf, printFailure, secretsIn, type CommandContext } from './action'
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, failureFrom, problemsFailure, usageFailure, type CliFailure } from './failure'
import { PROVIDERS, readManifestGlobals, type ManifestGlobals } from './globals'
import { colorsFor, escapeControl, isData, type View } from './output'
import { withAccountLocks } from './coordination'
import { countChanges, reportJson } from './plan-format'
import { connectAll, type Connections } from './providers'
import { startProgress } from './progress'
import { manifestProblem } from './user-words'

/**
 * What a manifest command hands back: its output and exit code.
 * @example
 * const done: CommandResult = { stdout: 'No changes.\n', exitCode: 0 }
 */
export interface CommandResult {
  readonly stdout: string
  readonly exitCode: number
}

/**
 * What a manifest command runs with: its global options, the providers it
 * connected, and the secrets to keep out of every output.
 * @example
 * const run = (s: ManifestSession) => planAll(s.connections, wanted, false)
 */
export interface ManifestSession {
  readonly globals: ManifestGlobals
  /** How stdout is to look (format and colours). */
  readonly view: View
  readonly connections: Connections
  /** Adds secrets found on the way (e.g. passwords read from a migration source). */
  addSecrets(values: ReadonlyArray<string>): void
  /** Scrubs a text of every secret known so far. */
  redact(text: string): string
}

/**
 * What a manifest command prepares once the global options are read: the
 * providers to connect, its own input, and the secrets that input holds.
 * @example
 * const p: Prepared<ReadManifest> = { ids: ['thordata'], input: manifest, secrets: manifest.secrets }
 */
export interface Prepared<A> {
  readonly ids: ReadonlyArray<ProviderId>
  readonly input: A
  readonly secrets: ReadonlyArray<string>
  /** Printed on stderr before anything is sent (e.g. a password written in the manifest). */
  readonly warnings?: ReadonlyArray<string>
}

/**
 * Runs a manifest command: reads the global options, prepares the command's
 * input, connects its providers, runs `body`, closes the connections, and
 * prints the output or the one-line reason. With `detailedExitCode`, any
 * failure exits 1 (2 means "changes").
 * @example
 * await runManifestCommand(ctx, command, { prepare: () => TE.right({ ids: ['thordata'], input: undefined, secrets: [] }) }, () => TE.right({ stdout: 'ok\n', exitCode: 0 }))
 */
export const runManifestCommand = async <A>(
  ctx: CommandContext,
  command: Command,
  spec: { readonly prepare: (globals: ManifestGlobals) => TE.TaskEither<CliFailure, Prepared<A>>; readonly detailedExitCode?: boolean },
  body: (session: ManifestSession, input: A) => TE.TaskEither<CliFailure, CommandResult>,
): Promise<void> => {
  const secrets: string[] = [...secretsIn(ctx.io.env)]
  const scrub = (text: string): string => redact(text, secrets)
  const options = command.optsWithGlobals()
  const globals = readManifestGlobals(options)
  const task = pipe(
    TE.fromEither(globals),
    TE.bindTo('globals'),
    TE.bind('prepared', ({ globals }) => spec.prepare(globals)),
    TE.tapIO(({ prepared }) => () => secrets.push(...prepared.secrets)),
    TE.tapIO(({ globals, prepared }) => () => {
      for (const warning of prepared.warnings ?? []) {
        const text = scrub(warning)
        ctx.io.stderr(isData(globals.output) ? `${JSON.stringify({ warning: text })}\n` : `${colorsFor(ctx.io, 'stderr', globals.color).yellow('proxy-subusers: warning:')} ${escapeControl(text)}\n`)
      }
    }),
    TE.flatMap(({ globals, prepared }) =>
      TE.bracket(
        connectAll(prepared.ids, globals, ctx.io.env),
        (connections) =>
          body(
            {
              globals,
              view: { format: globals.output, paint: colorsFor(ctx.io, 'stdout', globals.color) },
              connections,
              addSecrets: (values) => secrets.push(...values),
              redact: scrub,
            },
            prepared.input,
          ),
        (connections) => TE.tryCatch(() => connections.close(), failureFrom),
      ),
    ),
  )
  const result = await task()
  if (E.isLeft(result)) {
    const failure = spec.detailedExitCode === true && result.left.exitCode === EXIT_USAGE ? { ...result.left, exitCode: EXIT_FAILURE } : result.left
    const look = E.isRight(globals) ? globals.right : { output: formatOf(options), color: options['color'] !== false }
    ctx.settle(printFailure(ctx.io, failure, secrets, look.output, look.color))
    return
  }
  ctx.io.stdout(scrub(result.right.stdout))
  ctx.settle(result.right.exitCode)
}

/**
 * Reads and decodes a manifest file; every problem in one usage failure that
 * names the file. `only` narrows it to one provider, which it must name.
 * @example
 * const m = await loadManifest('examples/thordata.yaml', process.env)()
 */
export const loadManifest = (file: string, env: Readonly<Record<string, string | undefined>>, only?: ProviderId): TE.TaskEither<CliFailure, ReadManifest> =>
  pipe(
    TE.tryCatch(
      () => readFile(file, 'utf8'),
      (e) => usageFailure(`cannot read the manifest ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`),
    ),
    TE.flatMapEither((text) => pipe(parseManifest(text, env), E.mapLeft((problems) => problemsFailure(`manifest ${file}`, problems, file)))),
    TE.flatMapEither((m) => {
      if (only === undefined) return E.right(m)
      const wanted = m.wanted[only]
      return wanted === undefined ? E.left(usageFailure(`manifest ${file} has no ${only} section`)) : E.right({ ...m, wanted: { [only]: wanted } })
    }),
  )

/**
 * A manifest read from a file, and the file's name (problems name it).
 * @example
 * const m: LoadedManifest = { file: 'team.yaml', wanted: {}, secrets: [], warnings: [] }
 */
export type LoadedManifest = ReadManifest & { readonly file: string }

/**
 * The manifest file of `plan` or `apply`: the positional argument or `-f`,
 * one of them (both only when they agree).
 * @example
 * manifestFile(undefined, 'team.yaml') // Right('team.yaml')
 * manifestFile(undefined, undefined)   // Left(usage: a manifest is required ...)
 */
export const manifestFile = (positional: string | undefined, option: string | undefined): E.Either<CliFailure, string> => {
  if (positional !== undefined && option !== undefined && positional !== option) return E.left(usageFailure('give the manifest once: as an argument or with -f, not both'))
  const file = positional ?? option
  return file === undefined ? E.left(usageFailure('a manifest is required: proxy-subusers plan team.yaml (or -f team.yaml)')) : E.right(file)
}

/**
 * Refuses, before anything is sent, a file to write whose folder does not
 * exist or cannot be written (e.g. `--report` in a missing folder).
 * @example
 * await writableTarget('out/report.json', '--report')() // Left(usage: --report out/report.json: its folder out does not exist or cannot be written)
 */
export const writableTarget = (file: string | undefined, option: string): TE.TaskEither<CliFailure, void> => {
  if (file === undefined) return TE.right(undefined)
  const folder = dirname(file)
  return TE.tryCatch(
    () => access(folder, constants.W_OK),
    () => usageFailure(`${option} ${file}: its folder ${folder} does not exist or cannot be written`),
  )
}

/**
 * Prepares a command that works from a manifest file: the manifest read
 * (narrowed by `--provider`), its providers in a fixed order, its secrets,
 * a warning for each password written in it; `report`, when given, is
 * checked to be writable first.
 * @example
 * runManifestCommand(ctx, command, { prepare: fromManifest(E.right(file), ctx.io.env) }, (session, manifest) => ...)
 */
export const fromManifest =
  (file: E.Either<CliFailure, string>, env: Readonly<Record<string, string | undefined>>, report?: string) =>
  (globals: ManifestGlobals): TE.TaskEither<CliFailure, Prepared<LoadedManifest>> =>
    pipe(
      TE.fromEither(file),
      TE.tap(() => writableTarget(report, '--report')),
      TE.flatMap((name) =>
        pipe(
          loadManifest(name, env, globals.provider),
          TE.map((m) => ({
            ids: PROVIDERS.filter((id) => m.wanted[id] !== undefined),
            input: { ...m, file: name },
            secrets: m.secrets,
            warnings: m.warnings.filter((w) => globals.provider === undefined || w.path.startsWith(`${globals.provider}[`)).map((w) => `${name}: ${w.path} ${w.message}`),
          })),
        ),
      ),
    )

/** Each connected provider with its entries in the manifest. */
const entriesOf = (connections: Connections, wanted: ReadManifest['wanted']) =>
  [...connections.providers].flatMap(([id, provider]) => {
    const list = wanted[id]
    return list === undefined ? [] : [{ provider, list }]
  })

/**
 * Checks every entry against its provider's rules, sending nothing: all
 * entry problems in one usage failure, in the manifest's words
 * (`trafficLimit`, `unlimited`), naming `file` when given.
 * @example
 * await checkAll(session.connections, manifest.wanted, 'team.yaml')()
 */
export const checkAll = (connections: Connections, wanted: ReadManifest['wanted'], file?: string): E.Either<CliFailure, void> => {
  const problems = entriesOf(connections, wanted).flatMap(({ provider, list }) =>
    checkWanted(provider, list).map((p) => {
      const told = manifestProblem(p, list)
      return { ...told, path: `${provider.id}${told.path}` }
    }),
  )
  return problems.length > 0 ? E.left(problemsFailure(file === undefined ? 'manifest' : `manifest ${file}`, problems, file)) : E.right(undefined)
}

/**
 * Checks every entry (see {@link checkAll}), then plans each provider.
 * @example
 * const plans = await planAll(session.connections, manifest.wanted, { prune: false }, 'team.yaml')()
 */
export const planAll = (connections: Connections, wanted: ReadManifest['wanted'], options: PlanOptions, file?: string): TE.TaskEither<CliFailure, ReadonlyArray<Plan>> =>
  pipe(
    TE.fromEither(checkAll(connections, wanted, file)),
    TE.flatMap(() =>
      pipe(
        entriesOf(connections, wanted),
        RA.map(({ provider, list }) => pipe(plan(provider, list, options), TE.mapLeft(failureFrom))),
        RA.sequence(TE.ApplicativePar),
      ),
    ),
  )

/**
 * Runs `body` holding the apply lock of each provider's account (Redis with
 * `--redis`, else lock files on this machine): a run that has to wait says
 * so on stderr once; with `--no-wait` (`wait: false`) a held lock exits 3.
 * @example
 * withApplyLocks(ctx, session, [provider], { wait: true }, (locks) => applyAll(ctx, session, plans, options, locks))
 */
export const withApplyLocks = <A>(
  ctx: CommandContext,
  session: ManifestSession,
  providers: ReadonlyArray<SubUserProvider>,
  options: Pick<ApplyCommandOptions, 'wait'>,
  body: (locks: ReadonlyMap<ProviderId, AccountLock>) => TE.TaskEither<CliFailure, A>,
): TE.TaskEither<CliFailure, A> =>
  withAccountLocks(
    providers,
    session.connections.locks,
    { wait: options.wait !== false, ...(ctx.io.signal === undefined ? {} : { signal: ctx.io.signal }), notice: (text) => notice(ctx, session, text) },
    body,
  )

/** A notice on stderr: a line for people, `{"notice": ...}` for machines. */
const notice = (ctx: CommandContext, session: ManifestSession, text: string): void =>
  ctx.io.stderr(isData(session.globals.output) ? `${JSON.stringify({ notice: session.redact(text) })}\n` : `proxy-subusers: ${escapeControl(session.redact(text))}\n`)

/**
 * `--dedupe` deletes sub-users, so `apply` takes it only with `--yes`.
 * @example
 * dedupeNeedsYes({ dedupe: true }) // Left(usage: --dedupe deletes sub-users: give --yes with it ...)
 */
export const dedupeNeedsYes = (options: Pick<ApplyCommandOptions, 'dedupe' | 'yes'>): E.Either<CliFailure, void> =>
  options.dedupe === true && options.yes !== true
    ? E.left(usageFailure('--dedupe deletes sub-users (all but the oldest of each duplicated name): give --yes with it; nothing was changed'))
    : E.right(undefined)

/**
 * Options of {@link applyAll}, from the command line.
 * @example
 * const o: ApplyCommandOptions = { yes: true, concurrency: 4, report: 'report.json' }
 */
export interface ApplyCommandOptions {
  readonly yes?: boolean
  readonly concurrency?: number
  readonly report?: string
  /** False with `--no-wait`: exit 3 instead of waiting for a lock another run holds. */
  readonly wait?: boolean
  /** `--dedupe`: keep the oldest sub-user of each duplicated name, delete the others. */
  readonly dedupe?: boolean
}

/**
 * Whether an answer to the prompt means yes: `y` or `yes`, in any case.
 * @example
 * isYes(' Y ') // true
 * isYes('yep') // false
 */
export const isYes = (answer: string): boolean => /^(y|yes)$/i.test(answer.trim())

/**
 * Asks before applying where it must: on a terminal without `--yes`, a prompt
 * that `y` or `yes` (any case) accepts; off a terminal, deletes need `--yes`
 * and the rest goes ahead.
 */
const confirm = (ctx: CommandContext, plans: ReadonlyArray<Plan>, yes: boolean): TE.TaskEither<CliFailure, void> => {
  if (yes) return TE.right(undefined)
  const counts = plans.map(countChanges)
  const changes = counts.reduce((n, c) => n + c.create + c.update + c.delete, 0)
  const deletes = counts.reduce((n, c) => n + c.delete, 0)
  const { io } = ctx
  if (io.terminal?.stdin === true && io.ask !== undefined) {
    const ask = io.ask
    return pipe(
      TE.tryCatch(() => ask(`Apply ${changes} change${changes === 1 ? '' : 's'}${deletes > 0 ? ` (${deletes} deletes)` : ''}? [y/N] `), failureFrom),
      TE.flatMap((answer) => (isYes(answer) ? TE.right(undefined) : TE.left({ exitCode: EXIT_FAILURE, message: 'apply cancelled: nothing was changed' }))),
    )
  }
  return deletes === 0
    ? TE.right(undefined)
    : TE.left(usageFailure(`the plan deletes ${deletes} sub-user${deletes === 1 ? '' : 's'}: pass --yes to apply it (stdin is not a terminal, so there is no prompt); nothing was changed`))
}

/**
 * Confirms, applies every plan (providers side by side, each at its own
 * pace) with progress, under the locks the caller holds (`locks`, from
 * {@link withApplyLocks}, the plans made under them), writes the report
 * file, and gives the exit code: 0 when every change went through, 1 when
 * one failed or a lock was lost (said on stderr), 130 when interrupted.
 * @example
 * const { reports, exitCode } = await applyAll(ctx, session, plans, { yes: true }, locks)()
 */
export const applyAll = (
  ctx: CommandContext,
  session: ManifestSession,
  plans: ReadonlyArray<Plan>,
  options: ApplyCommandOptions,
  locks: ReadonlyMap<ProviderId, AccountLock>,
): TE.TaskEither<CliFailure, { readonly reports: ReadonlyArray<ApplyReport>; readonly exitCode: number }> =>
  pipe(
    confirm(ctx, plans, options.yes === true),
    TE.flatMap(() => {
      const total = plans.reduce((n, p) => n + p.changes.filter((c) => c.action !== 'unchanged').length, 0)
      const progress = startProgress(ctx.io, isData(session.globals.output), total, session.redact)
      const stopping = acknowledgeInterrupt(ctx, session, plans, options.concurrency ?? DEFAULT_APPLY_CONCURRENCY)
      const run = pipe(
        plans,
        RA.map((p) =>
          apply(p, {
            onProgress: (update) => {
              stopping.update(update)
              progress.update(update)
            },
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(ctx.io.signal === undefined ? {} : { signal: ctx.io.signal }),
            ...lockOf(locks, p, session.connections.locks),
          }),
        ),
        RA.sequence(TE.ApplicativePar),
        TE.mapLeft(failureFrom),
      )
      return pipe(
        run,
        TE.tapIO((reports) => () => {
          stopping.stop()
          progress.stop()
          for (const r of reports) if (r.stopped !== undefined) notice(ctx, session, r.stopped.message)
        }),
        TE.tap((reports) => writeReport(session, options.report, reports)),
        TE.map((reports) => ({ reports, exitCode: exitCodeOf(reports, ctx.io.signal) })),
      )
    }),
  )

/**
 * Says on stderr, the moment the signal aborts, how many changes are still
 * in flight (they finish; nothing new starts), and that a second Ctrl-C
 * quits at once. In flight: per provider, the changes not yet done, at most
 * `concurrency` of them.
 */
const acknowledgeInterrupt = (ctx: CommandContext, session: ManifestSession, plans: ReadonlyArray<Plan>, concurrency: number) => {
  const left = new Map(plans.map((p) => [p.provider.id, p.changes.filter((c) => c.action !== 'unchanged').length]))
  const signal = ctx.io.signal
  const onAbort = (): void => {
    const inFlight = [...left.values()].reduce((n, remaining) => n + Math.min(concurrency, remaining), 0)
    const text = `stopping after ${inFlight} change${inFlight === 1 ? '' : 's'} in flight... (press Ctrl-C again to quit at once)`
    ctx.io.stderr(isData(session.globals.output) ? `${JSON.stringify({ notice: text })}\n` : `proxy-subusers: ${text}\n`)
  }
  signal?.addEventListener('abort', onAbort, { once: true })
  return {
    update: (p: { readonly provider: ProviderId; readonly total: number; readonly done: number }) => left.set(p.provider, p.total - p.done),
    stop: () => signal?.removeEventListener('abort', onAbort),
  }
}

/** A plan's held lock as apply's option; a plan without one is applied under a lock it takes itself. */
const lockOf = (held: ReadonlyMap<ProviderId, AccountLock>, p: Plan, locks: AccountLocks): { readonly lock: AccountLock } | { readonly coordination: AccountLocks } => {
  const lock = held.get(p.provider.id)
  return lock === undefined ? { coordination: locks } : { lock }
}

const exitCodeOf = (reports: ReadonlyArray<ApplyReport>, signal: AbortSignal | undefined): number => {
  if (signal?.aborted === true) return EXIT_INTERRUPTED
  return reports.some((r) => r.failed > 0 || r.skipped > 0) ? EXIT_FAILURE : EXIT_OK
}

const writeReport = (session: ManifestSession, file: string | undefined, reports: ReadonlyArray<ApplyReport>): TE.TaskEither<CliFailure, void> =>
  file === undefined
    ? TE.right(undefined)
    : writeTextFile(
        file,
        session.redact(`${JSON.stringify({ ok: reports.every((r) => r.failed === 0 && r.skipped === 0), providers: reports.map(reportJson) }, null, 2)}\n`),
        `the report ${file}`,
      )

/**
 * Writes a file the command was asked for (a report, a manifest); a failure
 * names `what` and the system's error code.
 * @example
 * writeTextFile('report.json', text, 'the report report.json')
 */
export const writeTextFile = (file: string, text: string, what: string): TE.TaskEither<CliFailure, void> =>
  TE.tryCatch(
    () => writeFile(file, text),
    (e) => ({ exitCode: EXIT_FAILURE, message: `cannot write ${what}: ${(e as NodeJS.ErrnoException).code ?? 'failed'}` }),
  )

