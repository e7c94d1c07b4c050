/**
 * Oxylabs' decoded rows mapped, field by field, into the domain (vendor sheet §3.7, §6.13,
 * §6.15, §6.16).
 */
import { isoDateTimeMillis, secret, spacedUtcMinuteMillis } from '../../src/adapter'
import type { OxylabsSubUser } from './codecs'
import type { OxylabsSubUserOf } from './domain'
import { OXYLABS_TRAFFIC_UNIT } from './units'

/**
 * `created_at` as a Date: `YYYY-MM-DD HH:MM` (the documented form, no zone) read as UTC, or ISO
 * 8601 with a zone; anything else, or a day that does not exist, is null.
 * @example
 * parseCreatedAt('2022-01-24 13:54') // 2022-01-24T13:54:00.000Z
 * parseCreatedAt('24/01/2022')       // null
 */
export const parseCreatedAt = (value: string | null | undefined): Date | null => {
  if (value === null || value === undefined) return null
  const ms = value.length === 16 && value.charCodeAt(10) === 32 ? spacedUtcMinuteMillis(value) : isoDateTimeMillis(value)
  return Number.isNaN(ms) ? null : new Date(ms)
}

/** GB as the vendor writes them to bytes, to the nearest byte. */
const toBytes = (gb: number): number => Math.round(gb * OXYLABS_TRAFFIC_UNIT)

/**
 * One list row as a {@link SubUser}. `password` is the one just set by a create or update (no
 * read returns one); `mainUsername` marks the main proxy user; `usageStale` says the row was
 * read before an update that then took it off the list.
 * @example
 * toSubUser(row, { mainUsername: 'main_user' }).trafficLimitBytes // null for traffic_limit null
 */
export const toSubUser = (
  row: OxylabsSubUser,
  context: { readonly mainUsername: string; readonly password?: string; readonly usageStale?: boolean },
): OxylabsSubUserOf => ({
  provider: 'oxylabs',
  id: String(row.id),
  username: row.username,
  status: row.status,
  trafficLimitBytes: row.traffic_limit === null ? null : toBytes(row.traffic_limit),
  trafficUsedBytes: row.traffic === undefined || row.traffic === null ? null : toBytes(row.traffic),
  createdAt: parseCreatedAt(row.created_at),
  password: context.password === undefined ? null : secret(context.password),
  vendor: {
    provider: 'oxylabs',
    autoDisable: row.auto_disable ?? null,
    lifetime: row.lifetime ?? null,
    isMainUser: row.username === context.mainUsername,
    usageStale: context.usageStale ?? false,
  },
})
