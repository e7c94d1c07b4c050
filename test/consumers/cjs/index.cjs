// A CommonJS app: every entry by its public name, and the README's Quick start against a sandbox.
// Run twice: as is, and where code may not be made from text (node --disallow-code-generation-from-strings),
// where the decode step checks listings with io-ts's own `is` instead of the guards it writes as code.
const assert = require('node:assert/strict')
const core = require('proxy-subusers')
const thordata = require('proxy-subusers/thordata')
const webshare = require('proxy-subusers/webshare')
const oxylabs = require('proxy-subusers/oxylabs')
const iproyal = require('proxy-subusers/iproyal')
const sandbox = require('proxy-subusers/sandbox')
const testing = require('proxy-subusers/testing')
const manifest = require('proxy-subusers/manifest')
const redis = require('proxy-subusers/redis')
const E = require('fp-ts/Either')
const TE = require('fp-ts/TaskEither')
const { pipe } = require('fp-ts/function')
const t = require('io-ts')
const { run } = require('./scenario.cjs')

const noCodeFromText = process.execArgv.includes('--disallow-code-generation-from-strings')
if (noCodeFromText) assert.throws(() => new Function('return 1'), EvalError)

assert.equal(typeof testing.runContractSuite, 'function')
assert.equal(typeof oxylabs.createOxylabsProvider, 'function')
assert.equal(typeof iproyal.createIPRoyalProvider, 'function')
assert.equal(typeof manifest.parseManifest, 'function')
// Loads without ioredis installed: it drives the client an app gives it.
assert.equal(typeof redis.redisCoordination, 'function')
const fpCopies = new Set(Object.keys(require.cache).filter((f) => f.includes('/fp-ts/')).map((f) => f.slice(0, f.indexOf('/fp-ts/'))))
assert.equal(fpCopies.size, 1, 'one copy of fp-ts loaded')
run({ core, thordata, webshare, sandbox, fp: { E, TE, pipe, t } })
  .then(() => console.log(`cjs: every entry required; quick start ran against the sandbox${noCodeFromText ? ', with no code made from text' : ''}`))
  .catch((e) => { console.error(e); process.exit(1) })
