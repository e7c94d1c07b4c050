/**
 * `proxy-subusers get <id>`: one sub-user.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUser } from '../format'

/**
 * Adds the `get` command.
 * @example
 * registerGet(program, ctx) // proxy-subusers get alice001 --provider thordata
 */
export const registerGet = (program: Command, ctx: CommandContext): void => {
  program
    .command('get')
    .description('show one sub-user')
    .argument('<id>', 'the sub-user id (Thordata: the username; Webshare: the numeric id)')
    .addHelpText(
      'after',
      `
Examples:
  $ proxy-subusers get alice001 --provider thordata
  $ proxy-subusers get 42 -p webshare -o json`,
    )
    .action((id: string, _options: unknown, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => E.right(id),
        run: (provider, target, view) => pipe(provider.get(target), TE.map((user) => renderUser(user, view))),
      }),
    )
}
