/**
 * Webshare as a vendor module: what the CLI, the sandbox and manifests know of it.
 */
import * as t from 'io-ts'
import { countryCountsFlag, defineVendor, wholeNumberFlag } from '../../src/adapter'
import { webshareCapabilities } from './capabilities'
import type { WebshareCreateOptions } from './domain'
import { WEBSHARE_DEFAULT_BASE_URL, createWebshareProvider, type WebshareOptions } from './provider'
import { createWebshareFake, type WebshareFakeControl, type WebshareFakeOptions } from './sandbox'

/** An ISO date-time written in a manifest, read as a `Date`, written back as ISO. */
const ManifestDate = new t.Type<Date, string, unknown>(
  'an ISO date such as 2026-01-01T00:00:00Z',
  (u): u is Date => u instanceof Date,
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c)
    const d = new Date(u)
    return Number.isNaN(d.getTime()) ? t.failure(u, c) : t.success(d)
  },
  (d) => d.toISOString(),
)

/**
 * Webshare's settings as a manifest writes them (`vendor.webshare`).
 * @example
 * WebshareManifestSettings.decode({ maxThreadCount: 50, proxyCountries: { US: 10 } })
 */
export const WebshareManifestSettings: t.Type<WebshareCreateOptions, object, unknown> = t.exact(
  t.partial(
    {
      maxThreadCount: t.number,
      proxyCountries: t.union([t.record(t.string, t.number), t.null]),
      bandwidthUseStartDate: ManifestDate,
    },
    'a mapping of Webshare settings',
  ),
)

/** What `sandbox.webshare` holds: the provider options that reach the fake, and its controls. */
export interface WebshareSandboxFields {
  readonly baseURL: string
  readonly apiKey: string
  readonly control: WebshareFakeControl
}

/**
 * Webshare's vendor module.
 * @example
 * webshareVendor.environment.map((v) => v.name) // ['WEBSHARE_API_KEY', 'WEBSHARE_BASE_URL', 'WEBSHARE_PLAN_ID']
 */
export const webshareVendor = defineVendor<'webshare', WebshareOptions, WebshareFakeOptions, WebshareSandboxFields, WebshareCreateOptions>({
  id: 'webshare',
  title: 'Webshare',
  capabilities: webshareCapabilities,
  environment: [
    { name: 'WEBSHARE_API_KEY', option: 'apiKey', required: true, secret: true, description: 'the API key' },
    { name: 'WEBSHARE_BASE_URL', option: 'baseURL', description: `the API origin (default ${WEBSHARE_DEFAULT_BASE_URL})` },
    { name: 'WEBSHARE_PLAN_ID', option: 'planId', description: 'the plan to manage, for accounts with several' },
  ],
  flags: {
    provider: [{ flags: '--connection <mode>', description: 'how access reaches the proxies: direct (default) or backbone (residential plans)', key: 'connection', choices: ['direct', 'backbone'] }],
    settings: [
      { flags: '--max-threads <n>', description: 'concurrency cap', key: 'maxThreadCount', parse: wholeNumberFlag },
      { flags: '--countries <list>', description: 'custom proxy list, e.g. US=10,ZZ=5, or none', key: 'proxyCountries', parse: countryCountsFlag },
    ],
  },
  settings: { keys: ['maxThreadCount', 'proxyCountries', 'bandwidthUseStartDate'], codec: WebshareManifestSettings },
  provider: createWebshareProvider,
  sandbox: (options) => {
    const fake = createWebshareFake(options)
    return {
      mount: { mount: '/webshare', fake },
      fields: (baseURL) => ({ baseURL, apiKey: fake.apiKey, control: fake.control }),
    }
  },
})
