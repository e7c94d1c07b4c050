/**
 * `proxy-subusers create --username <name> ...`: create one sub-user.
 */
import type { Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUser } from '../format'
import { SUBUSER_FLAGS } from '../user-words'
import { addSubUserOptions, readCreate, type SubUserOptions } from '../subuser-options'

/**
 * Adds the `create` command.
 * @example
 * registerCreate(program, ctx) // proxy-subusers create --provider thordata --username alice001 --limit 500MiB
 */
export const registerCreate = (program: Command, ctx: CommandContext): void => {
  addSubUserOptions(program.command('create').description('create a sub-user'), 'create')
    .addHelpText(
      'after',
      `
Passwords are never taken on the command line: --password-env names the
environment variable that holds it (Thordata; without it Thordata generates one).

Examples:
  $ ALICE_PW=... proxy-subusers create --provider thordata --username alice001 --password-env ALICE_PW --limit 500MiB
  $ proxy-subusers create --provider webshare --username team-a --limit 10GiB --countries US=10,ZZ=5
  $ proxy-subusers create --provider webshare --username team-b --max-threads 50 --json`,
    )
    .action((options: SubUserOptions, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: (globals) => readCreate(options, globals.provider, ctx.io.env),
        run: (provider, input, view) => pipe(provider.create(input), TE.map((user) => renderUser(user, view))),
        secretVariables: options.passwordEnv === undefined ? [] : [options.passwordEnv],
        flags: SUBUSER_FLAGS,
        ...(options.limit === undefined ? {} : { limit: options.limit.bytes }),
      }),
    )
}
