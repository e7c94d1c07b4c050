/**
 * The manifest's shape as io-ts codecs: top-level keys are provider ids, each
 * a list of wanted sub-users with the `CreateSubUser` fields, the traffic
 * limit written as `trafficLimit` (a byte count, a size string or
 * `unlimited`). Values are checked further once decoded (sizes, dates, and
 * each vendor's own rules).
 */
import * as t from 'io-ts'

/**
 * Webshare's settings in a manifest entry (`vendor.webshare`); the date is an ISO string.
 * @example
 * const s: ManifestWebshareSettings = { maxThreadCount: 100, proxyCountries: { US: 10 } }
 */
export const ManifestWebshareSettings = t.partial(
  {
    maxThreadCount: t.number,
    proxyCountries: t.union([t.record(t.string, t.number), t.null]),
    bandwidthUseStartDate: t.string,
  },
  'a mapping of Webshare settings',
)
export type ManifestWebshareSettings = t.TypeOf<typeof ManifestWebshareSettings>

const ENTRY = 'a sub-user (a mapping with a username)'

/**
 * One wanted sub-user as written in a manifest.
 * @example
 * const e: ManifestEntry = { username: 'alice001', password: 'Pw12345a', trafficLimit: '500MiB', status: 'active' }
 */
export const ManifestEntry = t.intersection([
  t.type({ username: t.string }, ENTRY),
  t.partial({
    password: t.string,
    status: t.keyof({ active: null, disabled: null }),
    trafficLimit: t.union([t.number, t.string, t.null]),
    trafficLimitBytes: t.union([t.number, t.null]),
    // Thordata has no settings: any key given is refused by the provider's own checks, naming it.
    vendor: t.partial({ thordata: t.type({}), webshare: ManifestWebshareSettings }, 'a mapping of vendor settings'),
  }, ENTRY),
], ENTRY)
export type ManifestEntry = t.TypeOf<typeof ManifestEntry>

/**
 * A whole manifest: a list of entries per provider id.
 * @example
 * const m: Manifest = { thordata: [{ username: 'alice001' }], webshare: [{ username: 'team-a', trafficLimit: '10GiB' }] }
 */
export const Manifest = t.partial(
  { thordata: t.array(ManifestEntry, 'a list of sub-users'), webshare: t.array(ManifestEntry, 'a list of sub-users') },
  'a mapping of provider ids to lists of sub-users',
)
export type Manifest = t.TypeOf<typeof Manifest>

/**
 * The keys each level of a manifest may have; anything else is reported (a typo would otherwise go unnoticed).
 * @example
 * MANIFEST_KEYS.entry.includes('trafficLimit') // true
 */
export const MANIFEST_KEYS = {
  top: ['thordata', 'webshare'],
  entry: ['username', 'password', 'status', 'trafficLimit', 'trafficLimitBytes', 'vendor'],
  vendor: ['thordata', 'webshare'],
  webshare: ['maxThreadCount', 'proxyCountries', 'bandwidthUseStartDate'],
} as const
