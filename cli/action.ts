/**
 * The life of one command: check the command line, connect, run, print the
 * result on stdout or one line on stderr, and settle the exit code.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { SubUserError } from '../src/errors'
import type { SubUserProvider } from '../src/provider'
import { EXIT_INTERRUPTED, EXIT_OK, failureFrom, failureLine, type CliFailure } from './failure'
import { readGlobals, type Globals } from './globals'
import type { CliIO } from './io'
import { ENV_VARIABLES, connect } from './providers'

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
 * const spec: VendorCommand<string> = { prepare: () => E.right(id), run: (p, id, json) => pipe(p.get(id), TE.map((u) => renderUser(u, json))) }
 */
export interface VendorCommand<A> {
  readonly prepare: (globals: Globals) => E.Either<CliFailure, A>
  readonly run: (provider: SubUserProvider, input: A, json: boolean) => TE.TaskEither<SubUserError, string>
  /** Environment variables whose values must never be printed, besides the credentials. */
  readonly secretVariables?: ReadonlyArray<string>
}

/**
 * Every value of the credential variables and of the given ones, for redaction.
 * @example
 * secretsIn({ THORDATA_TOKEN: 'fake-token', PW: 'Pw12345a' }, ['PW']) // ['fake-token', 'Pw12345a']
 */
export const secretsIn = (env: CliIO['env'], extra: ReadonlyArray<string> = []): ReadonlyArray<string> =>
  [ENV_VARIABLES.thordata.token, ENV_VARIABLES.thordata.key, ENV_VARIABLES.webshare.apiKey, ...extra]
    .map((name) => env[name])
    .filter((value): value is string => value !== undefined && value !== '')

/**
 * Runs a task unless `signal` aborts first (then: an `interrupted` failure; a
 * task not yet started is not started).
 * @example
 * await interruptible(task, controller.signal)
 */
const interruptible = <A>(task: TE.TaskEither<CliFailure, A>, signal: AbortSignal | undefined): Promise<E.Either<CliFailure, A>> => {
  const interrupted = E.left<CliFailure, A>({ exitCode: EXIT_INTERRUPTED, message: 'interrupted' })
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
 * Runs a task and reports it: its text on stdout and exit 0, or one
 * `proxy-subusers: <reason>` line on stderr and the failure's exit code.
 * @example
 * ctx.settle(await report(io, TE.right('done\n'), []))
 */
const report = async (io: CliIO, task: TE.TaskEither<CliFailure, string>, secrets: ReadonlyArray<string>): Promise<number> => {
  const result = await interruptible(task, io.signal)
  if (E.isLeft(result)) {
    io.stderr(failureLine(result.left, secrets))
    return result.left.exitCode
  }
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
  const task = pipe(
    TE.fromEither(readGlobals(command.optsWithGlobals())),
    TE.bindTo('globals'),
    TE.bind('input', ({ globals }) => TE.fromEither(spec.prepare(globals))),
    TE.flatMap(({ globals, input }) =>
      TE.bracket(
        connect(globals, ctx.io.env),
        ({ provider }) => pipe(spec.run(provider, input, globals.json), TE.mapLeft(failureFrom)),
        (connection) => TE.tryCatch(() => connection.close(), failureFrom),
      ),
    ),
  )
  ctx.settle(await report(ctx.io, task, secretsIn(ctx.io.env, spec.secretVariables)))
}
