// A native ES module app: every entry by its public name, fp-ts and io-ts by file as Node's ES
// module loader needs them, and the README's Quick start against a sandbox.
import * as core from 'proxy-subusers'
import * as thordata from 'proxy-subusers/thordata'
import * as webshare from 'proxy-subusers/webshare'
import * as oxylabs from 'proxy-subusers/oxylabs'
import * as iproyal from 'proxy-subusers/iproyal'
import * as sandbox from 'proxy-subusers/sandbox'
import * as testing from 'proxy-subusers/testing'
import * as manifest from 'proxy-subusers/manifest'
import * as redis from 'proxy-subusers/redis'
import * as E from 'fp-ts/lib/Either.js'
import * as TE from 'fp-ts/lib/TaskEither.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import { createRequire } from 'node:module'
import assert from 'node:assert/strict'

const { run } = createRequire(import.meta.url)('./scenario.cjs')
assert.equal(typeof testing.runContractSuite, 'function')
assert.equal(typeof oxylabs.createOxylabsProvider, 'function')
assert.equal(typeof manifest.parseManifest, 'function')
// Loads without ioredis installed: it drives the client an app gives it.
assert.equal(typeof redis.redisCoordination, 'function')
assert.equal(typeof iproyal.createIPRoyalProvider, 'function')
await run({ core, thordata, webshare, sandbox, fp: { E, TE, pipe, t } })
console.log('esm: every entry imported; quick start ran against the sandbox')
