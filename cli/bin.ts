#!/usr/bin/env node
/**
 * The `proxy-subusers` executable: runs the CLI on the process's arguments,
 * streams and environment. SIGINT or SIGTERM stops a serving `sandbox` (exit 0)
 * and interrupts any other command (exit 130).
 */
import { createInterface } from 'node:readline/promises'
import { runCli } from './run'

const main = async (): Promise<void> => {
  const controller = new AbortController()
  const stop = (): void => controller.abort()
  process.once('SIGINT', stop).once('SIGTERM', stop)
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    signal: controller.signal,
    terminal: { stdin: process.stdin.isTTY === true, stderr: process.stderr.isTTY === true },
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
