/**
 * `proxy-subusers completion bash|zsh|fish|powershell`: the shell's completion script,
 * made by @bomb.sh/tab from the command tree (commands, options and their
 * choices), so completions follow the commands as they change. The script
 * asks `proxy-subusers complete -- <words>` for the words at each TAB.
 */
import { Argument, type Command } from 'commander'
import type { CommandContext } from '../action'

/**
 * The shells a completion script is made for.
 * @example
 * COMPLETION_SHELLS // ['bash', 'zsh', 'fish', 'powershell']
 */
export const COMPLETION_SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const

/** What the commander adapter of @bomb.sh/tab gives back: the completion tree. */
interface CompletionTree {
  setup(name: string, executable: string, shell: string): void
  parse(args: string[]): void
}

/**
 * The command tree as completion sees it: the global options (`-p`, `-o`,
 * ...) offered after every command too, as commander accepts them there.
 */
const withGlobalOptions = (program: Command): Command => {
  for (const command of program.commands) for (const option of program.options) command.addOption(option)
  return program
}

/**
 * Runs `body` with `console.log` writing to `out` (tab writes there), then puts it back.
 */
const intoStdout = async (out: (text: string) => void, body: (tree: CompletionTree) => void, program: Command): Promise<void> => {
  // ES module only: loaded when completing, never by any other command.
  const { default: tab } = await import('@bomb.sh/tab/commander')
  const tree: CompletionTree = tab(withGlobalOptions(program), { completionCommandName: 'completion' })
  const log = console.log
  console.log = (...parts: unknown[]) => out(`${parts.map(String).join(' ')}\n`)
  try {
    body(tree)
  } finally {
    console.log = log
  }
}

/**
 * Adds `completion <shell>` and the hidden `complete -- <words>` that the
 * scripts call. `fresh` builds a command tree without these two, for tab to walk.
 * @example
 * registerCompletion(program, ctx, () => buildProgram(ctx, false))
 */
export const registerCompletion = (program: Command, ctx: CommandContext, fresh: () => Command): void => {
  program
    .command('completion')
    .description('print the shell completion script for bash, zsh, fish or powershell')
    .addArgument(new Argument('<shell>', 'the shell').choices(COMPLETION_SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  $ source <(proxy-subusers completion bash)                 # this shell only
  $ proxy-subusers completion bash >> ~/.bashrc
  $ proxy-subusers completion zsh > "\${fpath[1]}/_proxy-subusers"
  $ proxy-subusers completion fish > ~/.config/fish/completions/proxy-subusers.fish`,
    )
    .action((shell: string) => intoStdout((t) => ctx.io.stdout(t), (tree) => tree.setup('proxy-subusers', 'proxy-subusers', shell), fresh()))
  program
    .command('complete', { hidden: true })
    .description('the words that complete a command line (called by the completion scripts)')
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action((words: string[]) => intoStdout((t) => ctx.io.stdout(t), (tree) => tree.parse(words), fresh()))
}
