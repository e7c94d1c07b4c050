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
import { plan, type Plan } from '../../src/manifest/plan'
import { manifestText } from '../../src/manifest/write'
import type { CommandContext } from '../action'
import { EXIT_OK, failureFrom, usageFailure } from '../failure'
import { PROVIDERS } from '../globals'
import { applyAll, runManifestCommand, withApplyLocks, writeTextFile, type ApplyCommandOptions } from '../manifest-action'
import { dataText, isData } from '../output'
import { migrationJson, planJson, renderMigration, renderPlan, renderSummary, reportJson } from '../plan-format'
import { addApplyOptions } from './apply'

interface MigrateOptions extends ApplyCommandOptions {
  readonly from: ProviderId
  readonly to: ProviderId
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
changed. With --yes, migrate holds the lock of the --to account while it
plans and creates, as apply does (--no-wait: exit 3 if another run holds it;
--redis or PROXY_SUBUSERS_REDIS_URL: the lock and the pacing in Redis).

Examples:
  $ proxy-subusers migrate --from thordata --to webshare
  $ proxy-subusers migrate --from thordata --to webshare -y --report migration.json
  $ proxy-subusers migrate --from webshare --to thordata --write-manifest thordata.yaml --json
  $ proxy-subusers migrate --from thordata --to webshare -y --no-wait --redis redis://127.0.0.1:6379`,
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
            TE.tap(({ m }) =>
              options.writeManifest === undefined
                ? TE.right(undefined)
                : writeTextFile(options.writeManifest, manifestText(m.to, m.wanted), options.writeManifest),
            ),
            TE.flatMap(({ m }) => {
              const planned = pipe(plan(target, m.wanted, { dedupe: options.dedupe === true }), TE.mapLeft(failureFrom))
              const shown = (p: Plan) => ({ migration: migrationJson(m), plan: planJson(p) })
              if (options.yes !== true) {
                return pipe(
                  planned,
                  TE.map((p) => {
                    const hint = p.changes.some((c) => c.action !== 'unchanged') ? `Nothing was changed: run again with --yes to apply this to ${m.to}.\n` : 'No changes.\n'
                    return { stdout: isData(format) ? dataText({ ...shown(p), report: null }, format) : `${renderMigration(m)}${renderPlan(p, paint)}${hint}`, exitCode: EXIT_OK }
                  }),
                )
              }
              // Applying: the target is planned under its account's lock, as apply does.
              return withApplyLocks(ctx, session, [target], options, (locks) =>
                pipe(
                  planned,
                  TE.flatMap((p) => {
                    if (!isData(format)) ctx.io.stdout(session.redact(`${renderMigration(m)}${renderPlan(p, paint)}`))
                    return pipe(
                      applyAll(ctx, session, [p], options, locks),
                      TE.map(({ reports, exitCode }) => ({
                        stdout: isData(format) ? dataText({ ...shown(p), report: reports.map(reportJson)[0] ?? null }, format) : renderSummary(reports, paint),
                        exitCode,
                      })),
                    )
                  }),
                ),
              )
            }),
          )
        },
      ),
    )
}
