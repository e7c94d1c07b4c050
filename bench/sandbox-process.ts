/**
 * A sandbox in its own process, so its CPU and memory are not the client's.
 * Forked by `remote-sandbox.ts`: it reads its options from the first IPC
 * message, seeds the fakes in memory (no HTTP), serves both on 127.0.0.1 and
 * answers `stats` and `close` messages.
 */
import { startFakeServer } from '../src/sandbox/server'
import type { FakeRequest } from '../src/sandbox/types'
import { createThordataFake, isThordataThrottled, type ThordataFake } from '../providers/thordata/sandbox'
import { createWebshareFake, type WebshareFake } from '../providers/webshare/sandbox'
import type { ChildMessage, ParentMessage, SandboxProcessOptions } from './remote-sandbox'

const THORDATA_MOUNT = '/thordata'
const WEBSHARE_MOUNT = '/webshare'

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

const start = async (options: SandboxProcessOptions) => {
  const thordata = createThordataFake(options.thordata)
  const webshare = createWebshareFake(options.webshare)
  seedWebshare(webshare, options.seed?.webshare ?? 0)
  seedThordata(thordata, options.seed?.thordata ?? 0)
  const server = await startFakeServer(
    [
      { name: 'thordata', mount: THORDATA_MOUNT, fake: thordata, isThrottled: isThordataThrottled },
      { name: 'webshare', mount: WEBSHARE_MOUNT, fake: webshare },
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
  })
}

process.once('message', (m: ParentMessage) => {
  if (m.type === 'start') void start(m.options)
})
