/**
 * `proxy-subusers sandbox [--port N] [--write-env PATH] [--export]`: start
 * both fakes, print (or write) the variables that point at them, and serve
 * until interrupted.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { printFailure, type CommandContext } from '../action'
import { portArgument } from '../arguments'
import { EXIT_OK, type CliFailure } from '../failure'
import { renderSandboxVariables } from '../format'
import { refuseGlobals } from '../globals'
import { writableTarget, writeTextFile } from '../manifest-action'
import { startLocalSandbox } from '../providers'

interface SandboxOptions {
  readonly port?: number
  readonly writeEnv?: string
  readonly export?: boolean
  readonly color?: boolean
}

/** Resolves when the signal aborts; never without a signal. */
const aborted = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) resolve()
    else signal?.addEventListener('abort', () => resolve(), { once: true })
  })

const serve = async (ctx: CommandContext, options: SandboxOptions, command: Command): Promise<number> => {
  const started = await pipe(
    TE.fromEither(refuseGlobals('sandbox', command.optsWithGlobals())),
    TE.flatMap(() => writableTarget(options.writeEnv, '--write-env')),
    TE.flatMap(() => startLocalSandbox(options.port)),
    TE.tap((sandbox) =>
      options.writeEnv === undefined
        ? TE.right(undefined)
        : pipe(
            writeTextFile(options.writeEnv, renderSandboxVariables(sandbox, true), `the env file ${options.writeEnv}`),
            TE.orElse((failure) => pipe(TE.fromTask(() => sandbox.close()), TE.flatMap(() => TE.left<CliFailure, void>(failure)))),
          ),
    ),
  )()
  if (E.isLeft(started)) return printFailure(ctx.io, started.left, [], 'table', options.color !== false)
  // The KEY=value lines are the default; with --write-env alone, stdout stays empty.
  if (options.export === true || options.writeEnv === undefined) ctx.io.stdout(renderSandboxVariables(started.right, options.export === true))
  await aborted(ctx.io.signal)
  await started.right.close()
  return EXIT_OK
}

/**
 * Adds the `sandbox` command.
 * @example
 * registerSandbox(program, ctx) // proxy-subusers sandbox --port 4010
 */
export const registerSandbox = (program: Command, ctx: CommandContext): void => {
  program
    .command('sandbox')
    .description('start local fakes of both vendor APIs on 127.0.0.1 and serve until interrupted')
    .option('--port <n>', 'port to listen on (default: any free port)', portArgument)
    // Not --env-file: Node takes that flag as its own wherever it stands (nodejs/node#54232).
    .option('--write-env <path>', 'also write the variables to this file as export lines, for: source PATH (then nothing is printed unless --export)')
    .option('--export', 'print export KEY=value lines, for: eval "$(proxy-subusers sandbox --export)" in a script')
    .addHelpText(
      'after',
      `
Prints the five variables that point the CLI at the sandbox (fake credentials),
one KEY=value a line, then serves until Ctrl-C (SIGINT) or SIGTERM. To take
them all in another terminal at once, write them to a file and source it.

Examples:
  $ proxy-subusers sandbox --port 4010
  THORDATA_TOKEN=...
  THORDATA_KEY=...
  THORDATA_BASE_URL=http://127.0.0.1:4010/thordata/api
  WEBSHARE_API_KEY=...
  WEBSHARE_BASE_URL=http://127.0.0.1:4010/webshare
  $ proxy-subusers sandbox --write-env sandbox.env     # terminal 1: serves
  $ source sandbox.env && proxy-subusers list -p webshare   # terminal 2
  $ proxy-subusers sandbox --export                   # export KEY=value lines`,
    )
    .action(async (options: SandboxOptions, command: Command) => ctx.settle(await serve(ctx, options, command)))
}
