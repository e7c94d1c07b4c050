#!/usr/bin/env node
/**
 * After `npm run build` in a clone, links the built CLI into node_modules/.bin, as installing the
 * package does in an app: `npx proxy-subusers ...` then runs this build, so the README's CLI
 * walkthroughs work when pasted in a clone exactly as in a project that installed the package.
 *
 * @example
 * npm run build   # tsup, then this script
 * npx proxy-subusers --help
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { bin } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const binDir = join(root, 'node_modules', '.bin')
mkdirSync(binDir, { recursive: true })
for (const [name, target] of Object.entries(bin)) {
  const link = join(binDir, name)
  rmSync(link, { force: true })
  symlinkSync(relative(binDir, join(root, target)), link)
  chmodSync(join(root, target), 0o755)
}
