/**
 * The manifest's shape as io-ts codecs, built from the vendors a reader knows: top-level keys
 * are provider ids, each a list of wanted sub-users with the `CreateSubUser` fields, the
 * traffic limit written as `trafficLimit` (a byte count, a size string or `unlimited`), and
 * each vendor's own settings under `vendor.<id>` as that vendor's module describes them.
 * Values are checked further once decoded (sizes, and each vendor's own rules).
 */
import * as t from 'io-ts'
import type { ProviderId } from '../domain'

/**
 * What a manifest needs to know of a vendor: its id, and its settings in an entry (the keys
 * it takes, and the codec that reads them as the provider's settings).
 * @example
 * const v: ManifestVendor = { id: 'devicehive', settings: { keys: [], codec: t.type({}) } }
 */
export interface ManifestVendor {
  readonly id: ProviderId
  readonly settings: { readonly keys: ReadonlyArray<string>; readonly codec: t.Mixed }
}

const ENTRY = 'a sub-user (a mapping with a username)'

/**
 * The codecs and the known keys of a manifest over these vendors.
 * @example
 * const { Manifest, keys } = manifestCodecs(VENDORS); keys.top // ['thordata', 'webshare']
 */
export const manifestCodecs = (vendors: ReadonlyArray<ManifestVendor>) => {
  const ManifestEntry = t.intersection(
    [
      t.type({ username: t.string }, ENTRY),
      t.partial(
        {
          password: t.string,
          status: t.keyof({ active: null, disabled: null }),
          trafficLimit: t.union([t.number, t.string, t.null]),
          trafficLimitBytes: t.union([t.number, t.null]),
          vendor: t.partial(Object.fromEntries(vendors.map((v) => [v.id, v.settings.codec])), 'a mapping of vendor settings'),
        },
        ENTRY,
      ),
    ],
    ENTRY,
  )
  const Manifest = t.partial(
    Object.fromEntries(vendors.map((v) => [v.id, t.array(ManifestEntry, 'a list of sub-users')])),
    'a mapping of provider ids to lists of sub-users',
  )
  const keys = {
    top: vendors.map((v) => v.id),
    entry: ['username', 'password', 'status', 'trafficLimit', 'trafficLimitBytes', 'vendor'],
    vendor: vendors.map((v) => v.id),
    settings: Object.fromEntries(vendors.map((v) => [v.id, v.settings.keys])) as Readonly<Record<string, ReadonlyArray<string>>>,
  } as const
  return { ManifestEntry, Manifest, keys }
}

/**
 * One wanted sub-user as a manifest entry decodes (sizes still as written).
 * @example
 * const e: ManifestEntry = { username: 'alice001', trafficLimit: '500MiB', status: 'active' }
 */
export type ManifestEntry = t.TypeOf<ReturnType<typeof manifestCodecs>['ManifestEntry']>
