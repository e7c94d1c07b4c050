#!/usr/bin/env node
/**
 * Consumer projects, in the manner of stripe-node's: the packed tarball (`npm pack` of the built
 * package) is installed into throwaway projects outside the repository, which load it the way
 * apps do and run the README's Quick start against a sandbox each starts itself:
 *
 * - `esm`: a native ES module app (`.mjs`), every entry imported;
 * - `cjs`: a CommonJS app (`.cjs`), every entry required; run again with
 *   `--disallow-code-generation-from-strings`, where the decode step cannot write its guards as code;
 * - `ts-nodenext`: strict TypeScript, `module: NodeNext`, compiled with tsc and run;
 * - `ts-bundler`: strict TypeScript, `moduleResolution: Bundler`, bundled with esbuild and run;
 * - `readme-types`: every `ts` block of the README type-checked (strict, NodeNext);
 * - `readme-cli`: the README's CLI walkthroughs run as written, from the clone (this folder).
 *
 * Installs are offline (`npm ci --offline`, with a lock made from the repository's own), so they
 * need nothing but the npm cache that `npm ci` filled. Run after `npm run build`:
 *
 * @example
 * npm run build && node test/consumers/run.mjs            # every project
 * node test/consumers/run.mjs esm readme-cli              # only those
 */
import { spawn, spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { offlineLock } from './offline-lock.mjs'
import { codeBlocks } from './readme-blocks.mjs'

const HERE = dirname(fileURLToPath(import.meta.url))
const ROOT = join(HERE, '..', '..')
const STEP_TIMEOUT_MS = 5 * 60_000
const rootLock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'))
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
const version = (name) => rootLock.packages[`node_modules/${name}`].version

/** Runs a command to its end (bounded), with its output kept for the report. */
const sh = (command, args, cwd, env = process.env) => {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 })
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status ?? r.signal} in ${cwd}\n${output}`)
  return output
}

/** The built package, packed as `npm publish` would. */
const pack = (into) => {
  if (!existsSync(join(ROOT, 'dist', 'index.mjs'))) throw new Error('dist/ is missing: run `npm run build` first')
  const [{ filename }] = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], ROOT).replace(/^[^[]*/, ''))
  return join(into, filename)
}

const DEPS = { 'fp-ts': version('fp-ts'), 'io-ts': version('io-ts') }
const TS_DEV_DEPS = { typescript: version('typescript'), '@types/node': version('@types/node'), esbuild: version('esbuild') }

/** Copies a project next to the tarball, pins its dependencies and installs them offline. */
const install = (work, name, tarball, files, devDependencies = {}) => {
  const dir = join(work, name)
  mkdirSync(dir, { recursive: true })
  for (const from of files) cpSync(from, join(dir, from.split('/').pop()), { recursive: true })
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  manifest.dependencies = { ...DEPS, 'proxy-subusers': `file:${tarball}` }
  manifest.devDependencies = devDependencies
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2))
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(offlineLock(rootLock, manifest, tarball), null, 2))
  sh('npm', ['ci', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir)
  return dir
}

/** README `ts` blocks as modules: each exports a function that runs its code. */
const writeReadmeModules = (dir, blocks) => {
  mkdirSync(join(dir, 'src', 'readme'), { recursive: true })
  const names = blocks.map((block, i) => {
    const name = `block-${String(i + 1).padStart(2, '0')}-line-${block.line}`
    writeFileSync(join(dir, 'src', 'readme', `${name}.ts`), `// README.md line ${block.line} (${block.section})\n${block.code}\nexport {}\n`)
    return name
  })
  return names
}

const tsBlocks = codeBlocks(readme).filter((b) => b.lang === 'ts')
const quickStart = tsBlocks.filter((b) => b.section.includes('Quick start'))

/** A TypeScript consumer: shared/main.ts plus the README's Quick start blocks, loaded one by one. */
const tsProject = (work, name, tarball) => {
  const files = readdirSync(join(HERE, name)).map((f) => join(HERE, name, f))
  const dir = install(work, name, tarball, files, TS_DEV_DEPS)
  mkdirSync(join(dir, 'src'), { recursive: true })
  cpSync(join(HERE, 'shared', 'main.ts'), join(dir, 'src', 'main.ts'))
  const names = writeReadmeModules(dir, quickStart)
  writeFileSync(
    join(dir, 'src', 'readme', 'index.ts'),
    `export const quickStartBlocks: ReadonlyArray<readonly [string, () => Promise<unknown>]> = [\n${names
      .map((n) => `  ['${n}', () => import('./${n}.js')],`)
      .join('\n')}\n]\n`,
  )
  return sh('npm', ['test', '--silent'], dir)
}

