/**
 * `proxy-subusers apply <manifest>`: make the providers match a manifest.
 */
import { Option, type Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CommandContext } from '../action'
import { positiveNumberArgument } from '../arguments'
import { EXIT_OK } from '../failure'
import type { AccountLock } from '../../src/coordination/types'
import type { ProviderId } from '../../src/domain'
import type { Plan } from '../../src/manifest/plan'
import type { CliFailure } from '../failure'
import {
  applyAll,
  checkAll,
  dedupeNeedsYes,
  fromManifest,
  manifestFile,
  planAll,
  runManifestCommand,
  withApplyLocks,
  type ApplyCommandOptions,
  type CommandResult,
  type ManifestSession,
} from '../manifest-action'
import { dataText, isData } from '../output'
import { hasChanges, planJson, renderPlan, renderSummary, reportJson } from '../plan-format'

/**
 * The options shared by `apply` and `migrate`.
 * @example
 * addApplyOptions(program.command('apply'))
 */
export const addApplyOptions = (command: Command): Command =>
  command
    .option('-y, --yes', 'apply without asking (needed for deletes when stdin is not a terminal)')
    .addOption(new Option('--concurrency <n>', 'changes in flight at once per provider, at least 1 (default 4; each provider still keeps its rate limit)').argParser(positiveNumberArgument))
    .option('--report <file>', 'write every operation and its outcome to this JSON file')
    .option('--no-wait', 'if another run holds the lock of an account, exit 3 at once instead of waiting')
    .option('--dedupe', 'where several sub-users hold one name of the manifest, keep the oldest and delete the others (needs --yes)')

/**
 * Adds the `apply` command.
 * @example
 * registerApply(program, ctx) // proxy-subusers apply examples/manifests/thordata.yaml --yes
 */
export const registerApply = (program: Command, ctx: CommandContext): void => {
  addApplyOptions(
    program
      .command('apply')
      .description('create, update (and with --prune delete) sub-users to match a manifest')
      .argument('[manifest]', 'YAML or JSON file: provider ids, each a list of sub-users (or -f)')
      .option('-f, --file <manifest>', 'the manifest, as an option (as kubectl -f)')
      .option('--prune', 'also delete the sub-users the manifest does not list'),
  )
    .addHelpText(
      'after',
      `
The plan is printed first. On a terminal, apply asks before changing anything
([y/N]: y or yes applies) unless -y/--yes is given; when stdin is not a
terminal there is no prompt, and a plan that deletes needs --yes. Progress: a
bar on a terminal, one line per change otherwise, nothing with -o json|yaml.
Ctrl-C stops starting changes at once and says how many are still in flight;
they finish, and a second Ctrl-C quits at once (exit 130). Applying twice
changes nothing the second time; an interrupted apply finishes when run again.

One run at a time per vendor account: apply takes the account's lock before
it plans and holds it until done (with --redis or PROXY_SUBUSERS_REDIS_URL in
Redis, shared by every machine; otherwise a lock file on this machine). A
second run waits, saying so once, or with --no-wait exits 3. A lock whose
holder died expires (15 s in Redis, 10 s for a lock file; set
PROXY_SUBUSERS_LOCK_TTL_MS). If the lock is lost (Redis unreachable, the
process paused), the run stops before its next write and exits 1.
A name held by several sub-users (Webshare labels are not unique) stops the
plan, naming each; --dedupe -y keeps the oldest of each (by creation date,
then lowest id) and deletes the others.
Exit codes: 0 all done, 1 a change failed or the lock was lost, 2 bad usage or
manifest (nothing sent), 3 locked by another run with --no-wait (nothing
changed), 130 interrupted.

Examples:
  $ proxy-subusers apply examples/manifests/mixed.yaml
  $ proxy-subusers apply -f team.yaml --prune -y --report report.json
  $ proxy-subusers apply team.yaml -p webshare --concurrency 8 -o json -y
  $ proxy-subusers apply team.yaml -y --redis redis://127.0.0.1:6379 --no-wait
  $ proxy-subusers apply examples/manifests/webshare.yaml -p webshare --dedupe -y`,
    )
    .action((positional: string | undefined, options: ApplyCommandOptions & { file?: string; prune?: boolean }, command: Command) =>
      runManifestCommand(ctx, command, { prepare: fromManifest(manifestFile(positional, options.file), ctx.io.env, options.report) }, (session, manifest) =>
        pipe(
          TE.fromEither(dedupeNeedsYes(options)),
          // Entry problems first: a bad manifest never waits for a lock.
          TE.flatMapEither(() => checkAll(session.connections, manifest.wanted, manifest.file)),
          TE.flatMap(() =>
            withApplyLocks(ctx, session, [...session.connections.providers.values()], options, (locks) =>
              pipe(
                planAll(session.connections, manifest.wanted, { prune: options.prune === true, dedupe: options.dedupe === true }, manifest.file),
                TE.flatMap((plans) => applyPlans(ctx, session, plans, options, locks)),
              ),
            ),
          ),
        ),
      ),
    )
}

/** Prints the plans and, when there are changes, applies them under the locks held. */
const applyPlans = (
  ctx: CommandContext,
  session: ManifestSession,
  plans: ReadonlyArray<Plan>,
  options: ApplyCommandOptions,
  locks: ReadonlyMap<ProviderId, AccountLock>,
): TE.TaskEither<CliFailure, CommandResult> => {
  const { format, paint } = session.view
  const shown = plans.map((p) => renderPlan(p, paint)).join('')
  if (!hasChanges(plans)) {
    return TE.right({ stdout: isData(format) ? dataText({ plan: plans.map(planJson), report: [] }, format) : `${shown}No changes.\n`, exitCode: EXIT_OK })
  }
  if (!isData(format)) ctx.io.stdout(session.redact(shown))
  return pipe(
    applyAll(ctx, session, plans, options, locks),
    TE.map(({ reports, exitCode }) => ({
      stdout: isData(format) ? dataText({ plan: plans.map(planJson), report: reports.map(reportJson) }, format) : renderSummary(reports, paint),
      exitCode,
    })),
  )
}
