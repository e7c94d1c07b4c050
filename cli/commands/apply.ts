/**
 * `proxy-subusers apply <manifest>`: make the providers match a manifest.
 */
import { Option, type Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CommandContext } from '../action'
import { wholeNumberArgument } from '../arguments'
import { EXIT_OK } from '../failure'
import { jsonText } from '../format'
import { applyAll, fromManifest, planAll, runManifestCommand } from '../manifest-action'
import { hasChanges, planJson, renderPlan, renderSummary, reportJson } from '../plan-format'

/**
 * The options shared by `apply` and `migrate`.
 * @example
 * addApplyOptions(program.command('apply'))
 */
export const addApplyOptions = (command: Command): Command =>
  command
    .option('--yes', 'apply without asking (needed for deletes when stdin is not a terminal)')
    .addOption(new Option('--concurrency <n>', 'changes in flight at once per provider (default 4; each provider still keeps its rate limit)').argParser(wholeNumberArgument))
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
      .argument('<manifest>', 'YAML or JSON file: provider ids, each a list of sub-users')
      .option('--prune', 'also delete the sub-users the manifest does not list'),
  )
    .addHelpText(
      'after',
      `
The plan is printed first. On a terminal, apply asks before changing anything
unless --yes is given; when stdin is not a terminal there is no prompt, and a
plan that deletes needs --yes. Progress: a bar on a terminal, one line per
change otherwise, nothing with --json. Applying twice changes nothing the
second time; an interrupted apply finishes when run again.
Exit codes: 0 all done, 1 a change failed, 2 bad usage or manifest, 130 interrupted.

Examples:
  $ proxy-subusers apply examples/manifests/mixed.yaml
  $ proxy-subusers apply team.yaml --prune --yes --report report.json
  $ proxy-subusers apply team.yaml --provider webshare --concurrency 8 --json --yes`,
    )
    .action((file: string, options: { prune?: boolean; yes?: boolean; concurrency?: number; report?: string }, command: Command) =>
      runManifestCommand(ctx, command, { prepare: fromManifest(file, ctx.io.env) }, (session, manifest) =>
        pipe(
          planAll(session.connections, manifest.wanted, options.prune === true),
          TE.flatMap((plans) => {
            const json = session.globals.json
            if (!hasChanges(plans)) {
              return TE.right({ stdout: json ? jsonText({ plan: plans.map(planJson), report: [] }) : `${plans.map(renderPlan).join('')}No changes.\n`, exitCode: EXIT_OK })
            }
            if (!json) ctx.io.stdout(session.redact(plans.map(renderPlan).join('')))
            return pipe(
              applyAll(ctx, session, plans, options),
              TE.map(({ reports, exitCode }) => ({
                stdout: json ? jsonText({ plan: plans.map(planJson), report: reports.map(reportJson) }) : renderSummary(reports),
                exitCode,
              })),
            )
          }),
        ),
      ),
    )
}
