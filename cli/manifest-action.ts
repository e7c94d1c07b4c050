/**
 * The flow the manifest commands share: read and check a manifest, connect
 * its providers, plan, ask before applying, apply with progress, and report.
 * Every line printed or written goes through the redaction of the
 * credentials and of the manifest's secrets.
 */
import { readFile, writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import * as RA from 'fp-ts/ReadonlyArray'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { ProviderId } from '../src/domain'
import type { FieldProblem } from '../src/errors'
import { apply, type ApplyReport } from '../src/manifest/apply'
import { checkWanted, plan, type Plan } from '../src/manifest/plan'
import { parseManifest, type ReadManifest } from '../src/manifest/read'
import { redact } from '../src/secret'
import { secretsIn, type CommandContext } from './action'
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, failureFrom, failureLine, usageFailure, type CliFailure } from './failure'
import { PROVIDERS, readManifestGlobals, type ManifestGlobals } from './globals'
import { countChanges, reportJson } from './plan-format'
import { connectAll, type Connections } from './providers'
import { startProgress } from './progress'

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
  const task = pipe(
    TE.fromEither(readManifestGlobals(command.optsWithGlobals())),
    TE.bindTo('globals'),
    TE.bind('prepared', ({ globals }) => spec.prepare(globals)),
    TE.tapIO(({ prepared }) => () => secrets.push(...prepared.secrets)),
    TE.flatMap(({ globals, prepared }) =>
      TE.bracket(
        connectAll(prepared.ids, globals, ctx.io.env),
        (connections) => body({ globals, connections, addSecrets: (values) => secrets.push(...values), redact: scrub }, prepared.input),
        (connections) => TE.tryCatch(() => connections.close(), failureFrom),
      ),
    ),
  )
  const result = await task()
  if (E.isLeft(result)) {
    const failure = spec.detailedExitCode === true && result.left.exitCode === EXIT_USAGE ? { ...result.left, exitCode: EXIT_FAILURE } : result.left
    ctx.io.stderr(failureLine({ ...failure, message: scrub(failure.message) }, []))
    ctx.settle(failure.exitCode)
    return
  }
  ctx.io.stdout(scrub(result.right.stdout))
  ctx.settle(result.right.exitCode)
}

const problemsFailure = (what: string, problems: ReadonlyArray<FieldProblem>): CliFailure =>
  usageFailure(`${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`)

/**
 * Reads and decodes a manifest file; every problem in one usage failure.
 * `only` narrows it to one provider, which it must name.
 * @example
 * const m = await loadManifest('examples/thordata.yaml', process.env)()
 */
export const loadManifest = (file: string, env: Readonly<Record<string, string | undefined>>, only?: ProviderId): TE.TaskEither<CliFailure, ReadManifest> =>
  pipe(
    TE.tryCatch(
      () => readFile(file, 'utf8'),
      (e) => usageFailure(`cannot read the manifest ${file}: ${(e as NodeJS.ErrnoException).code ?? 'unreadable'}`),
    ),
    TE.flatMapEither((text) => pipe(parseManifest(text, env), E.mapLeft((problems) => problemsFailure(`manifest ${file}`, problems)))),
    TE.flatMapEither((m) => {
      if (only === undefined) return E.right(m)
      const wanted = m.wanted[only]
      return wanted === undefined ? E.left(usageFailure(`manifest ${file} has no ${only} section`)) : E.right({ ...m, wanted: { [only]: wanted } })
    }),
  )

/**
 * Prepares a command that works from a manifest file: the manifest read
 * (narrowed by `--provider`), its providers in a fixed order, its secrets.
 * @example
 * runManifestCommand(ctx, command, { prepare: fromManifest(file, ctx.io.env) }, (session, manifest) => ...)
 */
