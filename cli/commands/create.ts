/**
 * `proxy-subusers create --username <name> ...`: create one sub-user.
 */
import type { Command } from 'commander'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { CreateSubUser } from '../../src/domain'
import { SubUserError } from '../../src/errors'
import type { SubUserProvider } from '../../src/provider'
import { runVendorCommand, type CommandContext } from '../action'
import { renderUser } from '../format'
import { SUBUSER_FLAGS } from '../user-words'
import { addSubUserOptions, readCreate, type SubUserOptions } from '../subuser-options'

/**
 * Creates a sub-user, unless the vendor lets a name be held twice and the
 * name is in use already: then a `conflict` naming the ids that hold it,
 * and nothing is created (`allowDuplicate` skips the check). The input is
 * validated before the listing, so a bad one sends nothing.
 * @example
 * await createOnce(provider, { username: 'team-a' }, false)() // Left(conflict: webshare create: team-a is the label of sub-user 42 already ...)
 */
export const createOnce = (provider: SubUserProvider, input: CreateSubUser, allowDuplicate: boolean) => {
  if (allowDuplicate || provider.capabilities.uniqueUsernames !== false) return provider.create(input)
  return pipe(
    // Checked first: an input the vendor would refuse sends nothing, not even the listing.
    TE.fromEither(provider.validate('create', input)),
    TE.flatMap(() => provider.list()),
    TE.flatMap((users) => {
      const holders = users.filter((u) => u.username === input.username).map((u) => u.id)
      if (holders.length === 0) return provider.create(input)
      return TE.left(
        new SubUserError({
          kind: 'conflict',
          provider: provider.id,
          operation: 'create',
          message: `${provider.id} create: ${input.username} is the label of sub-user${holders.length === 1 ? '' : 's'} ${holders.join(', ')} already; nothing was created (--allow-duplicate-label makes another one)`,
        }),
      )
    }),
  )
}

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
Webshare lets several sub-users share a label: create refuses a label that is
in use already (a conflict, exit 1, nothing created) unless
--allow-duplicate-label is given. Sizes count in 1024s: 10GB is 10 GiB.

Examples:
  $ ALICE_PW=... proxy-subusers create --provider thordata --username alice001 --password-env ALICE_PW --limit 500MiB
  $ proxy-subusers create --provider webshare --username team-a --limit 10GiB --countries US=10,ZZ=5
  $ proxy-subusers create -p webshare --username team-b --max-threads 50 -o json
  $ proxy-subusers create -p webshare --username team-b --allow-duplicate-label`,
    )
    .option('--allow-duplicate-label', 'Webshare: create even when the label is held by another sub-user')
    .action((options: SubUserOptions & { readonly allowDuplicateLabel?: boolean }, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: (globals) => readCreate(options, globals.provider, ctx.io.env),
        run: (provider, input, view) => pipe(createOnce(provider, input, options.allowDuplicateLabel === true), TE.map((user) => renderUser(user, view))),
        secretVariables: options.passwordEnv === undefined ? [] : [options.passwordEnv],
        flags: SUBUSER_FLAGS,
        ...(options.limit === undefined ? {} : { limit: options.limit.bytes }),
      }),
    )
}
