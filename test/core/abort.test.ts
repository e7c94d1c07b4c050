/**
 * whenAborted: callbacks waiting on one signal share its one listener, each runs once on abort,
 * and a stopped one never does.
 */
import { getEventListeners } from 'node:events'
import { whenAborted } from '../../src/abort'

describe('whenAborted', () => {
  it('puts one listener on a signal however many wait on it, and runs each waiting callback once, in order', () => {
    const controller = new AbortController()
    const ran: number[] = []
    const stops = Array.from({ length: 50 }, (_, i) => whenAborted(controller.signal, () => ran.push(i)))
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1)
    stops[3]!()
    controller.abort()
    controller.abort()
    expect(ran).toEqual(Array.from({ length: 50 }, (_, i) => i).filter((i) => i !== 3))
  })

  it('runs the same function twice when it waits twice, and stopping one leaves the other', () => {
    const controller = new AbortController()
    let runs = 0
    const count = () => runs++
    const stopFirst = whenAborted(controller.signal, count)
    whenAborted(controller.signal, count)
    stopFirst()
    controller.abort()
    expect(runs).toBe(1)
  })

  it('does nothing for no signal or one already aborted, and its stop is harmless', () => {
    let runs = 0
    const stop = whenAborted(undefined, () => runs++)
    stop()
    const aborted = AbortSignal.abort()
    whenAborted(aborted, () => runs++)()
    expect(getEventListeners(aborted, 'abort')).toHaveLength(0)
    expect(runs).toBe(0)
  })

  it('lets a callback stop another one before it runs', () => {
    const controller = new AbortController()
    const ran: string[] = []
    let stopSecond = () => undefined as void
    whenAborted(controller.signal, () => {
      ran.push('first')
      stopSecond()
    })
    stopSecond = whenAborted(controller.signal, () => ran.push('second'))
    controller.abort()
    expect(ran).toEqual(['first'])
  })
})
