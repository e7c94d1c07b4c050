/**
 * `proxy-subusers apply <manifest>`: make the providers match a manifest.
 */
import { Option, type Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CommandContext } from '../action'
import { positiveNumberArgument } from '../arguments'
import { EXIT_OK } from '../failure'
import { applyAll, fromManifest, manifestFile, planAll, runManifestCommand } from '../manifest-action'
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
Exit codes: 0 all done, 1 a change failed, 2 bad usage or manifest (nothing
sent), 130 interrupted.

Examples:
  $ proxy-subusers apply examples/manifests/mixed.yaml
  $ proxy-subusers apply -f team.yaml --prune -y --report report.json
  $ proxy-subusers apply team.yaml -p webshare --concurrency 8 -o json -y`,
    )
    .action((positional: string | undefined, options: { file?: string; prune?: boolean; yes?: boolean; concurrency?: number; report?: string }, command: Command) =>
      runManifestCommand(ctx, command, { prepare: fromManifest(manifestFile(positional, options.file), ctx.io.env, options.report) }, (session, manifest) =>
        pipe(
          planAll(session.connections, manifest.wanted, options.prune === true, manifest.file),
          TE.flatMap((plans) => {
            const { format, paint } = session.view
            const shown = plans.map((p) => renderPlan(p, paint)).join('')
            if (!hasChanges(plans)) {
              return TE.right({ stdout: isData(format) ? dataText({ plan: plans.map(planJson), report: [] }, format) : `${shown}No changes.\n`, exitCode: EXIT_OK })
            }
            if (!isData(format)) ctx.io.stdout(session.redact(shown))
            return pipe(
              applyAll(ctx, session, plans, options),
              TE.map(({ reports, exitCode }) => ({
                stdout: isData(format) ? dataText({ plan: plans.map(planJson), report: reports.map(reportJson) }, format) : renderSummary(reports, paint),
                exitCode,
              })),
            )
          }),
        ),
      ),
    )
}
