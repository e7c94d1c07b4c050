/**
 * `proxy-subusers usage <id> --from <day> --to <day>`: a sub-user's traffic per UTC day.
 */
import type { Command } from 'commander'
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import type { UsageRange } from '../../src/domain'
import { runVendorCommand, type CommandContext } from '../action'
import { usageFailure } from '../failure'
import type { Globals } from '../globals'
import { renderUsage, usageCsv } from '../usage-format'

/** What `usage` reads from its options. */
interface UsageOptions {
  readonly from: string
  readonly to: string
  readonly csv?: boolean
}

/**
 * Adds the `usage` command.
 * @example
 * registerUsage(program, ctx) // proxy-subusers usage alice001 -p thordata --from 2025-03-01 --to 2025-03-31
 */
export const registerUsage = (program: Command, ctx: CommandContext): void => {
  program
    .command('usage')
    .description("a sub-user's traffic per UTC day: a table (and a chart on a terminal), JSON, YAML or CSV")
    .argument('<id>', 'the sub-user id (Thordata: the username; Webshare: the numeric id)')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD (UTC)')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD (UTC), today at the latest')
    .option('--csv', 'CSV on stdout (date,bytes), for scripts')
    .addHelpText(
      'after',
      `
Every day from --from to --to is a row, days without traffic as 0, whatever the
vendor's own granularity (Webshare's hours are summed per UTC day; Thordata is
asked 180 days at a time). A range the vendor cannot serve (Webshare keeps 90
days) is refused before any request (exit 2). Sizes count in 1024s.

Examples:
  $ proxy-subusers usage alice001 -p thordata --from 2025-03-01 --to 2025-03-31
  $ proxy-subusers usage 42 -p webshare --from 2025-03-01 --to 2025-03-07 --json
  $ proxy-subusers usage 42 -p webshare --from 2025-03-01 --to 2025-03-07 --csv > march.csv`,
    )
    .action((id: string, options: UsageOptions, command: Command) =>
      runVendorCommand(ctx, command, {
        prepare: (globals: Globals) =>
          options.csv === true && globals.output !== 'table'
            ? E.left(usageFailure(`--csv and -o ${globals.output} disagree: give one`))
            : E.right<never, UsageRange>({ from: options.from, to: options.to }),
        run: (provider, range, view) =>
          pipe(
            provider.usage(id, range),
            // The chart only on a terminal: a pipe or a file gets the table alone.
            TE.map((days) => (options.csv === true ? usageCsv(days) : renderUsage(provider.id, id, days, ctx.io.terminal?.stdout === true, view))),
          ),
        flags: { from: '--from', to: '--to', range: '--from/--to' },
      }),
    )
}
