/**
 * `proxy-subusers update <id> ...`: change only the fields given.
 */
import type { Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUser } from '../format'
import { SUBUSER_FLAGS } from '../user-words'
import { addSubUserOptions, readPatch, type SubUserOptions } from '../subuser-options'

/**
 * Adds the `update` command.
 * @example
 * registerUpdate(program, ctx) // proxy-subusers update alice001 --provider thordata --limit unlimited
 */
export const registerUpdate = (program: Command, ctx: CommandContext): void => {
  addSubUserOptions(program.command('update').description('change a sub-user; options left out keep their value'), 'update')
    .argument('<id>', 'the sub-user id')
    .addHelpText(
      'after',
      `
Examples:
  $ proxy-subusers update alice001 --provider thordata --limit unlimited
  $ proxy-subusers update alice001 --provider thordata --username alice002 --status disabled
  $ proxy-subusers update 42 -p webshare --limit 2GiB --countries none -o json`,
    )
    .action((id: string, options: SubUserOptions, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: (globals) => readPatch(options, globals.provider, ctx.io.env),
        run: (provider, patch, view) => pipe(provider.update(id, patch), TE.map((user) => renderUser(user, view))),
        secretVariables: options.passwordEnv === undefined ? [] : [options.passwordEnv],
        flags: SUBUSER_FLAGS,
        ...(options.limit === undefined ? {} : { limit: options.limit.bytes }),
      }),
    )
}
