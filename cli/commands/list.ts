/**
 * `proxy-subusers list`: every sub-user of the account, all pages.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUsers } from '../format'

/**
 * Adds the `list` command.
 * @example
 * registerList(program, ctx) // proxy-subusers list --provider webshare --json
 */
export const registerList = (program: Command, ctx: CommandContext): void => {
  program
    .command('list')
    .description('list every sub-user (all pages)')
    .addHelpText(
      'after',
      `
Examples:
  $ proxy-subusers list -p thordata
  $ proxy-subusers list -p webshare -o json
  $ proxy-subusers list -p webshare -o yaml
  $ proxy-subusers list --provider thordata --proxy-type mobile --sandbox`,
    )
    .action((_options: unknown, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => E.right(undefined),
        run: (provider, _input, view) => pipe(provider.list(), TE.map((users) => renderUsers(users, view))),
      }),
    )
}
