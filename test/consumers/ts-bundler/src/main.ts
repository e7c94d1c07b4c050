// A strict TypeScript app type-checked with moduleResolution bundler and bundled by esbuild: every entry by its
// public name with the types of its `import` condition, then the README's Quick start blocks
// (copied here by the runner as src/readme/quick-start-N.ts), run against a sandbox.
import assert from 'node:assert/strict'
import * as core from 'proxy-subusers'
import * as thordata from 'proxy-subusers/thordata'
import * as webshare from 'proxy-subusers/webshare'
import { startSandbox } from 'proxy-subusers/sandbox'
import { runContractSuite } from 'proxy-subusers/testing'
import { parseManifest } from 'proxy-subusers/manifest'
import { quickStartBlocks } from './readme/index.js'

const error: core.SubUserError | undefined = undefined
assert.equal(error, undefined)
assert.equal(typeof runContractSuite, 'function')
assert.equal(typeof parseManifest, 'function')
assert.equal(typeof thordata.createThordataProvider, 'function')
assert.equal(typeof webshare.createWebshareProvider, 'function')

const sandbox = await startSandbox()
try {
  Object.assign(process.env, {
    THORDATA_TOKEN: sandbox.thordata.token,
    THORDATA_KEY: sandbox.thordata.key,
    THORDATA_BASE_URL: sandbox.thordata.baseURL,
    WEBSHARE_API_KEY: sandbox.webshare.apiKey,
    WEBSHARE_BASE_URL: sandbox.webshare.baseURL,
  })
  for (const [name, load] of quickStartBlocks) {
    await load()
    console.log(`ran ${name}`)
  }
  assert.ok(quickStartBlocks.length >= 2, 'the README has Quick start blocks')
} finally {
  await sandbox.close()
}
console.log('ts-bundler: every entry imported; the README Quick start ran against the sandbox')
