/**
 * Runs several create workers (`create-worker.ts`, each its own process)
 * side by side: forks them, waits until every one is ready, starts them
 * together and collects their reports. Every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import type { CreateJob, WorkerMessage } from './create-worker'

/**
 * One worker's report, and the wall time of the whole run (from `go` to the last report).
 * @example
 * const { wallMs, workers } = await runWorkers(jobs, 60_000)
 */
export interface WorkersRun {
  readonly wallMs: number
  readonly workers: ReadonlyArray<Extract<WorkerMessage, { type: 'done' }>>
}

const next = <T extends WorkerMessage['type']>(child: ChildProcess, type: T, deadline: number): Promise<Extract<WorkerMessage, { type: T }>> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`a worker sent no ${type} in time`)), Math.max(0, deadline - Date.now()))
    const onMessage = (m: WorkerMessage) => {
      if (m.type === type) finish(undefined, m as Extract<WorkerMessage, { type: T }>)
    }
    const onExit = (code: number | null) => finish(new Error(`a worker exited (${code}) before its ${type}`))
    const finish = (e: Error | undefined, m?: Extract<WorkerMessage, { type: T }>) => {
      clearTimeout(timer)
      child.off('message', onMessage)
      child.off('exit', onExit)
      if (e === undefined) resolve(m!)
      else reject(e)
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })

/**
 * Forks one worker per job, starts them together once all are ready, and
 * waits for every report; all within `timeoutMs`, else the workers are
 * killed and it rejects.
 * @example
 * const run = await runWorkers([job1, job2], 60_000)
 */
export const runWorkers = async (jobs: ReadonlyArray<CreateJob>, timeoutMs: number): Promise<WorkersRun> => {
  const deadline = Date.now() + timeoutMs
  const children = jobs.map(() => fork(join(__dirname, 'create-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }))
  try {
    const ready = children.map((child) => next(child, 'ready', deadline))
    children.forEach((child, i) => child.send({ type: 'job', job: jobs[i]! } satisfies WorkerMessage))
    await Promise.all(ready)
    const done = children.map((child) => next(child, 'done', deadline))
    const started = performance.now()
    for (const child of children) child.send({ type: 'go' } satisfies WorkerMessage)
    const workers = await Promise.all(done.map((d) => d.then((m) => ({ m, at: performance.now() }))))
    return { wallMs: Math.max(...workers.map((w) => w.at)) - started, workers: workers.map((w) => w.m) }
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  }
}
