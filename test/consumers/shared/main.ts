// A strict TypeScript app (compiled with module NodeNext and run, or type-checked with
// moduleResolution Bundler and bundled by esbuild: the same file in both projects): every entry by its
// public name with the types of its `import` condition, then the README's Quick start blocks
// (copied next to it by the runner, in src/readme/), run against a sandbox.
import assert from 'node:assert/strict'
import * as core from 'proxy-subusers'
import * as thordata from 'proxy-subusers/thordata'
import * as webshare from 'proxy-subusers/webshare'
import * as oxylabs from 'proxy-subusers/oxylabs'
import * as iproyal from 'proxy-subusers/iproyal'
import { startSandbox } from 'proxy-subusers/sandbox'
import { runContractSuite } from 'proxy-subusers/testing'
import { parseManifest } from 'proxy-subusers/manifest'
import { redisCoordination, type RedisClient } from 'proxy-subusers/redis'
import { quickStartBlocks } from './readme/index.js'

const error: core.SubUserError | undefined = undefined
assert.equal(error, undefined)
assert.equal(typeof runContractSuite, 'function')
assert.equal(typeof parseManifest, 'function')
// The redis entry's types need no ioredis: any client that runs scripts will do.
const client: RedisClient = { evalsha: async () => null, eval: async () => null }
assert.equal(redisCoordination(client).name, 'Redis')
assert.equal(typeof thordata.createThordataProvider, 'function')
assert.equal(typeof webshare.createWebshareProvider, 'function')
assert.equal(typeof oxylabs.createOxylabsProvider, 'function')
assert.equal(typeof iproyal.createIPRoyalProvider, 'function')

const sandbox = await startSandbox()
try {
  Object.assign(process.env, {
    THORDATA_TOKEN: sandbox.thordata.token,
    THORDATA_KEY: sandbox.thordata.key,
    THORDATA_BASE_URL: sandbox.thordata.baseURL,
    WEBSHARE_API_KEY: sandbox.webshare.apiKey,
    WEBSHARE_BASE_URL: sandbox.webshare.baseURL,
    OXYLABS_USERNAME: sandbox.oxylabs.username,
    OXYLABS_PASSWORD: sandbox.oxylabs.password,
    OXYLABS_BASE_URL: sandbox.oxylabs.baseURL,
    IPROYAL_API_TOKEN: sandbox.iproyal.apiToken,
    IPROYAL_BASE_URL: sandbox.iproyal.baseURL,
  })
  for (const [name, load] of quickStartBlocks) {
    await load()
    console.log(`ran ${name}`)
  }
  assert.ok(quickStartBlocks.length >= 2, 'the README has Quick start blocks')
} finally {
  await sandbox.close()
}
console.log('every entry imported; the README Quick start ran against the sandbox')
