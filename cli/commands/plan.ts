/**
 * `proxy-subusers plan <manifest>`: what `apply` would change, per sub-user.
 */
import type { Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CommandContext } from '../action'
import { EXIT_OK } from '../failure'
import { fromManifest, manifestFile, planAll, runManifestCommand } from '../manifest-action'
import { dataText, isData } from '../output'
import { hasChanges, planJson, renderPlan } from '../plan-format'

/** Exit code of `plan --detailed-exitcode` when there are changes, as Terraform's. @example EXIT_CHANGES === 2 */
export const EXIT_CHANGES = 2

/**
 * Adds the `plan` command.
 * @example
 * registerPlan(program, ctx) // proxy-subusers plan examples/thordata.yaml
 */
export const registerPlan = (program: Command, ctx: CommandContext): void => {
  program
    .command('plan')
    .description('show what apply would change to reach a manifest')
    .argument('[manifest]', 'YAML or JSON file: provider ids, each a list of sub-users (or -f)')
    .option('-f, --file <manifest>', 'the manifest, as an option (as kubectl -f)')
    .option('--prune', 'also plan to delete the sub-users the manifest does not list')
    .option('--dedupe', 'where several sub-users hold one name of the manifest, plan to keep the oldest and delete the others (what apply --dedupe -y does)')
    .option('--detailed-exitcode', 'exit 0 when there is nothing to change, 2 when there are changes, 1 on error')
    .addHelpText(
      'after',
      `
Sub-users are matched by username (Webshare: label). A field an entry leaves
out is left as it is; write trafficLimit: unlimited to ask for unlimited.
Values written \${NAME} come from the environment and are never printed;
passwords show only as (set) or (changed), and a password written in the
file itself gets a warning. Sizes count in 1024s (10 GB is read as 10 GiB, as
the vendors count). Every problem of a manifest is listed at once, one a
line, with a "did you mean" for a misspelt key. -p/--provider narrows the
plan to one provider of the manifest. A name held by several sub-users
(Webshare labels are not unique) is refused, naming every such name and its
ids; --dedupe shows instead the deletes apply --dedupe -y would make (the
oldest of each, by creation date then lowest id, is kept).

Examples:
  $ proxy-subusers plan examples/manifests/mixed.yaml
  $ proxy-subusers plan -f team.yaml --prune --detailed-exitcode
  $ proxy-subusers plan examples/manifests/webshare.yaml -o yaml --sandbox
  $ proxy-subusers plan team.yaml -p webshare --dedupe`,
    )
    .action((positional: string | undefined, options: { file?: string; prune?: boolean; dedupe?: boolean; detailedExitcode?: boolean }, command: Command) =>
      runManifestCommand(ctx, command, { prepare: fromManifest(manifestFile(positional, options.file), ctx.io.env), detailedExitCode: options.detailedExitcode === true }, (session, manifest) =>
        pipe(
          planAll(session.connections, manifest.wanted, { prune: options.prune === true, dedupe: options.dedupe === true }, manifest.file),
          TE.map((plans) => ({
            stdout: isData(session.view.format)
              ? dataText({ changes: hasChanges(plans), providers: plans.map(planJson) }, session.view.format)
              : plans.map((p) => renderPlan(p, session.view.paint)).join(''),
            exitCode: options.detailedExitcode === true && hasChanges(plans) ? EXIT_CHANGES : EXIT_OK,
          })),
        ),
      ),
    )
}
