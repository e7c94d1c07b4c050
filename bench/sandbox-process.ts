/**
 * A sandbox in its own process, so its CPU and memory are not the client's.
 * Forked by `remote-sandbox.ts`: it reads its options from the first IPC
 * message, seeds the fakes in memory (no HTTP), serves all four on 127.0.0.1 and
 * answers `stats` and `close` messages.
 */
import { startFakeServer } from '../src/sandbox/server'
import type { FakeRequest } from '../src/sandbox/types'
import { createIPRoyalFake, type IPRoyalFake } from '../providers/iproyal/sandbox'
import { createOxylabsFake, type OxylabsFake } from '../providers/oxylabs/sandbox'
import { createThordataFake, isThordataThrottled, type ThordataFake } from '../providers/thordata/sandbox'
import { createWebshareFake, type WebshareFake } from '../providers/webshare/sandbox'
import type { ChildMessage, ParentMessage, SandboxProcessOptions } from './remote-sandbox'

const THORDATA_MOUNT = '/thordata'
const WEBSHARE_MOUNT = '/webshare'
const OXYLABS_MOUNT = '/oxylabs'
const IPROYAL_MOUNT = '/iproyal/v1'

const post = (path: string, headers: Record<string, string>, body: string): FakeRequest => ({
  method: 'POST',
  path,
  query: new URLSearchParams(),
  headers,
  body,
  origin: 'http://127.0.0.1',
})

/** Creates `count` sub-users through the fake's own handler, as HTTP creates would. */
const seedWebshare = (fake: WebshareFake, count: number) => {
  const headers = { authorization: `Token ${fake.apiKey}`, 'content-type': 'application/json' }
  for (let i = 0; i < count; i++) fake.handle(post('/api/v2/subuser/', headers, JSON.stringify({ label: `bench-${i}`, proxy_limit: 1 })))
}

const seedThordata = (fake: ThordataFake, count: number) => {
  const headers = { token: fake.token, key: fake.key, 'content-type': 'application/x-www-form-urlencoded' }
  for (let i = 0; i < count; i++) {
    const form = new URLSearchParams({ proxy_type: '1', username: `seed${String(i).padStart(7, '0')}`, password: 'Benchpw1', traffic_limit: '100', status: 'true' })
    fake.handle(post('/proxy-users/create-user', headers, form.toString()))
  }
}

/** Logs in as the main proxy user, then creates `count` sub-users with the token, as the provider would. */
const seedOxylabs = (fake: OxylabsFake, count: number) => {
  if (count === 0) return
  const basic = `Basic ${Buffer.from(`${fake.username}:${fake.password}`, 'utf8').toString('base64')}`
  const login = fake.handle(post('/v2/login', { authorization: basic }, ''))
  const { token } = login.body as { token: string }
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  for (let i = 0; i < count; i++) {
    fake.handle(post(`/v2/users/${encodeURIComponent(fake.userId)}/sub-users`, headers, JSON.stringify({ username: `seed_${String(i).padStart(7, '0')}`, password: 'Bench_Password#1', traffic_limit: 1 })))
  }
}

const seedIPRoyal = (fake: IPRoyalFake, count: number) => {
  const headers = { authorization: `Bearer ${fake.apiToken}`, 'content-type': 'application/json' }
  for (let i = 0; i < count; i++) {
    fake.handle(post('/residential-subusers', headers, JSON.stringify({ username: `seed_${String(i).padStart(7, '0')}`, password: 'Benchpw1', traffic: 1 })))
  }
}

const start = async (options: SandboxProcessOptions) => {
  const thordata = createThordataFake(options.thordata)
  const webshare = createWebshareFake(options.webshare)
  const oxylabs = createOxylabsFake(options.oxylabs)
  const iproyal = createIPRoyalFake(options.iproyal)
  seedWebshare(webshare, options.seed?.webshare ?? 0)
  seedThordata(thordata, options.seed?.thordata ?? 0)
  seedOxylabs(oxylabs, options.seed?.oxylabs ?? 0)
  seedIPRoyal(iproyal, options.seed?.iproyal ?? 0)
  const server = await startFakeServer(
    [
      { name: 'thordata', mount: THORDATA_MOUNT, fake: thordata, isThrottled: isThordataThrottled },
      { name: 'webshare', mount: WEBSHARE_MOUNT, fake: webshare },
      { name: 'oxylabs', mount: OXYLABS_MOUNT, fake: oxylabs },
      { name: 'iproyal', mount: IPROYAL_MOUNT, fake: iproyal },
    ],
    { faults: options.faults ?? {} },
  )
  const reply = (m: ChildMessage) => process.send?.(m)
  process.on('message', (m: ParentMessage) => {
    if (m.type === 'stats') reply({ type: 'stats', stats: server.stats() })
    if (m.type === 'close') void server.close().then(() => process.exit(0))
  })
  reply({
    type: 'ready',
    thordata: { baseURL: `${server.url}${THORDATA_MOUNT}`, token: thordata.token, key: thordata.key },
    webshare: { baseURL: `${server.url}${WEBSHARE_MOUNT}`, apiKey: webshare.apiKey },
    oxylabs: { baseURL: `${server.url}${OXYLABS_MOUNT}/v2`, username: oxylabs.username, password: oxylabs.password },
    iproyal: { baseURL: `${server.url}${IPROYAL_MOUNT}`, apiToken: iproyal.apiToken },
  })
}

process.once('message', (m: ParentMessage) => {
  if (m.type === 'start') void start(m.options)
})
