/**
 * `proxy-subusers delete <id>`: remove one sub-user.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderDeleted } from '../format'

/**
 * Adds the `delete` command.
 * @example
 * registerDelete(program, ctx) // proxy-subusers delete alice001 --provider thordata
 */
export const registerDelete = (program: Command, ctx: CommandContext): void => {
  program
    .command('delete')
    .description('delete one sub-user')
    .argument('<id>', 'the sub-user id')
    .addHelpText(
      'after',
      `
Examples:
  $ proxy-subusers delete alice001 --provider thordata
  $ proxy-subusers delete 42 -p webshare --json     # prints {"deleted":"42"}`,
    )
    .action((id: string, _options: unknown, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => E.right(id),
        run: (provider, target, view) => pipe(provider.delete(target), TE.map(() => renderDeleted(provider.id, target, view))),
      }),
    )
}
