/**
 * How the CLI fails: a one-line reason and an exit code. The exit code of
 * every library error kind is in one table here, and `--help` prints it.
 */
import { SubUserError, type SubUserErrorKind } from '../src/errors'
import { redact } from '../src/secret'

/** Success. @example EXIT_OK === 0 */
export const EXIT_OK = 0
/** The vendor, the network or the sandbox failed. @example EXIT_FAILURE === 1 */
export const EXIT_FAILURE = 1
/** The command line, an input or a missing credential is at fault; nothing was sent. @example EXIT_USAGE === 2 */
export const EXIT_USAGE = 2
/** Interrupted by a signal (128 + SIGINT). @example EXIT_INTERRUPTED === 130 */
export const EXIT_INTERRUPTED = 130

/**
 * The exit code of each {@link SubUserErrorKind}.
 * @example
 * EXIT_CODE_BY_KIND.not_found // 1
 */
export const EXIT_CODE_BY_KIND: Readonly<Record<SubUserErrorKind, number>> = {
  validation: EXIT_USAGE,
  unsupported: EXIT_USAGE,
  auth: EXIT_FAILURE,
  not_found: EXIT_FAILURE,
  conflict: EXIT_FAILURE,
  rate_limited: EXIT_FAILURE,
  quota: EXIT_FAILURE,
  decode: EXIT_FAILURE,
  network: EXIT_FAILURE,
  timeout: EXIT_FAILURE,
  vendor: EXIT_FAILURE,
}

/**
 * The exit code table as `--help` shows it.
 * @example
 * program.addHelpText('after', EXIT_CODES_HELP)
 */
export const EXIT_CODES_HELP = `
Exit codes:
  0    success
  1    the vendor or the network failed (auth, not_found, conflict, rate_limited,
       quota, decode, network, timeout, vendor), or the sandbox could not start
  2    usage: a bad option or argument, a missing credential, an invalid value
       (validation) or a field the vendor cannot honour (unsupported);
       nothing was sent
  130  interrupted`

/**
 * Why a command failed: the exit code and a one-line, secret-free reason.
 * @example
 * const f: CliFailure = { exitCode: EXIT_USAGE, message: 'THORDATA_TOKEN is not set' }
 */
export interface CliFailure {
  readonly exitCode: number
  readonly message: string
}

/**
 * A usage failure (exit 2).
 * @example
 * usageFailure('--provider is required (thordata or webshare)')
 */
export const usageFailure = (message: string): CliFailure => ({ exitCode: EXIT_USAGE, message })

/**
 * The failure for anything a command throws or returns as an error: a
 * SubUserError by its kind, anything else as exit 1 with its message.
 * @example
 * failureFrom(new SubUserError({ kind: 'not_found', provider: 'webshare', operation: 'get', message: 'webshare get: not_found' }))
 * // { exitCode: 1, message: 'webshare get: not_found' }
 */
export const failureFrom = (e: unknown): CliFailure => {
  if (SubUserError.is(e)) return { exitCode: EXIT_CODE_BY_KIND[e.kind] ?? EXIT_FAILURE, message: e.message }
  return { exitCode: EXIT_FAILURE, message: e instanceof Error ? e.message : String(e) }
}

/**
 * The stderr line of a failure: `proxy-subusers: <reason>`, on one line, with
 * every given secret replaced by `[REDACTED]`.
 * @example
 * failureLine({ exitCode: 1, message: 'bad token abcd1234' }, ['abcd1234']) // 'proxy-subusers: bad token [REDACTED]\n'
 */
export const failureLine = (failure: CliFailure, secrets: ReadonlyArray<string>): string =>
  `proxy-subusers: ${redact(failure.message, secrets).replace(/\s*\n\s*/g, ' ').trim()}\n`
