/**
 * `proxy-subusers migrate --from <id> --to <id>`: recreate one vendor's
 * sub-users on the other.
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { ProviderId } from '../../src/domain'
import { migration } from '../../src/manifest/migrate'
import { plan } from '../../src/manifest/plan'
import { manifestText } from '../../src/manifest/write'
import type { CommandContext } from '../action'
import { EXIT_OK, failureFrom, usageFailure } from '../failure'
import { PROVIDERS } from '../globals'
import { applyAll, runManifestCommand, writeTextFile } from '../manifest-action'
import { dataText, isData } from '../output'
import { migrationJson, planJson, renderMigration, renderPlan, renderSummary, reportJson } from '../plan-format'
import { addApplyOptions } from './apply'

interface MigrateOptions {
  readonly from: ProviderId
  readonly to: ProviderId
  readonly yes?: boolean
  readonly concurrency?: number
  readonly report?: string
  readonly writeManifest?: string
}

/**
 * Adds the `migrate` command.
 * @example
 * registerMigrate(program, ctx) // proxy-subusers migrate --from thordata --to webshare --yes
 */
export const registerMigrate = (program: Command, ctx: CommandContext): void => {
  addApplyOptions(
    program
      .command('migrate')
      .description("recreate one vendor's sub-users on the other")
      .addOption(new Option('--from <id>', 'the vendor to copy from').choices(PROVIDERS).makeOptionMandatory())
      .addOption(new Option('--to <id>', 'the vendor to create them on').choices(PROVIDERS).makeOptionMandatory())
      .option('--write-manifest <file>', "also write the target's manifest (YAML, passwords left out)"),
  )
    .addHelpText(
      'after',
      `
Reads every sub-user of --from, says which fields cannot be carried over and
why (a password Webshare has no place for, a disabled status it cannot hold,
a limit it cannot represent), and shows the plan for --to. Nothing is
created without -y/--yes. Sub-users already on --to under the same name are
updated or left alone, so a migration can be run again. The source is never
changed.

Examples:
  $ proxy-subusers migrate --from thordata --to webshare
  $ proxy-subusers migrate --from thordata --to webshare -y --report migration.json
  $ proxy-subusers migrate --from webshare --to thordata --write-manifest thordata.yaml --json`,
    )
    .action((options: MigrateOptions, command: Command) =>
      runManifestCommand(
        ctx,
        command,
        {
          prepare: (globals) =>
            TE.fromEither(
              options.from === options.to
                ? E.left(usageFailure('--from and --to must be different vendors'))
                : globals.provider !== undefined
                  ? E.left(usageFailure('migrate takes --from and --to, not --provider'))
                  : E.right({ ids: [options.from, options.to], input: undefined, secrets: [] }),
            ),
        },
        (session) => {
          const source = session.connections.providers.get(options.from)!
          const target = session.connections.providers.get(options.to)!
          const { format, paint } = session.view
          return pipe(
            migration(source, target),
            TE.mapLeft(failureFrom),
            TE.tapIO((m) => () => session.addSecrets(m.wanted.flatMap((w) => (w.password === undefined ? [] : [w.password])))),
            TE.bindTo('m'),
            TE.bind('p', ({ m }) => pipe(plan(target, m.wanted), TE.mapLeft(failureFrom))),
            TE.tap(({ m }) =>
              options.writeManifest === undefined
                ? TE.right(undefined)
                : writeTextFile(options.writeManifest, manifestText(m.to, m.wanted), options.writeManifest),
            ),
            TE.flatMap(({ m, p }) => {
              const shown = { migration: migrationJson(m), plan: planJson(p) }
              if (options.yes !== true) {
                const hint = p.changes.some((c) => c.action !== 'unchanged') ? `Nothing was changed: run again with --yes to apply this to ${m.to}.\n` : 'No changes.\n'
                return TE.right({ stdout: isData(format) ? dataText({ ...shown, report: null }, format) : `${renderMigration(m)}${renderPlan(p, paint)}${hint}`, exitCode: EXIT_OK })
              }
              if (!isData(format)) ctx.io.stdout(session.redact(`${renderMigration(m)}${renderPlan(p, paint)}`))
              return pipe(
                applyAll(ctx, session, [p], options),
                TE.map(({ reports, exitCode }) => ({
                  stdout: isData(format) ? dataText({ ...shown, report: reports.map(reportJson)[0] ?? null }, format) : renderSummary(reports, paint),
                  exitCode,
                })),
              )
            }),
          )
        },
      ),
    )
}
