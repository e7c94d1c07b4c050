/**
 * `proxy-subusers sandbox [--port N]`: start both fakes, print the variables
 * that point at them, and serve until interrupted.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CommandContext } from '../action'
import { portArgument } from '../arguments'
import { EXIT_OK, failureLine } from '../failure'
import { renderSandboxVariables } from '../format'
import { refuseGlobals } from '../globals'
import { startLocalSandbox } from '../providers'

/** Resolves when the signal aborts; never without a signal. */
const aborted = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted === true) resolve()
    else signal?.addEventListener('abort', () => resolve(), { once: true })
  })

const serve = async (ctx: CommandContext, port: number | undefined, command: Command): Promise<number> => {
  const started = await pipe(
    TE.fromEither(refuseGlobals('sandbox', command.optsWithGlobals())),
    TE.flatMap(() => startLocalSandbox(port)),
  )()
  if (E.isLeft(started)) {
    ctx.io.stderr(failureLine(started.left, []))
    return started.left.exitCode
  }
  ctx.io.stdout(renderSandboxVariables(started.right))
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
    .addHelpText(
      'after',
      `
Prints the five variables that point the CLI at the sandbox (fake credentials),
then serves until Ctrl-C (SIGINT) or SIGTERM. In another terminal, set them and
run any command against the fakes.

Examples:
  $ proxy-subusers sandbox --port 4010
  THORDATA_TOKEN=...
  THORDATA_KEY=...
  THORDATA_BASE_URL=http://127.0.0.1:4010/thordata/api
  WEBSHARE_API_KEY=...
  WEBSHARE_BASE_URL=http://127.0.0.1:4010/webshare`,
    )
    .action(async (options: { readonly port?: number }, command: Command) => ctx.settle(await serve(ctx, options.port, command)))
}
