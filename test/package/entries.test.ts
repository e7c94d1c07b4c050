/**
 * One set of public entries: what tsup builds (scripts/public-entries.ts, a vendor folder with an
 * index.ts is one) is exactly what package.json `exports` publishes, each with both conditions.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { publicEntries } from '../../scripts/public-entries'

const root = resolve(__dirname, '../..')
const manifest = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> }

it('package.json exports every built entry, and nothing else but package.json', () => {
  const built = Object.keys(publicEntries(root)).map((name) => (name === 'index' ? '.' : `./${name}`))
  expect(Object.keys(manifest.exports).filter((k) => k !== './package.json').sort()).toEqual(built.sort())
})

it.each(Object.keys(publicEntries(root)))('%s is published for import and require, each with its own types', (name) => {
  const key = name === 'index' ? '.' : `./${name}`
  expect(manifest.exports[key]).toEqual({
    import: { types: `./dist/${name}.d.mts`, default: `./dist/${name}.mjs` },
    require: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  })
})
