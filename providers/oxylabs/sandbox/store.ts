/**
 * The Oxylabs fake's state: the main proxy user and its sub-users, ids that increase and are
 * never reused (vendor sheet §7), and each sub-user's traffic by hour.
 */

/**
 * Traffic recorded in one hour (epoch ms of the hour's start) on one target.
 * @example
 * const u: FakeUsage = { hour: Date.UTC(2025, 0, 1, 10), target: 'example.com', gb: 0.5, requests: 120 }
 */
export interface FakeUsage {
  readonly hour: number
  readonly target: string
  readonly gb: number
  readonly requests: number
}

/**
 * One stored user; `trafficGb` and `trafficLimitGb` as on the wire (GB doubles, null limit =
 * unlimited), `createdAt` epoch ms.
 * @example
 * const s: StoredSubUser = { id: 2, main: false, username: 'team_a', password: 'Strong_Password#209', status: 'active', createdAt: 0, trafficGb: 0, trafficLimitGb: null, autoDisable: false, lifetime: false, usage: [] }
 */
export interface StoredSubUser {
  readonly id: number
  /** The main proxy user, the one that logs in. */
  readonly main: boolean
  readonly username: string
  readonly password: string
  readonly status: 'active' | 'disabled'
  readonly createdAt: number
  readonly trafficGb: number
  readonly trafficLimitGb: number | null
  readonly autoDisable: boolean
  readonly lifetime: boolean
  readonly usage: ReadonlyArray<FakeUsage>
}

/**
 * What the fake's control hook shows of a user (passwords included: the fake's own, fake ones).
 * @example
 * fake.control.subUsers()[0]?.traffic_limit // null
 */
export interface OxylabsFakeSubUser {
  readonly id: number
  readonly main: boolean
  readonly username: string
  readonly password: string
  readonly status: 'active' | 'disabled'
  readonly created_at: string
  readonly traffic: number
  readonly traffic_limit: number | null
  readonly auto_disable: boolean
  readonly lifetime: boolean
}

/**
 * The users of one fake.
 * @example
 * const store = createStore()
 * store.add({ ...fields }).id // 1
 */
export interface SubUserStore {
  /** Every user, by id (the main user first: it is created first). */
  all(): ReadonlyArray<StoredSubUser>
  get(id: number): StoredSubUser | undefined
  byUsername(username: string): StoredSubUser | undefined
  /** How many sub-users there are, the main user not counted. */
  subUserCount(): number
  add(fields: Omit<StoredSubUser, 'id'>): StoredSubUser
  put(user: StoredSubUser): void
  remove(id: number): void
  /** Forgets every user; ids already given are never given again. */
  clear(): void
}

/**
 * An empty store whose first id is 1.
 * @example
 * const store = createStore()
 */
export const createStore = (): SubUserStore => {
  // Ids only increase and `put` keeps a key's place: insertion order is id order.
  const byId = new Map<number, StoredSubUser>()
  // Usernames are unique in the fake (a create of a taken one is refused): looked up, not searched.
  const idByName = new Map<string, number>()
  const mainIds = new Set<number>()
  let lastId = 0
  const index = (user: StoredSubUser) => {
    const before = byId.get(user.id)
    if (before !== undefined && idByName.get(before.username) === user.id) idByName.delete(before.username)
    byId.set(user.id, user)
    idByName.set(user.username, user.id)
    if (user.main) mainIds.add(user.id)
    else mainIds.delete(user.id)
  }
  return {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    byUsername: (username) => {
      const id = idByName.get(username)
      return id === undefined ? undefined : byId.get(id)
    },
    subUserCount: () => byId.size - mainIds.size,
    add: (fields) => {
      const user = { ...fields, id: ++lastId }
      index(user)
      return user
    },
    put: (user) => index(user),
    remove: (id) => {
      const user = byId.get(id)
      if (user !== undefined && idByName.get(user.username) === id) idByName.delete(user.username)
      byId.delete(id)
      mainIds.delete(id)
    },
    clear: () => {
      byId.clear()
      idByName.clear()
      mainIds.clear()
    },
  }
}

/**
 * `created_at` as Oxylabs writes it: `YYYY-MM-DD HH:MM`, UTC, no zone.
 * @example
 * formatCreatedAt(Date.UTC(2022, 0, 24, 13, 54)) // '2022-01-24 13:54'
 */
export const formatCreatedAt = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ')

/**
 * A list row (sheet §2): no password.
 * @example
 * renderRow(stored).username // 'team_a'
 */
export const renderRow = (u: StoredSubUser): Record<string, unknown> => ({
  id: u.id,
  username: u.username,
  status: u.status,
  created_at: formatCreatedAt(u.createdAt),
  traffic: u.trafficGb,
  traffic_limit: u.trafficLimitGb,
  auto_disable: u.autoDisable,
  lifetime: u.lifetime,
})

/**
 * The control hook's view of a user.
 * @example
 * snapshotOf(stored).password // the fake password it was created with
 */
export const snapshotOf = (u: StoredSubUser): OxylabsFakeSubUser => ({
  id: u.id,
  main: u.main,
  username: u.username,
  password: u.password,
  status: u.status,
  created_at: formatCreatedAt(u.createdAt),
  traffic: u.trafficGb,
  traffic_limit: u.trafficLimitGb,
  auto_disable: u.autoDisable,
  lifetime: u.lifetime,
})
