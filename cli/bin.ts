#!/usr/bin/env node
/**
 * The `proxy-subusers` executable: runs the CLI on the process's arguments,
 * streams and environment. `--version` alone is answered before anything
 * else is loaded. The first SIGINT or SIGTERM stops a serving `sandbox`
 * (exit 0) and interrupts any other command (exit 130; `apply` lets the
 * changes in flight finish); a second SIGINT exits at once (130). Output
 * into a closed pipe (`| head -1`) ends the process quietly, exit 0.
 */
import { createInterface } from 'node:readline/promises'
import { VERSION } from './version'

/** Exit code of a process stopped by SIGINT (128 + 2). */
const INTERRUPTED = 130

/** The reader went away (`| head -1`): nothing more can be shown, and that is no failure. */
const quietOnClosedPipe = (stream: NodeJS.WriteStream): void => {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
}

const main = async (): Promise<void> => {
  quietOnClosedPipe(process.stdout)
  quietOnClosedPipe(process.stderr)
  const argv = process.argv.slice(2)
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${VERSION}\n`)
    return
  }
  // A dynamic import: only a real command loads the commands, the vendors and their dependencies.
  const { runCli } = await import('./run.js')
  const controller = new AbortController()
  const stop = (): void => {
    if (controller.signal.aborted) process.exit(INTERRUPTED)
    controller.abort()
  }
  process.on('SIGINT', stop).on('SIGTERM', stop)
  const code = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    signal: controller.signal,
    terminal: { stdin: process.stdin.isTTY === true, stderr: process.stderr.isTTY === true, stdout: process.stdout.isTTY === true },
    ask: async (question) => {
      const prompt = createInterface({ input: process.stdin, output: process.stderr })
      try {
        return await prompt.question(question, { signal: controller.signal })
      } finally {
        prompt.close()
      }
    },
    progressStream: process.stderr,
  })
  process.off('SIGINT', stop).off('SIGTERM', stop)
  process.exitCode = code
  // An interrupted command may still have a request in flight: do not wait for it.
  if (controller.signal.aborted && code !== 0) process.exit()
}

void main()
