/**
 * The IPRoyal fake's state (vendor sheet §7): the main balance and every sub-user's allocation
 * in whole bytes, so that every move between them is conserved exactly; legacy ids that only
 * increase; the usage recorded per sub-user, for the report.
 */

/**
 * One stored sub-user; traffic in bytes.
 * @example
 * const s: StoredSubUser = { hash: '01JGFJJZ000000000000000000', id: 1, username: 'team_a', password: 'Pw12345678', availableBytes: 0, usedBytes: 0, limits: null }
 */
export interface StoredSubUser {
  readonly hash: string
  /** The legacy id: increasing, never reused. */
  readonly id: number
  readonly username: string
  /** Kept, and returned, in clear (as IPRoyal does). */
  readonly password: string
  readonly availableBytes: number
  readonly usedBytes: number
  /** `limits` as last sent (never returned: the documented resource has none). */
  readonly limits: Readonly<Record<string, number | null>> | null
}

/**
 * Traffic one sub-user used at one instant (epoch ms).
 * @example
 * const u: UsageEvent = { hash: '01JGFJJZ000000000000000000', at: 0, bytes: 1024 }
 */
export interface UsageEvent {
  readonly hash: string
  readonly at: number
  readonly bytes: number
}

/**
 * The state of one fake. Every method that moves traffic keeps `main + Σ available + Σ used`
 * unchanged, except usage (which only moves available to used) and a delete (which returns
 * what is available to the main balance and leaves the used part consumed).
 * @example
 * const store = createStore(gib(100))
 * store.mainBytes() // 107374182400
 */
export interface FakeStore {
  mainBytes(): number
  setMainBytes(bytes: number): void
  /** Every sub-user, by legacy id. */
  all(): ReadonlyArray<StoredSubUser>
  get(hash: string): StoredSubUser | undefined
  byUsername(username: string): StoredSubUser | undefined
  /** Adds a sub-user holding `availableBytes` taken from the main balance (the caller checked it covers them). */
  add(fields: Omit<StoredSubUser, 'id' | 'usedBytes'>): StoredSubUser
  /** Replaces credentials or limits (traffic is moved by {@link FakeStore.move} only). */
  put(hash: string, fields: Partial<Pick<StoredSubUser, 'username' | 'password' | 'limits'>>): StoredSubUser
  /** Moves bytes from the main balance into a sub-user's allocation (negative: back); the caller checked both sides cover it. */
  move(hash: string, bytes: number): StoredSubUser
  /** Records usage: available shrinks and used grows by the same amount, at most what is available; the bytes used. */
  use(hash: string, bytes: number, at: number): number
  /** Removes a sub-user, returning what it has available to the main balance. */
  remove(hash: string): void
  /** Usage recorded so far, oldest first. */
  usage(): ReadonlyArray<UsageEvent>
  /** Forgets every sub-user and the usage, and sets the main balance; legacy ids and hashes are still never reused. */
  clear(mainBytes: number): void
}

/**
 * A store with this main balance and no sub-users; the first legacy id is 1.
 * @example
 * const store = createStore(gib(1000))
 */
export const createStore = (mainBytes: number): FakeStore => {
  // Legacy ids only increase and a replaced entry keeps its place: insertion order is id order.
  const byHash = new Map<string, StoredSubUser>()
  let main = mainBytes
  let lastId = 0
  let events: UsageEvent[] = []
  const must = (hash: string): StoredSubUser => {
    const s = byHash.get(hash)
    if (s === undefined) throw new Error(`no sub-user ${hash}`)
    return s
  }
  // Usernames are unique in the fake (a create of a taken one is refused): looked up, not searched.
  const hashByName = new Map<string, string>()
  const store = (s: StoredSubUser): StoredSubUser => {
    const before = byHash.get(s.hash)
    if (before !== undefined && hashByName.get(before.username) === s.hash) hashByName.delete(before.username)
    byHash.set(s.hash, s)
    hashByName.set(s.username, s.hash)
    return s
  }
  return {
    mainBytes: () => main,
    setMainBytes: (bytes) => {
      main = bytes
    },
    all: () => [...byHash.values()],
    get: (hash) => byHash.get(hash),
    byUsername: (username) => {
      const hash = hashByName.get(username)
      return hash === undefined ? undefined : byHash.get(hash)
    },
    add: (fields) => {
      main -= fields.availableBytes
      return store({ ...fields, id: ++lastId, usedBytes: 0 })
    },
    put: (hash, fields) => store({ ...must(hash), ...fields }),
    move: (hash, bytes) => {
      const s = must(hash)
      main -= bytes
      return store({ ...s, availableBytes: s.availableBytes + bytes })
    },
    use: (hash, bytes, at) => {
      const s = must(hash)
      const used = Math.min(bytes, s.availableBytes)
      store({ ...s, availableBytes: s.availableBytes - used, usedBytes: s.usedBytes + used })
      if (used > 0) events.push({ hash, at, bytes: used })
      return used
    },
    remove: (hash) => {
      const s = must(hash)
      main += s.availableBytes
      if (hashByName.get(s.username) === hash) hashByName.delete(s.username)
      byHash.delete(hash)
    },
    usage: () => events,
    clear: (bytes) => {
      byHash.clear()
      hashByName.clear()
      events = []
      main = bytes
    },
  }
}
