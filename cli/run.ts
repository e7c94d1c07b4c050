/**
 * `runCli`: the whole CLI as a function of its arguments and IO, returning
 * the exit code. It never exits the process and writes only through the IO.
 */
import { CommanderError } from 'commander'
import { printFailure, secretsIn } from './action'
import { EXIT_OK, failureFrom, usageFailure } from './failure'
import { formatInArgv } from './globals'
import type { CliIO } from './io'
import { buildProgram } from './program'

export type { CliIO } from './io'

/**
 * Runs the CLI on `argv` (the arguments after the executable) and resolves
 * with the exit code: 0 success, 1 vendor or network failure, 2 usage, 130
 * interrupted. `sandbox` resolves only once `io.signal` aborts. A failure is
 * printed on stderr as a line for people, or as one JSON object when the
 * arguments ask for `-o json|yaml` or `--json`.
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
    if (e instanceof CommanderError && (e.code === 'commander.helpDisplayed' || e.code === 'commander.version')) return EXIT_OK
    const failure = e instanceof CommanderError ? usageFailure(commanderReason(e)) : failureFrom(e)
    return printFailure(io, failure, secretsIn(io.env), formatInArgv(argv), !argv.includes('--no-color'))
  }
}

/** Commander's message without its `error: ` prefix; help shown for a missing command becomes a reason. */
const commanderReason = (e: CommanderError): string =>
  e.code === 'commander.help' ? 'a command is required (see proxy-subusers --help)' : e.message.replace(/^error: /, '')