export const fromManifest =
  (file: string, env: Readonly<Record<string, string | undefined>>) =>
  (globals: ManifestGlobals): TE.TaskEither<CliFailure, Prepared<ReadManifest>> =>
    pipe(
      loadManifest(file, env, globals.provider),
      TE.map((m) => ({ ids: PROVIDERS.filter((id) => m.wanted[id] !== undefined), input: m, secrets: m.secrets })),
    )

/**
 * Checks every entry against its provider's rules (nothing sent), then plans
 * each provider: all entry problems come in one usage failure.
 * @example
 * const plans = await planAll(session.connections, manifest.wanted, false)()
 */
export const planAll = (connections: Connections, wanted: ReadManifest['wanted'], prune: boolean): TE.TaskEither<CliFailure, ReadonlyArray<Plan>> => {
  const entries = [...connections.providers].flatMap(([id, provider]) => {
    const list = wanted[id]
    return list === undefined ? [] : [{ provider, list }]
  })
  const problems = entries.flatMap(({ provider, list }) => checkWanted(provider, list).map((p) => ({ ...p, path: `${provider.id}${p.path}` })))
  if (problems.length > 0) return TE.left(problemsFailure('manifest', problems))
  return pipe(
    entries,
    RA.map(({ provider, list }) => pipe(plan(provider, list, { prune }), TE.mapLeft(failureFrom))),
    RA.sequence(TE.ApplicativePar),
  )
}

/**
 * Options of {@link applyAll}, from the command line.
 * @example
 * const o: ApplyCommandOptions = { yes: true, concurrency: 4, report: 'report.json' }
 */
export interface ApplyCommandOptions {
  readonly yes?: boolean
  readonly concurrency?: number
  readonly report?: string
}

/**
 * Asks before applying where it must: on a terminal without `--yes`, a prompt
 * that only "yes" accepts; off a terminal, deletes need `--yes` and the rest goes ahead.
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
      TE.tryCatch(() => ask(`Apply ${changes} change${changes === 1 ? '' : 's'}${deletes > 0 ? ` (${deletes} deletes)` : ''}? Only 'yes' is accepted: `), failureFrom),
      TE.flatMap((answer) => (answer.trim() === 'yes' ? TE.right(undefined) : TE.left({ exitCode: EXIT_FAILURE, message: 'apply cancelled: nothing was changed' }))),
    )
  }
  return deletes === 0
    ? TE.right(undefined)
    : TE.left(usageFailure(`the plan deletes ${deletes} sub-user${deletes === 1 ? '' : 's'}: pass --yes to apply it (stdin is not a terminal, so there is no prompt); nothing was changed`))
}

/**
 * Confirms, applies every plan (providers side by side, each at its own
 * pace) with progress, writes the report file, and gives the exit code:
 * 0 when every change went through, 1 when one failed, 130 when interrupted.
 * @example
 * const { reports, exitCode } = await applyAll(ctx, session, plans, { yes: true })()
 */
export const applyAll = (
  ctx: CommandContext,
  session: ManifestSession,
  plans: ReadonlyArray<Plan>,
  options: ApplyCommandOptions,
): TE.TaskEither<CliFailure, { readonly reports: ReadonlyArray<ApplyReport>; readonly exitCode: number }> =>
  pipe(
    confirm(ctx, plans, options.yes === true),
    TE.flatMap(() => {
      const total = plans.reduce((n, p) => n + p.changes.filter((c) => c.action !== 'unchanged').length, 0)
      const progress = startProgress(ctx.io, session.globals.json, total, session.redact)
      const run = pipe(
        plans,
        RA.map((p) =>
          apply(p, {
            onProgress: progress.update,
            ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
            ...(ctx.io.signal === undefined ? {} : { signal: ctx.io.signal }),
          }),
        ),
        RA.sequence(TE.ApplicativePar),
        TE.mapLeft(failureFrom),
      )
      return pipe(
        run,
        TE.tapIO(() => () => progress.stop()),
        TE.tap((reports) => writeReport(session, options.report, reports)),
        TE.map((reports) => ({ reports, exitCode: exitCodeOf(reports, ctx.io.signal) })),
      )
    }),
  )

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

