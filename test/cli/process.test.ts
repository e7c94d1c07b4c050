/**
 * The executable's habits that only a real process shows, spawned through
 * tsx: a `--version` that loads nothing else, quiet output into a closed
 * pipe, Ctrl-C twice during a paced apply, and shell completion (the script
 * sourced into a real bash, asking the CLI for the words).
 */
import { spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Sandbox } from '../../providers/sandbox'
import { version } from '../../package.json'
import { startCliSandbox } from './support'

const ROOT = join(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')
const BIN = join(ROOT, 'cli', 'bin.ts')
const dir = mkdtempSync(join(tmpdir(), 'proxy-subusers-process-'))

jest.setTimeout(60_000)

/** The environment of a spawned CLI: no vendor credentials of the host. */
const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env = { ...process.env, ...extra }
  for (const name of ['THORDATA_TOKEN', 'THORDATA_KEY', 'THORDATA_BASE_URL', 'WEBSHARE_API_KEY', 'WEBSHARE_BASE_URL', 'WEBSHARE_PLAN_ID', 'NODE_OPTIONS']) {
    if (!(name in extra)) delete env[name]
  }
  return env
}

/** Resolves once `predicate` holds (checked every 20 ms), or throws after `ms`. */
const until = async (predicate: () => boolean, ms = 20_000): Promise<void> => {
  const started = Date.now()
  while (!predicate()) {
    if (Date.now() - started > ms) throw new Error('timed out')
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('--version', () => {
  it('prints the version and loads no command, vendor or HTTP code', () => {
    // A preload that reports, at exit, every module loaded from the project or axios.
    const trace = join(dir, 'trace.cjs')
    writeFileSync(
      trace,
      `process.on('exit', () => { const loaded = Object.keys(require.cache).filter((k) => /[\\\\/](providers|src|node_modules[\\\\/]axios)[\\\\/]|cli[\\\\/](run|program|commands)/.test(k)); process.stderr.write(JSON.stringify(loaded) + '\\n') })\n`,
    )
    // tsx runs the CLI in a child node process: each process prints its own line.
    const loadedIn = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('[')).flatMap((l) => JSON.parse(l) as string[])
    const r = spawnSync(TSX, [BIN, '--version'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ NODE_OPTIONS: `--require ${trace}` }) })
    expect(r.status).toBe(0)
    expect(r.stdout).toBe(`${version}\n`)
    expect(r.stderr).toMatch(/^(\[\]\n)+$/)
    expect(loadedIn(r.stderr)).toEqual([])

    // The same trace does see them for a real command: the check can fail.
    const list = spawnSync(TSX, [BIN, 'list', '-p', 'webshare'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ NODE_OPTIONS: `--require ${trace}` }) })
    expect(list.status).toBe(2)
    expect(loadedIn(list.stderr)).toEqual(expect.arrayContaining([expect.stringMatching(/providers/)]))
  })
})

describe('a closed pipe', () => {
  it('ends the process quietly with exit 0, no EPIPE stack trace', async () => {
    const child = spawn(TSX, [BIN, '--help'], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] })
    // The reader goes away before the CLI writes anything, as `| head -1` does after its line.
    child.stdout.destroy()
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  })

  it('`| head -1` in a shell: the first line, exit 0, nothing on stderr', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${TSX}" "${BIN}" --help | head -1`], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() })
    expect(r.stdout).toBe('Usage: proxy-subusers [options] [command]\n')
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})

describe('Ctrl-C during a paced apply', () => {
  let sandbox: Sandbox
  let env: Record<string, string>
  beforeEach(async () => {
    ;({ sandbox, env } = await startCliSandbox())
  })
  afterEach(async () => sandbox.close())

  it('is acknowledged at once on stderr, and a second Ctrl-C exits 130 without waiting', async () => {
    const manifest = join(dir, 'paced.yaml')
    writeFileSync(manifest, `webshare:\n${Array.from({ length: 20 }, (_, i) => `  - username: team-${i}\n`).join('')}`)
    // 20 requests a minute: one change every 3 s, so the run is long and the interrupt lands mid-way.
    const child = spawn(TSX, [BIN, 'apply', manifest, '-y', '--concurrency', '1'], { cwd: ROOT, env: cleanEnv({ ...env, PROXY_SUBUSERS_RATE_LIMIT: '20' }) })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)))

    await until(() => stdout.includes('[1/20]'))
    child.kill('SIGINT')
    await until(() => stderr.includes('stopping after'), 5_000)
    expect(stderr).toBe('proxy-subusers: stopping after 1 change in flight... (press Ctrl-C again to quit at once)\n')

    child.kill('SIGINT')
    expect(await exited).toBe(130)
    expect(sandbox.webshare.control.subusers().length).toBeLessThan(20)
  })
})

describe('shell completion', () => {
  /** `proxy-subusers` on the PATH, as an installed CLI would be. */
  const binDir = join(dir, 'bin')
  beforeAll(() => {
    spawnSync('mkdir', ['-p', binDir])
    writeFileSync(join(binDir, 'proxy-subusers'), `#!/bin/sh\nexec "${TSX}" "${BIN}" "$@"\n`)
    chmodSync(join(binDir, 'proxy-subusers'), 0o755)
  })
  const run = (args: string[]) => spawnSync(TSX, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', env: cleanEnv() })

  it.each(['bash', 'zsh', 'fish'])('prints a %s script that asks the CLI for its words', (shell) => {
    const r = run(['completion', shell])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('proxy-subusers complete --')
    if (shell === 'bash') expect(spawnSync('bash', ['-n'], { input: r.stdout }).status).toBe(0)
  })

  it('refuses a shell it has no script for', () => {
    const r = run(['completion', 'tcsh'])
    expect(r.status).toBe(2)
    expect(r.stderr).toBe("proxy-subusers: command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish, powershell.\n")
  })

  it('completes commands, options (global ones after a command too) and their choices', () => {
    const words = (line: string[]) => run(['complete', '--', ...line]).stdout.split('\n').map((l) => l.split('\t')[0])
    expect(words(['ex'])).toEqual(['export', ':4', ''])
    expect(words(['list', '--pro'])).toEqual(['--provider', '--proxy-type', ':4', ''])
    expect(words(['list', '--provider', ''])).toEqual(['thordata', 'webshare', 'oxylabs', ':4', ''])
    expect(words(['plan', '-o', ''])).toEqual(['table', 'json', 'yaml', ':4', ''])
  })

  it('works in a real bash: the sourced script offers the words for TAB', () => {
    // bash-completion's helpers, reduced to what the script uses (the package is not installed here).
    const script = `
_get_comp_words_by_ref() { cur=\${COMP_WORDS[COMP_CWORD]}; prev=\${COMP_WORDS[COMP_CWORD-1]}; words=("\${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
compopt() { :; }
source <(proxy-subusers completion bash)
COMP_WORDS=(proxy-subusers mig); COMP_CWORD=1; __proxy_subusers_complete; echo "\${COMPREPLY[*]}"
COMP_WORDS=(proxy-subusers list -p ""); COMP_CWORD=3; __proxy_subusers_complete; echo "\${COMPREPLY[*]}"
`
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ PATH: `${binDir}:${process.env['PATH'] ?? ''}` }) })
    expect(r.stdout).toBe('migrate\nthordata webshare oxylabs\n')
  })
})
