/**
 * `proxy-subusers access <id>`: how a customer connects to a sub-user.
 */
import { Option, type Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { PROXY_PROTOCOLS } from '../../src/access-target'
import type { AccessTarget, ProxyProtocol } from '../../src/domain'
import { runVendorCommand, type CommandContext } from '../action'
import { renderAccess } from '../access-format'
import { usageFailure, type CliFailure } from '../failure'

/** What `access` reads from its options. */
interface AccessOptions {
  readonly country?: string
  readonly session?: string
  readonly protocol?: ProxyProtocol
  readonly reveal?: boolean
}

/** The options that gave each target field, so that a problem names what was typed. */
const ACCESS_FLAGS: Readonly<Record<string, string>> = {
  country: '--country',
  'session.id': '--session (its id)',
  'session.minutes': '--session (its minutes)',
  session: '--session',
  protocol: '--protocol',
}

/**
 * The target the options describe; `--session ID[:MINUTES]` split at its colon. A length
 * that is not a whole number is a usage failure that does not repeat it.
 * @example
 * readTarget({ country: 'us', session: 'abc123:30' }) // Right({ country: 'us', session: { id: 'abc123', minutes: 30 } })
 */
export const readTarget = (options: AccessOptions): E.Either<CliFailure, AccessTarget> => {
  let session: AccessTarget['session']
  if (options.session !== undefined) {
    const colon = options.session.indexOf(':')
    const id = colon < 0 ? options.session : options.session.slice(0, colon)
    const minutes = colon < 0 ? undefined : options.session.slice(colon + 1)
    if (minutes !== undefined && !/^\d{1,6}$/.test(minutes)) return E.left(usageFailure('--session takes ID or ID:MINUTES, the minutes a whole number'))
    session = minutes === undefined ? { id } : { id, minutes: Number(minutes) }
  }
  return E.right({
    ...(options.country === undefined ? {} : { country: options.country }),
    ...(session === undefined ? {} : { session }),
    ...(options.protocol === undefined ? {} : { protocol: options.protocol }),
  })
}

/**
 * Adds the `access` command.
 * @example
 * registerAccess(program, ctx) // proxy-subusers access alice001 -p thordata --country us --session abc123:30
 */
export const registerAccess = (program: Command, ctx: CommandContext): void => {
  program
    .command('access')
    .description('how a customer connects to a sub-user: endpoints and the gateway login (the password hidden unless --reveal)')
    .argument('<id>', 'the sub-user id (Thordata: the username; Webshare and Oxylabs: the numeric id; IPRoyal: the hash)')
    .option('--country <code>', 'exit country, ISO 3166-1 alpha-2 (e.g. US), where the vendor can target one')
    .option('--session <id[:minutes]>', 'a sticky IP: a session id (letters and digits) and, where the vendor lets it be chosen, its length in minutes')
    .addOption(new Option('--protocol <protocol>', 'only endpoints of this protocol').choices(PROXY_PROTOCOLS))
    .option('--reveal', 'also print the proxy URL with the password, alone on the last line (in JSON: the url field)')
    .addHelpText(
      'after',
      `
The login carries the target in the vendor's own syntax (Thordata: td-customer-
<user>-country-us-sessid-<id>-sesstime-<minutes>; Oxylabs: customer-<user>-cc-US-
sessid-<id>-sesstime-<minutes>; IPRoyal puts it in the password instead, the
login being the username: <password>_country-us_session-<8 letters or digits>_
lifetime-<n>m|h|d); the table names the country and session asked for on a
target line, so they show while the password is hidden. The password is never
shown except inside the proxy URL that --reveal prints, alone on the last line,
so it can be handed to a tool (Oxylabs never shows a password: there is no proxy
URL). What a vendor cannot honour (Webshare: a country or a session; Oxylabs: a
country over SOCKS5) is refused before any request (exit 2).

Examples:
  $ proxy-subusers access alice001 -p thordata
  $ proxy-subusers access alice001 -p thordata --country us --session abc123:30
  $ curl -x "$(proxy-subusers access alice001 -p thordata --country de --reveal | tail -n 1)" https://ipinfo.io
  $ proxy-subusers access 42 -p webshare -o json
  $ proxy-subusers access 42 -p webshare --connection backbone --protocol socks5
  $ proxy-subusers access 01HQ5K3P97DY8EX9Y90YT1K6XA -p iproyal --country us --session abcd1234:120`,
    )
    .action((id: string, options: AccessOptions, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: () => readTarget(options),
        run: (provider, target, view) => pipe(provider.access(id, target), TE.map((access) => renderAccess(access, options.reveal === true, view, target))),
        flags: ACCESS_FLAGS,
      }),
    )
}
