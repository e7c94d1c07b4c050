/**
 * The Thordata fake's state: sub-users per `proxy_type` (each type its own
 * namespace, vendor sheet §7), in the vendor's units, with usage per day.
 */

/**
 * One sub-user as the fake keeps it, in Thordata's units.
 * @example
 * const u: ThordataFakeUser = { username: 'alice001', password: 'Pw12345a', status: true, traffic_limit: 500, usage_kib: 0, created_time: '2025-03-01' }
 */
export interface ThordataFakeUser {
  readonly username: string
  /** Kept, and listed, in clear as the vendor does. */
  readonly password: string
  readonly status: boolean
  /** MiB; 0 = unlimited. */
  readonly traffic_limit: number
  /** Total usage in KiB. */
  readonly usage_kib: number
  /** `yyyy-mm-dd` (UTC) of creation. */
  readonly created_time: string
}

/**
 * A stored sub-user with its usage per UTC day (`yyyy-mm-dd` → KiB).
 * @example
 * const r: StoredUser = { ...user, daily: new Map([['2025-03-02', 1024]]) }
 */
export interface StoredUser extends ThordataFakeUser {
  readonly daily: ReadonlyMap<string, number>
}

/**
 * The sub-users of one `proxy_type`, keyed by username, in creation order.
 * @example
 * const ns: Namespace = store.namespace('1')
 */
export type Namespace = Map<string, StoredUser>

/**
 * All namespaces of one fake.
 * @example
 * const store = createStore(); store.namespace('2').size // 0
 */
export interface Store {
  /** The namespace of a `proxy_type` code, created empty on first use. */
  namespace(proxyType: string): Namespace
  /** Forgets every sub-user. */
  clear(): void
}

/**
 * Creates an empty store.
 * @example
 * const store = createStore()
 */
export const createStore = (): Store => {
  const namespaces = new Map<string, Namespace>()
  return {
    namespace: (proxyType) => {
      const existing = namespaces.get(proxyType)
      if (existing !== undefined) return existing
      const created: Namespace = new Map()
      namespaces.set(proxyType, created)
      return created
    },
    clear: () => namespaces.clear(),
  }
}

/**
 * A sub-user as plain data, without its daily rows (what the control hook returns).
 * @example
 * snapshot(stored).usage_kib // 2048
 */
export const snapshot = ({ username, password, status, traffic_limit, usage_kib, created_time }: StoredUser): ThordataFakeUser => ({
  username,
  password,
  status,
  traffic_limit,
  usage_kib,
  created_time,
})

/**
 * Sets a sub-user's total usage, keeping its daily rows summing to it: a rise is booked as
 * traffic of `day`; a fall (a reset) leaves only `day`, holding the new total.
 * @example
 * withUsage(stored, 2048, '2025-03-02').daily.get('2025-03-02') // 2048 for a fresh user
 */
export const withUsage = (user: StoredUser, kib: number, day: string): StoredUser => {
  if (kib < user.usage_kib) return { ...user, usage_kib: kib, daily: new Map(kib === 0 ? [] : [[day, kib]]) }
  return addedUsage(user, kib - user.usage_kib, day)
}

/**
 * A sub-user with `kib` more traffic on `day`: its row of that day and its total grow alike.
 * @example
 * addedUsage(stored, 512, '2025-02-20').usage_kib // the old total + 512
 */
export const addedUsage = (user: StoredUser, kib: number, day: string): StoredUser => {
  const daily = new Map(user.daily)
  daily.set(day, (daily.get(day) ?? 0) + kib)
  return { ...user, usage_kib: user.usage_kib + kib, daily }
}
