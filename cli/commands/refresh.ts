/**
 * `proxy-subusers refresh <id>`: renew what the vendor can renew, and show fresh state and usage.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUser } from '../format'

/**
 * Adds the `refresh` command.
 * @example
 * registerRefresh(program, ctx) // proxy-subusers refresh 42 --provider webshare
 */
export const registerRefresh = (program: Command, ctx: CommandContext): void => {
  program
    .command('refresh')
    .description('bring a sub-user up to date (Webshare: renew its custom proxy list; Thordata: re-read)')
    .argument('<id>', 'the sub-user id')
    .addHelpText(
      'after',
      `
Webshare can only refresh a sub-user that has a custom proxy list (see create --countries).

Examples:
  $ proxy-subusers refresh 42 --provider webshare
  $ proxy-subusers refresh alice001 -p thordata -o yaml`,
    )
    .action((id: string, _options: unknown, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => E.right(id),
        run: (provider, target, view) => pipe(provider.refresh(target), TE.map((user) => renderUser(user, view))),
      }),
    )
}
