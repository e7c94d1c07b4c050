/**
 * `proxy-subusers export --provider <id>`: the sub-users a vendor holds, as a
 * manifest that plans no change (passwords are never written).
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { asWanted, manifestData, manifestText } from '../../src/manifest/write'
import { runVendorCommand, type CommandContext } from '../action'
import { writableTarget, writeTextFile } from '../manifest-action'
import { dataText, escapeControl } from '../output'

/**
 * Adds the `export` command.
 * @example
 * registerExport(program, ctx) // proxy-subusers export -p webshare -f webshare.yaml
 */
export const registerExport = (program: Command, ctx: CommandContext): void => {
  program
    .command('export')
    .description("write a vendor's sub-users as a manifest (YAML; JSON with -o json)")
    .option('-f, --file <path>', 'write the manifest to this file instead of stdout')
    .addHelpText(
      'after',
      `
The manifest holds each sub-user's username, status, limit and vendor
settings, so that plan against it shows no change; passwords are never
written (add password: \${NAME} by hand where one should be managed). A
Webshare label held by several sub-users is written once, with a warning.

Examples:
  $ proxy-subusers export -p webshare > webshare.yaml
  $ proxy-subusers export -p thordata -f thordata.yaml
  $ proxy-subusers plan thordata.yaml        # No changes`,
    )
    .action((options: { readonly file?: string }, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => E.right(undefined),
        run: (provider, _input, view) =>
          pipe(
            writableTarget(options.file, '--file'),
            TE.flatMap(() => provider.list()),
            TE.map((users) => asWanted(provider, users)),
            TE.tapIO(({ repeated }) => () => {
              for (const user of repeated) {
                ctx.io.stderr(`proxy-subusers: warning: ${provider.id} sub-user ${escapeControl(user.id)} has the name ${escapeControl(user.username)} of another one: the manifest lists that name once\n`)
              }
            }),
            TE.map(({ wanted }) => ({ wanted, text: view.format === 'table' ? manifestText(provider.id, wanted) : dataText(manifestData(provider.id, wanted), view.format) })),
            TE.flatMap(({ wanted, text }) =>
              options.file === undefined
                ? TE.right(text)
                : pipe(
                    writeTextFile(options.file, text, options.file),
                    TE.map(() => `wrote ${wanted.length} ${provider.id} sub-user${wanted.length === 1 ? '' : 's'} to ${options.file}\n`),
                  ),
            ),
          ),
      }),
    )
}
