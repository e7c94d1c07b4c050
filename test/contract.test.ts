/**
 * The one contract suite, run against every adapter twice: in-process, with
 * axios-mock-adapter answering from the vendor's sandbox fake (any request the
 * fake does not own throws), and over real HTTP against the sandbox.
 */
import { createOxylabsProvider } from '../providers/oxylabs'
import { createOxylabsFake } from '../providers/oxylabs/sandbox'
import { createIPRoyalProvider } from '../providers/iproyal'
import { createIPRoyalFake } from '../providers/iproyal/sandbox'
import { createThordataProvider } from '../providers/thordata'
import { createThordataFake } from '../providers/thordata/sandbox'
import { startSandbox } from '../providers/sandbox'
import { createWebshareProvider } from '../providers/webshare'
import { createWebshareFake } from '../providers/webshare/sandbox'
import type { SubUser } from '../src/domain'
import { runContractSuite } from '../src/testing'
import { axiosForFake } from './support/mock-fake'
import { narrowed, withoutTraffic } from './support/narrowed'

const webshareRefreshable = { vendor: { webshare: { proxyCountries: { US: 2 } } } }
// Oxylabs passwords: 12 to 64 characters with a lower-case and an upper-case letter, a digit and one of #_~+=.
let oxylabsPasswords = 0
const oxylabsPassword = () => `Pw_${String(oxylabsPasswords++).padStart(9, '0')}x`

/** The usage hooks: the fakes' controls, Thordata's in KiB on a day, Webshare's in bytes at an instant (the day's first hour), Oxylabs' in GB (2^30 bytes) on a day, IPRoyal's in bytes at an instant (below). */
type ThordataControl = ReturnType<typeof createThordataFake>['control']
type WebshareControl = ReturnType<typeof createWebshareFake>['control']
type OxylabsControl = ReturnType<typeof createOxylabsFake>['control']
const thordataUsage = (control: ThordataControl) => (u: SubUser, day: string, bytes: number) => {
  if (!control.addUsage(u.id, bytes / 1024, day)) throw new Error(`no Thordata user ${u.id}`)
}
const webshareUsage = (control: WebshareControl) => (u: SubUser, day: string, bytes: number) => {
  if (!control.addUsage(Number(u.id), bytes, Date.parse(`${day}T00:00:00Z`))) throw new Error(`no Webshare sub-user ${u.id}`)
}

// IPRoyal's fake books usage at an instant: the day's noon, UTC.
type IPRoyalControl = ReturnType<typeof createIPRoyalFake>['control']
const iproyalUsage = (control: IPRoyalControl) => (u: SubUser, day: string, bytes: number) => {
  if (control.addUsage(u.id, bytes, Date.parse(`${day}T12:00:00Z`)) !== bytes) throw new Error(`IPRoyal sub-user ${u.id} missing, or its allocation too small for ${bytes} bytes`)
}

const oxylabsUsage = (control: OxylabsControl) => (u: SubUser, day: string, bytes: number) => {
  if (!control.addUsage(Number(u.id), bytes / 2 ** 30, day)) throw new Error(`no Oxylabs sub-user ${u.id}`)
}

runContractSuite('thordata (axios-mock-adapter + fake)', async () => {
  const fake = createThordataFake()
  const baseURL = 'http://thordata.invalid/api'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createThordataProvider({ token: fake.token, key: fake.key, baseURL, axios: instance, rateLimit: false }), addUsage: thordataUsage(fake.control) }
})

runContractSuite('webshare (axios-mock-adapter + fake)', async () => {
  const fake = createWebshareFake()
  const baseURL = 'http://webshare.invalid'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createWebshareProvider({ apiKey: fake.apiKey, baseURL, axios: instance, rateLimit: false }), refreshable: webshareRefreshable, addUsage: webshareUsage(fake.control) }
})

runContractSuite('oxylabs (axios-mock-adapter + fake)', async () => {
  const fake = createOxylabsFake()
  const baseURL = 'http://oxylabs.invalid'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createOxylabsProvider({ username: fake.username, password: fake.password, baseURL: `${baseURL}/v2`, axios: instance, rateLimit: false }), password: oxylabsPassword, addUsage: oxylabsUsage(fake.control) }
})

// IPRoyal usernames: letters, digits and `_` (no other default needed); limits are allocations, never unlimited.
runContractSuite('iproyal (axios-mock-adapter + fake)', async () => {
  const fake = createIPRoyalFake()
  const baseURL = 'http://iproyal.invalid/v1'
  const { instance } = axiosForFake(fake, baseURL)
  return { provider: createIPRoyalProvider({ apiToken: fake.apiToken, baseURL, axios: instance, rateLimit: false }), addUsage: iproyalUsage(fake.control) }
})

runContractSuite('thordata (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createThordataProvider({ ...sandbox.thordata, rateLimit: false }), addUsage: thordataUsage(sandbox.thordata.control), cleanup: () => sandbox.close() }
})

runContractSuite('webshare (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createWebshareProvider({ ...sandbox.webshare, rateLimit: false }), refreshable: webshareRefreshable, addUsage: webshareUsage(sandbox.webshare.control), cleanup: () => sandbox.close() }
})

runContractSuite('oxylabs (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createOxylabsProvider({ ...sandbox.oxylabs, rateLimit: false }), password: oxylabsPassword, addUsage: oxylabsUsage(sandbox.oxylabs.control), cleanup: () => sandbox.close() }
})

runContractSuite('iproyal (sandbox over HTTP)', async () => {
  const sandbox = await startSandbox()
  return { provider: createIPRoyalProvider({ ...sandbox.iproyal, rateLimit: false }), addUsage: iproyalUsage(sandbox.iproyal.control), cleanup: () => sandbox.close() }
})

// A vendor that keeps no traffic limit and cannot rename, whose access has fewer protocols, no
// country, sessions of a fixed id length and the vendor's own duration, and whose usage reaches
// 30 days back a week a call: the suite tests only what it promises, and that it refuses the
// rest (Thordata's operations behind narrower capabilities).
runContractSuite('thordata without traffic limits or renames, with narrower access and usage (narrowed capabilities)', async () => {
  const sandbox = await startSandbox()
  const thordata = createThordataProvider({ ...sandbox.thordata, rateLimit: false })
  const caps = withoutTraffic(thordata.capabilities)
  return {
    provider: narrowed(thordata, {
      ...caps,
      update: caps.update.filter((f) => f !== 'username'),
      access: { protocols: ['http', 'https'], defaultProtocols: ['http'], country: false, session: { idLength: { min: 8, max: 8 }, minutes: null }, revealsPassword: true },
      usage: { historyDays: 30, windowDays: 7 },
    }),
    addUsage: thordataUsage(sandbox.thordata.control),
    cleanup: () => sandbox.close(),
  }
})

// A vendor with neither access nor usage: both are refused as unsupported.
runContractSuite('webshare without access or usage (narrowed capabilities)', async () => {
  const fake = createWebshareFake()
  const baseURL = 'http://webshare.invalid'
  const { instance } = axiosForFake(fake, baseURL)
  const webshare = createWebshareProvider({ apiKey: fake.apiKey, baseURL, axios: instance, rateLimit: false })
  return { provider: narrowed(webshare, { ...webshare.capabilities, access: null, usage: null }), refreshable: webshareRefreshable }
})