/** The README's CLI walkthroughs (the sh blocks with a "# terminal 1" and a "# terminal 2"). */
const readmeCli = async (work) => {
  // The clone as its user sees it, in a folder of its own so that files the walkthrough writes
  // (reports, manifests, env files) land there and not in the repository.
  const clone = join(work, 'clone')
  mkdirSync(clone)
  for (const entry of ['package.json', 'node_modules', 'dist', 'examples']) symlinkSync(join(ROOT, entry), join(clone, entry))
  const walkthroughs = codeBlocks(readme).filter((b) => b.lang === 'sh' && b.code.includes('# terminal 1') && b.code.includes('# terminal 2'))
  if (walkthroughs.length === 0) throw new Error('the README has no CLI walkthrough')
  const log = []
  for (const block of walkthroughs) {
    const [first, second] = block.code.split(/^# terminal 2.*$/m)
    // Terminal 1 is ready when the env file it names is written (or, without one, when it has
    // printed the variables).
    const envFile = /--write-env (\S+)/.exec(first)?.[1]
    if (envFile !== undefined) rmSync(join(clone, envFile), { force: true })
    const server = spawn('bash', ['-c', first], { cwd: clone, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise((resolve) => server.on('exit', resolve))
    let served = ''
    server.stdout.on('data', (d) => (served += d))
    server.stderr.on('data', (d) => (served += d))
    try {
      const deadline = Date.now() + 60_000
      const ready = () => (envFile === undefined ? /BASE_URL/.test(served) : existsSync(join(clone, envFile)) && /BASE_URL/.test(readFileSync(join(clone, envFile), 'utf8')))
      while (!ready()) {
        if (Date.now() > deadline || server.exitCode !== null) throw new Error(`terminal 1 of the walkthrough at README line ${block.line} did not start a sandbox:\n${served}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      // Each line as a reader types it; a command that fails is reported with its line.
      const script = `trap 'echo "walkthrough failed: $BASH_COMMAND" >&2' ERR\n${second}`
      const r = spawnSync('bash', ['-c', script], { cwd: clone, encoding: 'utf8', timeout: STEP_TIMEOUT_MS, env: process.env })
      const output = `${r.stdout}${r.stderr}`
      log.push(`README line ${block.line}:\n${output}`)
      if (r.status !== 0 || /walkthrough failed:/.test(output)) throw new Error(`the walkthrough at README line ${block.line} failed:\n${output}`)
      for (const [, code] of output.matchAll(/^exit (\d+)$/gm)) if (code !== '0') throw new Error(`the walkthrough at README line ${block.line} printed exit ${code}:\n${output}`)
    } finally {
      process.kill(-server.pid, 'SIGTERM')
      await exited
    }
  }
  return log.join('\n')
}

const PROJECTS = {
  esm: (work, tarball) => sh('npm', ['test', '--silent'], install(work, 'esm', tarball, [join(HERE, 'esm', 'package.json'), join(HERE, 'esm', 'index.mjs'), join(HERE, 'shared', 'scenario.cjs')])),
  cjs: (work, tarball) => sh('npm', ['test', '--silent'], install(work, 'cjs', tarball, [join(HERE, 'cjs', 'package.json'), join(HERE, 'cjs', 'index.cjs'), join(HERE, 'shared', 'scenario.cjs')])),
  'ts-nodenext': (work, tarball) => tsProject(work, 'ts-nodenext', tarball),
  'ts-bundler': (work, tarball) => tsProject(work, 'ts-bundler', tarball),
  'readme-types': (work, tarball) => {
    // ioredis: README blocks on running many workers import it, as an app using proxy-subusers/redis does.
    const dir = install(work, 'readme-types', tarball, [join(HERE, 'ts-nodenext', 'package.json'), join(HERE, 'ts-nodenext', 'tsconfig.json')], { ...TS_DEV_DEPS, ioredis: version('ioredis') })
    writeReadmeModules(dir, tsBlocks)
    return sh(join(dir, 'node_modules', '.bin', 'tsc'), ['-p', '.', '--noEmit'], dir)
  },
  'readme-cli': (work) => readmeCli(work),
}

const chosen = process.argv.slice(2)
for (const name of chosen) if (!PROJECTS[name]) throw new Error(`no consumer project named ${name} (${Object.keys(PROJECTS).join(', ')})`)
const work = mkdtempSync(join(tmpdir(), 'proxy-subusers-consumers-'))
let passed = 0
let failed = 0
try {
  const tarball = pack(work)
  for (const [name, run] of Object.entries(PROJECTS)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue
    const started = Date.now()
    try {
      const output = await run(work, tarball)
      passed++
      console.log(`ok   ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
      if (process.env.CONSUMERS_VERBOSE) console.log(output)
    } catch (e) {
      failed++
      console.log(`FAIL ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)\n${e instanceof Error ? e.message : String(e)}`)
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`consumers: ${passed} passed, ${failed} failed`)
process.exitCode = failed === 0 && passed > 0 ? 0 : 1
