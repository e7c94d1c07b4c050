/**
 * The life of one command: check the command line, connect, run, print the
 * result on stdout or one line on stderr, and settle the exit code.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { SubUserError } from '../src/errors'
import type { SubUserProvider } from '../src/provider'
import { EXIT_OK, INTERRUPTED, failureFrom, failureText, type CliFailure } from './failure'
import { readGlobals, type Globals } from './globals'
import type { CliIO } from './io'
import { colorsFor, type OutputFormat, type View } from './output'
import { SECRET_VARIABLES, connect } from './providers'
import { inUserWords } from './user-words'

/**
 * What every command needs: the outside world, and where to put its exit code.
 * @example
 * let code = 0
 * const ctx: CommandContext = { io, settle: (c) => { code = c } }
 */
export interface CommandContext {
  readonly io: CliIO
  settle(exitCode: number): void
}

/**
 * One vendor command: what it reads from the command line (checked before
 * anything is sent), and what it does with the provider, rendered as text.
 * @example
 * const spec: VendorCommand<string> = { prepare: () => E.right(id), run: (p, id, view) => pipe(p.get(id), TE.map((u) => renderUser(u, view))) }
 */
export interface VendorCommand<A> {
  readonly prepare: (globals: Globals) => E.Either<CliFailure, A>
  /** Fails with the library's error, or with a failure of the CLI's own (e.g. a file it could not write). */
  readonly run: (provider: SubUserProvider, input: A, view: View) => TE.TaskEither<SubUserError | CliFailure, string>
  /** Environment variables whose values must never be printed, besides the credentials. */
  readonly secretVariables?: ReadonlyArray<string>
  /** The option that gave each input field (`trafficLimitBytes` → `--limit`), so that problems name what the user typed. */
  readonly flags?: Readonly<Record<string, string>>
  /** The limit given (bytes, null = unlimited), so that a problem with it says what it was read as. */
  readonly limit?: number | null
}

/**
 * Every value of the credential variables and of the given ones, for redaction.
 * @example
 * secretsIn({ THORDATA_TOKEN: 'fake-token', PW: 'Pw12345a' }, ['PW']) // ['fake-token', 'Pw12345a']
 */
export const secretsIn = (env: CliIO['env'], extra: ReadonlyArray<string> = []): ReadonlyArray<string> =>
  [...SECRET_VARIABLES, ...extra]
    .map((name) => env[name])
    .filter((value): value is string => value !== undefined && value !== '')

/**
 * Runs a task unless `signal` aborts first (then: an `interrupted` failure; a
 * task not yet started is not started).
 * @example
 * await interruptible(task, controller.signal)
 */
const interruptible = <A>(task: TE.TaskEither<CliFailure, A>, signal: AbortSignal | undefined): Promise<E.Either<CliFailure, A>> => {
  const interrupted = E.left<CliFailure, A>(INTERRUPTED)
  if (signal === undefined) return task()
  if (signal.aborted) return Promise.resolve(interrupted)
  return new Promise((resolve) => {
    const onAbort = (): void => resolve(interrupted)
    signal.addEventListener('abort', onAbort, { once: true })
    void task().then((result) => {
      signal.removeEventListener('abort', onAbort)
      resolve(result)
    })
  })
}

/**
 * Prints a failure on stderr in the form the output format calls for (a
 * JSON object under `-o json|yaml`, a `proxy-subusers: <reason>` line
 * otherwise) and gives its exit code.
 * @example
 * ctx.settle(printFailure(ctx.io, failure, secrets, 'json', true))
 */
export const printFailure = (io: CliIO, failure: CliFailure, secrets: ReadonlyArray<string>, format: OutputFormat, color: boolean): number => {
  io.stderr(failureText(failure, secrets, format, colorsFor(io, 'stderr', color)))
  return failure.exitCode
}

/**
 * Runs a task and reports it: its text on stdout and exit 0, or the failure
 * on stderr and its exit code.
 * @example
 * ctx.settle(await report(io, TE.right('done\n'), [], { output: 'table', color: true }))
 */
const report = async (
  io: CliIO,
  task: TE.TaskEither<CliFailure, string>,
  secrets: ReadonlyArray<string>,
  look: { readonly output: OutputFormat; readonly color: boolean },
): Promise<number> => {
  const result = await interruptible(task, io.signal)
  if (E.isLeft(result)) return printFailure(io, result.left, secrets, look.output, look.color)
  io.stdout(result.right)
  return EXIT_OK
}

/**
 * Runs a vendor command given the commander command it was parsed by: global
 * options, then the command's own input, then the connection (the vendor from
 * the environment, or a fresh sandbox closed afterwards), then the operation.
 * @example
 * program.command('list').action((_options, command: Command) => runVendorCommand(ctx, command, listSpec))
 */
export const runVendorCommand = async <A>(ctx: CommandContext, command: Command, spec: VendorCommand<A>): Promise<void> => {
  const options = command.optsWithGlobals()
  const globals = readGlobals(options)
  const task = pipe(
    TE.fromEither(globals),
    TE.bindTo('globals'),
    TE.bind('input', ({ globals }) => TE.fromEither(spec.prepare(globals))),
    TE.flatMap(({ globals, input }) =>
      TE.bracket(
        connect(globals, ctx.io.env),
        ({ provider }) =>
          pipe(
            spec.run(provider, input, { format: globals.output, paint: colorsFor(ctx.io, 'stdout', globals.color) }),
            TE.mapLeft((e) => (SubUserError.is(e) ? inUserWords(failureFrom(e), spec.flags ?? {}, spec.limit) : e)),
          ),
        (connection) => TE.tryCatch(() => connection.close(), failureFrom),
      ),
    ),
  )
  // A failure is reported in the form asked for, even when the options themselves are at fault.
  const look = E.isRight(globals) ? globals.right : { output: formatOf(options), color: options['color'] !== false }
  ctx.settle(await report(ctx.io, task, secretsIn(ctx.io.env, spec.secretVariables), look))
}

/**
 * The output format parsed options ask for, even when they disagree (`--json`
 * wins): how to report that very failure.
 * @example
 * formatOf({ json: true, output: 'yaml' }) // 'json'
 */
export const formatOf = (options: Readonly<Record<string, unknown>>): OutputFormat =>
  options['json'] === true || options['output'] === 'json' ? 'json' : options['output'] === 'yaml' ? 'yaml' : 'table'
