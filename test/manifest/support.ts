/**
 * Shared set-up of the manifest tests: a sandbox and a provider of each vendor on it,
 * without client-side pacing (the sandbox does not throttle).
 */
import * as E from 'fp-ts/Either'
import type { TaskEither } from 'fp-ts/TaskEither'
import { createIPRoyalProvider } from '../../providers/iproyal'
import { startSandbox, type Sandbox, type SandboxOptions } from '../../providers/sandbox'
import { createThordataProvider } from '../../providers/thordata'
import { createWebshareProvider } from '../../providers/webshare'
import type { SubUserProvider } from '../../src/provider'

/** A sandbox with a Thordata, a Webshare and an IPRoyal provider on it. */
export interface Vendors {
  readonly sandbox: Sandbox
  readonly thordata: SubUserProvider
  readonly webshare: SubUserProvider
  readonly iproyal: SubUserProvider
}

/** Starts a sandbox and the three providers on it. */
export const startVendors = async (options: SandboxOptions = {}): Promise<Vendors> => {
  const sandbox = await startSandbox(options)
  return {
    sandbox,
    thordata: createThordataProvider({ ...sandbox.thordata, rateLimit: false }),
    webshare: createWebshareProvider({ ...sandbox.webshare, rateLimit: false }),
    iproyal: createIPRoyalProvider({ ...sandbox.iproyal, rateLimit: false }),
  }
}

/** The Right of a task, or the test fails with its Left. */
export const right = async <A>(task: TaskEither<unknown, A>): Promise<A> => {
  const r = await task()
  if (E.isLeft(r)) throw r.left
  return r.right
}

/** The Left of a task, or the test fails. */
export const left = async <L>(task: TaskEither<L, unknown>): Promise<L> => {
  const r = await task()
  if (E.isRight(r)) throw new Error('expected a failure')
  return r.left
}

/** Requests the sandbox has received, both vendors together. */
export const requests = (sandbox: Sandbox): number => sandbox.stats().thordata.requests + sandbox.stats().webshare.requests
