/**
 * Writing wanted sub-users as a manifest, for instance the target's manifest
 * after a migration. Passwords are never written: a file is not the place for
 * them (put `password: ${NAME}` in by hand where one should be managed).
 */
import { stringify } from 'yaml'
import type { CreateSubUser, ProviderId } from '../domain'
import { formatBytes } from '../units'

/**
 * A manifest's text (YAML) for one provider's wanted sub-users, passwords left out.
 * @example
 * manifestText('webshare', [{ username: 'team-a', trafficLimitBytes: gib(10) }])
 * // '# ...\nwebshare:\n  - username: team-a\n    trafficLimit: 10GiB\n'
 */
export const manifestText = (provider: ProviderId, wanted: ReadonlyArray<CreateSubUser>): string =>
  `# proxy-subusers manifest (passwords are not written; add password: \${NAME} where one should be managed)\n${stringify({ [provider]: wanted.map(toEntry) })}`

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
