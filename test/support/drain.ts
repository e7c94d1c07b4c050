/**
 * Draining an `iterate()` in a test: every sub-user it gave, and the SubUserError it ended with.
 */
import type { SubUser } from '../../src/domain'
import { SubUserError } from '../../src/errors'

/** Every sub-user an iteration gave, and the error it ended with, if any (any other throw is rethrown). */
export const drain = async (users: AsyncIterable<SubUser>): Promise<{ users: SubUser[]; error?: SubUserError }> => {
  const seen: SubUser[] = []
  try {
    for await (const u of users) seen.push(u)
    return { users: seen }
  } catch (e) {
    if (!SubUserError.is(e)) throw e
    return { users: seen, error: e }
  }
}
