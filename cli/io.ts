/**
 * Everything the CLI touches outside itself, passed in so that it can run
 * in-process (tests, other tools) as well as from the executable.
 */

/**
 * The CLI's outside world. Output goes only through `stdout`/`stderr`;
 * configuration comes only from `env`.
 * @example
 * const io: CliIO = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), env: process.env }
 */
export interface CliIO {
  /** Receives results: tables, JSON, the sandbox's variables. */
  stdout(text: string): void
  /** Receives the reason of a failure (a JSON object under `-o json|yaml`), warnings and notices such as Ctrl-C's. */
  stderr(text: string): void
  /** Credentials, base URLs and `--password-env` variables are read from here. */
  readonly env: Readonly<Record<string, string | undefined>>
  /**
   * Aborting it stops a serving `sandbox` command (exit 0) and interrupts any
   * other command (exit 130). Without it, `sandbox` serves until the process ends.
   */
  readonly signal?: AbortSignal
  /**
   * Which streams are terminals: prompts and progress bars only go to a
   * terminal, colour only to one (default: none is).
   */
  readonly terminal?: { readonly stdin: boolean; readonly stderr: boolean; readonly stdout?: boolean }
  /** Asks a question on the terminal and resolves with the answer (used only when `terminal.stdin`). */
  ask?(question: string): Promise<string>
  /** Where a progress bar is drawn (used only when `terminal.stderr`). */
  readonly progressStream?: NodeJS.WritableStream
}
