/**
 * The package's public entries, by name under `proxy-subusers/`, and the source each is built
 * from: the core's own, and one per vendor folder (`providers/<id>/index.ts`), so a new vendor's
 * folder is an entry without a line anywhere else. tsup builds these; package.json `exports`
 * names the same set (test/package/entries.test.ts checks it); tsconfig.json, jest.config.js and
 * typedoc.json find them by the same pattern.
 * @example
 * publicEntries().webshare // 'providers/webshare/index.ts'
 */
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

export const publicEntries = (root = process.cwd()): Record<string, string> => {
  const vendors = readdirSync(join(root, 'providers'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, 'providers', d.name, 'index.ts')))
    .map((d) => [d.name, `providers/${d.name}/index.ts`] as const)
  return {
    index: 'src/index.ts',
    ...Object.fromEntries(vendors),
    sandbox: 'providers/sandbox.ts',
    testing: 'src/testing/index.ts',
    manifest: 'providers/manifest.ts',
    adapter: 'src/adapter.ts',
  }
}
