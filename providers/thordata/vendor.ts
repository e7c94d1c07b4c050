/**
 * Thordata as a vendor module: what the CLI, the sandbox and manifests know of it.
 */
import * as t from 'io-ts'
import { defineVendor } from '../../src/adapter'
import { thordataCapabilities } from './capabilities'
import type { ThordataCreateOptions } from './domain'
import { PROXY_TYPE_CODES } from './mapping'
import { THORDATA_DEFAULT_BASE_URL, createThordataProvider, type ThordataOptions } from './provider'
import { createThordataFake, isThordataThrottled, type ThordataFakeControl, type ThordataFakeOptions } from './sandbox'

/**
 * Thordata's settings as a manifest writes them (`vendor.thordata`): it has none, so the
 * mapping is empty; a key given there is refused by the provider's own checks, naming it.
 * @example
 * ThordataManifestSettings.decode({}) // Right({})
 */
export const ThordataManifestSettings: t.Type<ThordataCreateOptions, object, unknown> = new t.Type<ThordataCreateOptions, object, unknown>(
  'a mapping of Thordata settings',
  (u): u is ThordataCreateOptions => typeof u === 'object' && u !== null && Object.keys(u).length === 0,
  (u, c) => (typeof u === 'object' && u !== null && !Array.isArray(u) ? t.success(u as ThordataCreateOptions) : t.failure(u, c)),
  (a) => a,
)

/** What `sandbox.thordata` holds: the provider options that reach the fake, and its controls. */
export interface ThordataSandboxFields {
  readonly baseURL: string
  readonly token: string
  readonly key: string
  readonly control: ThordataFakeControl
}

/**
 * Thordata's vendor module.
 * @example
 * thordataVendor.environment.map((v) => v.name) // ['THORDATA_TOKEN', 'THORDATA_KEY', 'THORDATA_BASE_URL']
 */
export const thordataVendor = defineVendor<'thordata', ThordataOptions, ThordataFakeOptions, ThordataSandboxFields, ThordataCreateOptions>({
  id: 'thordata',
  title: 'Thordata',
  capabilities: thordataCapabilities,
  environment: [
    { name: 'THORDATA_TOKEN', option: 'token', required: true, secret: true, description: 'the API token' },
    { name: 'THORDATA_KEY', option: 'key', secret: true, description: 'the account key (sub-user API)' },
    { name: 'THORDATA_BASE_URL', option: 'baseURL', description: `the API base (default ${THORDATA_DEFAULT_BASE_URL})` },
  ],
  flags: {
    provider: [{ flags: '--proxy-type <type>', description: 'Thordata product (default residential)', key: 'proxyType', choices: Object.keys(PROXY_TYPE_CODES) }],
    settings: [],
  },
  settings: { keys: [], codec: ThordataManifestSettings },
  provider: createThordataProvider,
  sandbox: (options) => {
    const fake = createThordataFake(options)
    return {
      mount: { mount: '/thordata/api', fake, isThrottled: isThordataThrottled },
      fields: (baseURL) => ({ baseURL, token: fake.token, key: fake.key, control: fake.control }),
    }
  },
})
