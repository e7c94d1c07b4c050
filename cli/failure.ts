/**
 * How the CLI fails: a one-line reason and an exit code. The exit code of
 * every library error kind is in one table here, and `--help` prints it.
 */
import type { Operation, ProviderId } from '../src/domain'
import { SubUserError, type FieldProblem, type SubUserErrorKind } from '../src/errors'
import { redact } from '../src/secret'
import { escapeControl, isData, PLAIN, type Colors, type OutputFormat } from './output'

/** Success. @example EXIT_OK === 0 */
export const EXIT_OK = 0
/** The vendor, the network or the sandbox failed. @example EXIT_FAILURE === 1 */
export const EXIT_FAILURE = 1
/** The command line, an input or a missing credential is at fault; nothing was sent. @example EXIT_USAGE === 2 */
export const EXIT_USAGE = 2
/** Another apply holds the lock of an account, and `--no-wait` was given; nothing was changed. @example EXIT_LOCKED === 3 */
export const EXIT_LOCKED = 3
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
  3    apply or migrate --no-wait: another run holds the lock of an account;
       nothing was changed
  130  interrupted`

/**
 * What kind of failure it is: a library error kind, or one of the CLI's own
 * (`usage`: the command line or a manifest; `interrupted`; `failed`: anything else).
 * @example
 * const k: FailureKind = 'usage'
 */
export type FailureKind = SubUserErrorKind | 'usage' | 'interrupted' | 'failed'

/**
 * Why a command failed: the exit code and a secret-free reason, with what
 * the library said about it when it came from a library error.
 * @example
 * const f: CliFailure = { exitCode: EXIT_USAGE, kind: 'usage', message: 'THORDATA_TOKEN is not set' }
 */
export interface CliFailure {
  readonly exitCode: number
  readonly message: string
  /** Left out: `usage` when the exit code is 2, `failed` otherwise. */
  readonly kind?: FailureKind
  readonly provider?: ProviderId
  readonly operation?: Operation
  readonly status?: number
  readonly vendorCode?: string | number
  readonly retryAfterMs?: number
  /** Each problem of a manifest, printed one a line for people (after the message). */
  readonly problems?: ReadonlyArray<FieldProblem>
  /** The file the problems are in: each problem line starts with it. */
  readonly file?: string
  /** The library's field problems (already in the message), kept to retell them in the user's words. */
  readonly fields?: ReadonlyArray<FieldProblem>
}

/**
 * A usage failure (exit 2).
 * @example
 * usageFailure('--provider is required (thordata or webshare)')
 */
export const usageFailure = (message: string): CliFailure => ({ exitCode: EXIT_USAGE, kind: 'usage', message })

/**
 * A usage failure listing problems: the message first, then one problem a line.
 * @example
 * problemsFailure('manifest team.yaml', [{ path: 'thordata[0].trafficLimit', message: 'must be a size' }])
 * // message 'manifest team.yaml: 1 problem', problems listed
 */
export const problemsFailure = (what: string, problems: ReadonlyArray<FieldProblem>, file?: string): CliFailure => ({
  ...usageFailure(`${what}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`),
  problems,
  ...(file === undefined ? {} : { file }),
})

/** The interruption by a signal (exit 130). @example INTERRUPTED.exitCode === 130 */
export const INTERRUPTED: CliFailure = { exitCode: EXIT_INTERRUPTED, kind: 'interrupted', message: 'interrupted' }

/**
 * The failure for anything a command throws or returns as an error: a
 * SubUserError by its kind, anything else as exit 1 with its message.
 * @example
 * failureFrom(new SubUserError({ kind: 'not_found', provider: 'webshare', operation: 'get', message: 'webshare get: not_found' }))
 * // { exitCode: 1, message: 'webshare get: not_found' }
 */
export const failureFrom = (e: unknown): CliFailure => {
  if (SubUserError.is(e)) {
    return {
      exitCode: EXIT_CODE_BY_KIND[e.kind] ?? EXIT_FAILURE,
      kind: e.kind,
      message: e.message,
      provider: e.provider,
      operation: e.operation,
      ...(e.status === undefined ? {} : { status: e.status }),
      ...(e.vendorCode === undefined ? {} : { vendorCode: e.vendorCode }),
      ...(e.retryAfterMs === undefined ? {} : { retryAfterMs: e.retryAfterMs }),
      ...(e.fields === undefined ? {} : { fields: e.fields }),
    }
  }
  return { exitCode: EXIT_FAILURE, kind: 'failed', message: e instanceof Error ? e.message : String(e) }
}

const oneLine = (text: string, secrets: ReadonlyArray<string>): string => redact(text, secrets).replace(/\s*\n\s*/g, ' ').trim()

/**
 * A failure as data, as `--json` / `-o json|yaml` print it on stderr: kind,
 * message, exit code and, when known, provider, operation, HTTP status,
 * vendor code, retry delay and the problems; every text redacted.
 * @example
 * failureJson({ exitCode: 2, message: 'THORDATA_TOKEN is not set' }, [])
 * // { error: { kind: 'usage', message: 'THORDATA_TOKEN is not set', exitCode: 2 } }
 */
export const failureJson = (failure: CliFailure, secrets: ReadonlyArray<string>) => ({
  error: {
    kind: failure.kind ?? (failure.exitCode === EXIT_USAGE ? 'usage' : 'failed'),
    message: oneLine(failure.message, secrets),
    exitCode: failure.exitCode,
    ...(failure.provider === undefined ? {} : { provider: failure.provider }),
    ...(failure.operation === undefined ? {} : { operation: failure.operation }),
    ...(failure.status === undefined ? {} : { status: failure.status }),
    ...(failure.vendorCode === undefined ? {} : { vendorCode: oneLine(String(failure.vendorCode), secrets) }),
    ...(failure.retryAfterMs === undefined ? {} : { retryAfterMs: failure.retryAfterMs }),
    ...(failure.file === undefined ? {} : { file: failure.file }),
    ...(failure.problems === undefined ? {} : { problems: failure.problems.map((p) => ({ path: oneLine(p.path, secrets), message: oneLine(p.message, secrets) })) }),
  },
})

/**
 * What stderr gets for a failure. For people: `proxy-subusers: <reason>` on
 * one line, then each problem on a line of its own (`  team.yaml: path message`,
 * or `  - path message` without a file),
 * control characters escaped. For machines (`-o json|yaml`, `--json`): one
 * JSON object on one line. Every given secret is replaced by `[REDACTED]`.
 * @example
 * failureText({ exitCode: 1, message: 'bad token abcd1234' }, ['abcd1234']) // 'proxy-subusers: bad token [REDACTED]\n'
 * failureText({ exitCode: 2, message: 'THORDATA_TOKEN is not set' }, [], 'json') // '{"error":{"kind":"usage",...}}\n'
 */
export const failureText = (failure: CliFailure, secrets: ReadonlyArray<string>, format: OutputFormat = 'table', paint: Colors = PLAIN): string => {
  if (isData(format)) return `${JSON.stringify(failureJson(failure, secrets))}\n`
  const where = failure.file === undefined ? '- ' : `${failure.file}: `
  const problems = (failure.problems ?? []).map((p) => `  ${escapeControl(oneLine(`${where}${p.path} ${p.message}`, secrets))}\n`)
  return `${paint.red('proxy-subusers:')} ${escapeControl(oneLine(failure.message, secrets))}\n${problems.join('')}`
}
