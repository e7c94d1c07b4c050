/**
 * The command tree: the root command with its global options and help, and
 * every command registered on it. Output goes only through the given IO, and
 * commander never exits the process (its errors are thrown to `runCli`).
 */
import { Command } from 'commander'
import type { CommandContext } from './action'
import { registerApply } from './commands/apply'
import { registerCreate } from './commands/create'
import { registerDelete } from './commands/delete'
import { registerGet } from './commands/get'
import { registerList } from './commands/list'
import { registerMigrate } from './commands/migrate'
import { registerPlan } from './commands/plan'
import { registerRefresh } from './commands/refresh'
import { registerSandbox } from './commands/sandbox'
import { registerUpdate } from './commands/update'
import { EXIT_CODES_HELP } from './failure'
import { addGlobalOptions } from './globals'

const ROOT_HELP = `
Credentials and endpoints come from the environment:
  THORDATA_TOKEN, THORDATA_KEY, THORDATA_BASE_URL
  WEBSHARE_API_KEY, WEBSHARE_BASE_URL, WEBSHARE_PLAN_ID
Client-side pacing: PROXY_SUBUSERS_RATE_LIMIT=off, or requests per minute
  (default: Thordata one call every 1.2 s, Webshare 240 a minute).
With --sandbox a command runs against a fresh built-in sandbox instead.
${EXIT_CODES_HELP}

Examples:
  $ proxy-subusers list --provider thordata
  $ proxy-subusers create --provider webshare --username team-a --limit 10GiB --json
  $ proxy-subusers update alice001 --provider thordata --limit unlimited
  $ proxy-subusers list --provider webshare --sandbox
  $ proxy-subusers plan examples/manifests/mixed.yaml
  $ proxy-subusers apply examples/manifests/mixed.yaml --yes --report report.json
  $ proxy-subusers migrate --from thordata --to webshare --yes
  $ proxy-subusers sandbox --port 4010`

/**
 * Builds a fresh command tree (commander keeps parsed values on its commands,
 * so each run gets its own). Help goes to `ctx.io.stdout`; commander's own
 * error output is dropped, `runCli` prints the one-line reason instead.
 * @example
 * await buildProgram(ctx).parseAsync(['list', '--provider', 'thordata'], { from: 'user' })
 */
export const buildProgram = (ctx: CommandContext): Command => {
  const program = new Command('proxy-subusers')
    .description('Manage proxy sub-users on Thordata and Webshare.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => ctx.io.stdout(text), writeErr: () => undefined, outputError: () => undefined })
    .configureHelp({ showGlobalOptions: true })
    .addHelpText('after', ROOT_HELP)
  addGlobalOptions(program)
  for (const register of [registerList, registerGet, registerCreate, registerUpdate, registerDelete, registerRefresh, registerPlan, registerApply, registerMigrate, registerSandbox]) {
    register(program, ctx)
  }
  return program
}
