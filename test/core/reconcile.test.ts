import * as E from 'fp-ts/Either'
import * as TE from 'fp-ts/TaskEither'
import { SubUserError, type SubUserErrorKind } from '../../src/errors'
import { withCallOptions } from '../../src/call-options'
import { SETTLE_TIMEOUTS, isAmbiguous, writeAtMostOnce, writeOnce, type ReadBack } from '../../src/reconcile'
import { scripted } from '../support/scripted'

const policy = { retryPolicy: () => ({ retries: 2, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 60_000 }), exchangeTimeoutMs: () => 300 }
const error = (kind: SubUserErrorKind, status?: number) =>
  new SubUserError({ kind, provider: 'thordata', operation: 'create', message: kind, ...(status === undefined ? {} : { status }) })
const noWait = async () => undefined

describe('isAmbiguous', () => {
  it('is true only when the outcome is unknown', () => {
    expect([error('network'), error('timeout'), error('vendor', 502)].map(isAmbiguous)).toEqual([true, true, true])
    expect([error('vendor', 200), error('vendor'), error('conflict'), error('rate_limited', 429), error('validation')].map(isAmbiguous)).toEqual([false, false, false, false, false])
  })
})

describe('writeOnce', () => {
  it('returns what the read-back found when the write was applied, and sends nothing more', async () => {
    const w = scripted([error('network')], 'sent')
    const r = await writeOnce(policy, w.task, () => TE.right<SubUserError, ReadBack<string>>({ found: 'applied', value: 'read back' }), noWait)()
    expect(r).toEqual(E.right('read back'))
    expect(w.runs()).toBe(1)
  })

  it('sends again when the read-back shows it was not applied, at most policy.retries times', async () => {
    const again = scripted([error('timeout'), error('vendor', 503)], 'sent')
    expect(await writeOnce(policy, again.task, () => TE.right({ found: 'not-applied' as const }), noWait)()).toEqual(E.right('sent'))
    expect(again.runs()).toBe(3)
    const last = error('network')
    const never = scripted([error('network'), error('network'), last, error('network')], 'sent')
    expect(await writeOnce(policy, never.task, () => TE.right({ found: 'not-applied' as const }), noWait)()).toEqual(E.left(last))
    expect(never.runs()).toBe(3)
  })

  it('returns the original error when the read-back is unclear or fails', async () => {
    const original = error('timeout')
    expect(await writeOnce(policy, scripted([original], 'sent').task, () => TE.right({ found: 'unclear' as const }), noWait)()).toEqual(E.left(original))
    expect(await writeOnce(policy, scripted([original], 'sent').task, () => TE.left(error('network')), noWait)()).toEqual(E.left(original))
  })

  it('does not read back after a definite answer', async () => {
    const conflict = error('conflict')
    let readBacks = 0
    const r = await writeOnce(policy, scripted([conflict], 'sent').task, () => { readBacks++; return TE.right({ found: 'unclear' as const }) }, noWait)()
    expect(r).toEqual(E.left(conflict))
    expect(readBacks).toBe(0)
  })
  it('before sending again, waits SETTLE_TIMEOUTS exchange timeouts and reads back again: a late apply is adopted, not doubled', async () => {
    const waits: number[] = []
    const w = scripted([error('timeout')], 'sent')
    const seen: Array<ReadBack<string>> = [{ found: 'not-applied' }, { found: 'applied', value: 'applied late' }]
    const r = await writeOnce(policy, w.task, () => TE.right(seen.shift()!), async (ms) => void waits.push(ms))()
    expect(r).toEqual(E.right('applied late'))
    expect(w.runs()).toBe(1)
    expect(waits).toEqual([SETTLE_TIMEOUTS * 300])
  })

  it('returns the conflict a read-back reports, at once or after a re-send that turned out doubled', async () => {
    const doubled = error('conflict')
    const at = await writeOnce(policy, scripted([error('network')], 'sent').task, () => TE.right<SubUserError, ReadBack<string>>({ found: 'conflict', error: doubled }), noWait)()
    expect(at).toEqual(E.left(doubled))
    const seen: Array<ReadBack<string>> = [{ found: 'not-applied' }, { found: 'not-applied' }, { found: 'conflict', error: doubled }]
    const again = scripted([error('timeout')], 'sent')
    expect(await writeOnce(policy, again.task, () => TE.right(seen.shift()!), noWait)()).toEqual(E.left(doubled))
    expect(again.runs()).toBe(2)
  })

  it('starts no settling wait or backoff that would end past the call deadline', async () => {
    const original = error('timeout')
    const waits: number[] = []
    const r = await withCallOptions({ deadlineMs: 100 }, () => writeOnce(policy, scripted([original], 'sent').task, () => TE.right({ found: 'not-applied' as const }), async (ms) => void waits.push(ms)))()
    expect(r).toEqual(E.left(original))
    expect(waits).toEqual([])
  })
})

describe('writeAtMostOnce', () => {
  it('adopts what the read-back finds, sending once', async () => {
    const w = scripted([error('network')], 'sent')
    expect(await writeAtMostOnce(policy, w.task, () => TE.right<SubUserError, ReadBack<string>>({ found: 'applied', value: 'found' }), noWait)()).toEqual(E.right('found'))
    expect(w.runs()).toBe(1)
  })

  it('never sends again: not applied after the settling wait, it returns the failure marked retryable and says why', async () => {
    const waits: number[] = []
    const w = scripted([error('vendor', 502)], 'sent')
    let readBacks = 0
    const r = await writeAtMostOnce(policy, w.task, () => { readBacks++; return TE.right({ found: 'not-applied' as const }) }, async (ms) => void waits.push(ms))()
    expect(w.runs()).toBe(1)
    expect(readBacks).toBe(2)
    expect(waits).toEqual([SETTLE_TIMEOUTS * 300])
    expect(E.isLeft(r) && r.left).toMatchObject({ kind: 'vendor', status: 502, retryable: true, message: 'vendor; read back twice since: it was not applied, and may be sent again' })
  })

  it('adopts a late apply seen by the second read-back, and returns unclear and failed read-backs as the original error', async () => {
    const seen: Array<ReadBack<string>> = [{ found: 'not-applied' }, { found: 'applied', value: 'late' }]
    expect(await writeAtMostOnce(policy, scripted([error('timeout')], 'sent').task, () => TE.right(seen.shift()!), noWait)()).toEqual(E.right('late'))
    const original = error('network')
    expect(await writeAtMostOnce(policy, scripted([original], 'sent').task, () => TE.right({ found: 'unclear' as const }), noWait)()).toEqual(E.left(original))
    expect(await writeAtMostOnce(policy, scripted([original], 'sent').task, () => TE.left(error('network')), noWait)()).toEqual(E.left(original))
  })

  it('returns the original error, unmarked, when the settling wait would pass the deadline', async () => {
    const original = error('timeout')
    const r = await withCallOptions({ deadlineMs: 100 }, () => writeAtMostOnce(policy, scripted([original], 'sent').task, () => TE.right({ found: 'not-applied' as const }), noWait))()
    expect(r).toEqual(E.left(original))
  })
})
