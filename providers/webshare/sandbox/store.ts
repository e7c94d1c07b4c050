/**
 * The Webshare fake's state: sub-users with ids unique across plans, that
 * increase and are never reused (vendor sheet §2, §7), each kept under its
 * plan (`plan_id`, or the default plan).
 */

/**
 * One stored sub-user; instants in epoch ms, `proxyLimit` in GB as on the wire.
 * @example
 * const s: StoredSubUser = { id: 1, planId: null, label: 'team-a', proxyLimit: 0, maxThreadCount: 500, proxyCountries: null, bandwidthTotal: 0, hourly: new Map(), proxyUsername: 'xkqzjhpt', proxyPassword: 'b7k2m9q4w1z8', createdAt: 0, updatedAt: 0, bandwidthUseStartDate: 0, refreshes: 0 }
 */
export interface StoredSubUser {
  readonly id: number
  /** The `plan_id` it was created under; null for the default plan. */
  readonly planId: string | null
  readonly label: string
  readonly proxyLimit: number
  readonly maxThreadCount: number
  readonly proxyCountries: Readonly<Record<string, number>> | null
  /** Bytes, set only through the fake's control hooks: always the sum of `hourly`. */
  readonly bandwidthTotal: number
  /** Traffic per hour (the hour's start, epoch ms → bytes), what proxy stats report. */
  readonly hourly: ReadonlyMap<number, number>
  /** The sub-user's proxy login (proxy config and list), 8 lowercase letters and 12 letters or digits. */
  readonly proxyUsername: string
  readonly proxyPassword: string
  readonly createdAt: number
  readonly updatedAt: number
  readonly bandwidthUseStartDate: number
  /** How many times its proxy list was refreshed. */
  readonly refreshes: number
}

/**
 * The sub-users of one fake.
 * @example
 * const store = createStore()
 * store.add({ ...fields }).id // 1
 */
export interface SubUserStore {
  /** The sub-users of a plan, by id. */
  inPlan(planId: string | null): ReadonlyArray<StoredSubUser>
  /** How many sub-users a plan holds (without listing them: a create checks the quota with it). */
  countInPlan(planId: string | null): number
  /** Every sub-user of every plan, by id. */
  all(): ReadonlyArray<StoredSubUser>
  get(id: number): StoredSubUser | undefined
  /** Stores a new sub-user under the next id. */
  add(fields: Omit<StoredSubUser, 'id'>): StoredSubUser
  /** Replaces a stored sub-user (same id). */
  put(subUser: StoredSubUser): void
  remove(id: number): void
  /** Forgets every sub-user; ids already given are still never reused. */
  clear(): void
}

/**
 * An empty store whose first id is 1.
 * @example
 * const store = createStore()
 */
export const createStore = (): SubUserStore => {
  // Ids only increase and `put` keeps a key's place, so insertion order is id order: no sort per list page.
  const byId = new Map<number, StoredSubUser>()
  const perPlan = new Map<string | null, number>()
  const count = (planId: string | null, by: number) => perPlan.set(planId, (perPlan.get(planId) ?? 0) + by)
  let lastId = 0
  const all = () => [...byId.values()]
  return {
    inPlan: (planId) => all().filter((s) => s.planId === planId),
    countInPlan: (planId) => perPlan.get(planId) ?? 0,
    all,
    get: (id) => byId.get(id),
    add: (fields) => {
      const subUser = { ...fields, id: ++lastId }
      byId.set(subUser.id, subUser)
      count(subUser.planId, 1)
      return subUser
    },
    put: (subUser) => {
      byId.set(subUser.id, subUser)
    },
    remove: (id) => {
      const s = byId.get(id)
      if (s !== undefined) count(s.planId, -1)
      byId.delete(id)
    },
    clear: () => {
      byId.clear()
      perPlan.clear()
    },
  }
}
