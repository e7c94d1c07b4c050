/**
 * Writing wanted sub-users as a manifest, for instance the target's manifest
 * after a migration. Passwords are never written: a file is not the place for
 * them (put `password: ${NAME}` in by hand where one should be managed).
 */
import { stringify } from 'yaml'
import type { CreateSubUser, ProviderId, SubUser } from '../domain'
import type { SubUserProvider } from '../provider'
import { formatBytes } from '../units'

/**
 * What a provider holds, as the wanted sub-users of a manifest that plans
 * no change against it: username, status, limit and the vendor's own
 * settings that are set; never a password. One entry per username (a
 * manifest names each once): the others are in `repeated`.
 * @example
 * const { wanted, repeated } = asWanted(provider, await provider.list()())
 * manifestText(provider.id, wanted)
 */
export const asWanted = (
  provider: Pick<SubUserProvider, 'id' | 'capabilities'>,
  users: ReadonlyArray<SubUser>,
): { readonly wanted: ReadonlyArray<CreateSubUser>; readonly repeated: ReadonlyArray<SubUser> } => {
  const seen = new Set<string>()
  const wanted: CreateSubUser[] = []
  const repeated: SubUser[] = []
  for (const user of users) {
    if (seen.has(user.username)) {
      repeated.push(user)
      continue
    }
    seen.add(user.username)
    const extras = user.vendor as unknown as Readonly<Record<string, unknown>>
    const settings = Object.fromEntries(
      provider.capabilities.settings.flatMap((key) => (extras[key] === null || extras[key] === undefined ? [] : [[key, extras[key]] as const])),
    )
    wanted.push({
      username: user.username,
      status: user.status,
      trafficLimitBytes: user.trafficLimitBytes,
      ...(Object.keys(settings).length === 0 ? {} : { vendor: { [provider.id]: settings } }),
    })
  }
  return { wanted, repeated }
}

/**
 * A manifest's text (YAML) for one provider's wanted sub-users, passwords left out.
 * @example
 * manifestText('webshare', [{ username: 'team-a', trafficLimitBytes: gib(10) }])
 * // '# ...\nwebshare:\n  - username: team-a\n    trafficLimit: 10GiB\n'
 */
export const manifestText = (provider: ProviderId, wanted: ReadonlyArray<CreateSubUser>): string =>
  `# proxy-subusers manifest (passwords are not written; add password: \${NAME} where one should be managed)\n${stringify(manifestData(provider, wanted))}`

/**
 * A manifest as data, for one provider's wanted sub-users, passwords left
 * out: what {@link manifestText} writes as YAML (JSON of it is a manifest too).
 * @example
 * manifestData('webshare', [{ username: 'team-a', trafficLimitBytes: gib(10) }]) // { webshare: [{ username: 'team-a', trafficLimit: '10GiB' }] }
 */
export const manifestData = (provider: ProviderId, wanted: ReadonlyArray<CreateSubUser>): Readonly<Record<string, ReadonlyArray<Record<string, unknown>>>> => ({
  [provider]: wanted.map(toEntry),
})

const toEntry = (w: CreateSubUser): Record<string, unknown> => {
  const vendor = Object.entries(w.vendor ?? {})
    .map(([id, options]) => [id, Object.entries(options ?? {}).filter(([, v]) => v !== undefined)] as const)
    .filter(([, settings]) => settings.length > 0)
    .map(([id, settings]) => [id, Object.fromEntries(settings.map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))])
  return {
    username: w.username,
    ...(w.status === undefined ? {} : { status: w.status }),
    ...(w.trafficLimitBytes === undefined ? {} : { trafficLimit: formatBytes(w.trafficLimitBytes) }),
    ...(vendor.length === 0 ? {} : { vendor: Object.fromEntries(vendor) }),
  }
}
