/**
 * Shared set-up for the CLI tests: a real sandbox with distinctive fake
 * credentials, the environment that points the CLI at it, and runCli with
 * its output captured.
 */
import { startSandbox, type Sandbox, type SandboxOptions } from '../../providers/sandbox'
import { runCli } from '../../cli/run'

/** Obviously fake, distinctive credentials: any of them in the output is a leak. */
export const TOKEN = 'TOKEN-cli-fake-7f3a9b'
export const KEY = 'KEY-cli-fake-91bc2d'
export const API_KEY = 'APIKEY-cli-fake-55de0e'
export const PASSWORD = 'Pwcli8842x'
export const API_TOKEN = 'APITOKEN-cli-fake-3c8e1f'
export const SECRETS = [TOKEN, KEY, API_KEY, API_TOKEN, PASSWORD]

/** What one run of the CLI did. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs the CLI in-process and captures its output. */
export const cli = async (
  argv: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>>,
  signal?: AbortSignal,
): Promise<CliRun> => {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env,
    ...(signal === undefined ? {} : { signal }),
  })
  return { code, stdout, stderr }
}

/** A sandbox that accepts the distinctive credentials, and the environment pointing at it. */
export const startCliSandbox = async (options: SandboxOptions = {}): Promise<{ sandbox: Sandbox; env: Record<string, string> }> => {
  const sandbox = await startSandbox({
    ...options,
    thordata: { token: TOKEN, key: KEY, ...options.thordata },
    webshare: { apiKey: API_KEY, ...options.webshare },
    iproyal: { apiToken: API_TOKEN, ...options.iproyal },
  })
  const env = {
    THORDATA_TOKEN: TOKEN,
    THORDATA_KEY: KEY,
    THORDATA_BASE_URL: sandbox.thordata.baseURL,
    WEBSHARE_API_KEY: API_KEY,
    WEBSHARE_BASE_URL: sandbox.webshare.baseURL,
    IPROYAL_API_TOKEN: API_TOKEN,
    IPROYAL_BASE_URL: sandbox.iproyal.baseURL,
    CLI_TEST_PASSWORD: PASSWORD,
    // The sandbox does not throttle: no client-side pacing (1.2 s a call on Thordata by default).
    PROXY_SUBUSERS_RATE_LIMIT: 'off',
  }
  return { sandbox, env }
}

/** Requests the sandbox has received, every vendor together. */
export const requestsSent = (sandbox: Sandbox): number => {
  const stats = sandbox.stats()
  return stats.thordata.requests + stats.webshare.requests + stats.iproyal.requests
}

/** Asserts that no credential or password shows anywhere in a run's output. */
export const expectNoSecrets = (run: CliRun): void => {
  for (const secret of SECRETS) {
    expect(run.stdout).not.toContain(secret)
    expect(run.stderr).not.toContain(secret)
  }
}
