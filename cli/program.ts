/**
 * The command tree: the root command with its global options and help, and
 * every command registered on it. Output goes only through the given IO, and
 * commander never exits the process (its errors are thrown to `runCli`).
 */
import { Command } from 'commander'
import { VENDORS } from '../providers/vendors'
import type { CommandContext } from './action'
import { registerAccess } from './commands/access'
import { registerApply } from './commands/apply'
import { registerCompletion } from './commands/completion'
import { registerCreate } from './commands/create'
import { registerDelete } from './commands/delete'
import { registerExport } from './commands/export'
import { registerGet } from './commands/get'
import { registerList } from './commands/list'
import { registerMigrate } from './commands/migrate'
import { registerPlan } from './commands/plan'
import { registerRefresh } from './commands/refresh'
import { registerSandbox } from './commands/sandbox'
import { registerUpdate } from './commands/update'
import { registerUsage } from './commands/usage'
import { EXIT_CODES_HELP } from './failure'
import { addGlobalOptions } from './globals'
import { VERSION } from './version'

const ROOT_HELP = `
Credentials and endpoints come from the environment:
${VENDORS.map((v) => `  ${v.environment.map((e) => e.name).join(', ')}`).join('\n')}
Client-side pacing: PROXY_SUBUSERS_RATE_LIMIT=off, or requests per minute
  (default: each vendor's own, e.g. Thordata one call every 1.2 s, Webshare 240 a minute).
With --sandbox a command runs against a fresh built-in sandbox instead.
Output: a table for people; -o json or -o yaml (or --json) for scripts, and
  then a failure is one JSON object on stderr. Colour only on a terminal,
  never with NO_COLOR set or --no-color. Sizes count in 1024s (10GB = 10GiB).
${EXIT_CODES_HELP}

Examples:
  $ proxy-subusers list -p thordata
  $ proxy-subusers create -p webshare --username team-a --limit 10GiB -o json
  $ proxy-subusers update alice001 -p thordata --limit unlimited
  $ proxy-subusers access alice001 -p thordata --country us --session abc123:30
  $ proxy-subusers usage 42 -p webshare --from 2025-03-01 --to 2025-03-07
  $ proxy-subusers list -p webshare --sandbox -o yaml
  $ proxy-subusers export -p webshare -f webshare.yaml
  $ proxy-subusers plan examples/manifests/mixed.yaml
  $ proxy-subusers apply -f examples/manifests/mixed.yaml -y --report report.json
  $ proxy-subusers migrate --from thordata --to webshare --yes
  $ proxy-subusers sandbox --write-env sandbox.env
  $ source <(proxy-subusers completion bash)`

/**
 * Builds a fresh command tree (commander keeps parsed values on its commands,
 * so each run gets its own). Help and the version go to `ctx.io.stdout`;
 * commander's own error output is dropped, `runCli` prints the reason
 * instead. `completion: false` leaves out the completion commands (the tree
 * the completion library walks).
 * @example
 * await buildProgram(ctx).parseAsync(['list', '--provider', 'thordata'], { from: 'user' })
 */
export const buildProgram = (ctx: CommandContext, completion = true): Command => {
  const program = new Command('proxy-subusers')
    .description(`Manage proxy sub-users on ${VENDORS.map((v) => v.title).join(', ')} (the vendors the package ships).`)
    .version(VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.io.stdout(text), writeErr: () => undefined, outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', ROOT_HELP)
  addGlobalOptions(program)
  for (const register of [registerList, registerGet, registerCreate, registerUpdate, registerDelete, registerRefresh, registerAccess, registerUsage, registerExport, registerPlan, registerApply, registerMigrate, registerSandbox]) {
    register(program, ctx)
  }
  if (completion) registerCompletion(program, ctx, () => buildProgram(ctx, false))
  return program
}
