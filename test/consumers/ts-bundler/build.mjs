// The app bundled for Node as ES module, as apps built with esbuild ship. CommonJS dependencies
// inside the bundle (axios's form-data) call `require`, which an ES module has only when the
// bundle creates it: the usual banner.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node18',
  outfile: 'out/main.mjs',
  logLevel: 'warning',
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
})
