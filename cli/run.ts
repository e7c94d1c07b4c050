/**
 * `runCli`: the whole CLI as a function of its arguments and IO, returning
 * the exit code. It never exits the process and writes only through the IO.
 */
import { CommanderError } from 'commander'
import { secretsIn } from './action'
import { EXIT_OK, failureFrom, failureLine, usageFailure } from './failure'
import type { CliIO } from './io'
import { buildProgram } from './program'

export type { CliIO } from './io'

/**
 * Runs the CLI on `argv` (the arguments after the executable) and resolves
 * with the exit code: 0 success, 1 vendor or network failure, 2 usage, 130
 * interrupted. `sandbox` resolves only once `io.signal` aborts.
 * @example
 * const io: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env }
 * const code = await runCli(['list', '--provider', 'webshare', '--json'], io)
 */
export const runCli = async (argv: ReadonlyArray<string>, io: CliIO): Promise<number> => {
  let exitCode = EXIT_OK
  const program = buildProgram({ io, settle: (code) => (exitCode = code) })
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (e) {
    if (e instanceof CommanderError && e.code === 'commander.helpDisplayed') return EXIT_OK
    const failure = e instanceof CommanderError ? usageFailure(commanderReason(e)) : failureFrom(e)
    io.stderr(failureLine(failure, secretsIn(io.env)))
    return failure.exitCode
  }
}

/** Commander's message without its `error: ` prefix; help shown for a missing command becomes a reason. */
const commanderReason = (e: CommanderError): string =>
  e.code === 'commander.help' ? 'a command is required (see proxy-subusers --help)' : e.message.replace(/^error: /, '')
