/**
 * A TCP pass-through on 127.0.0.1 that counts the bytes a server sent through it to the
 * client. Piping keeps TCP's backpressure: what the client does not read stays unsent.
 */
import { createServer, connect, type Socket } from 'node:net'

/** A running proxy. */
export interface ByteCountingProxy {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string
  /** Bytes passed from the server to clients so far. */
  served(): number
  /** Resolves once every connection through the proxy has closed. */
  idle(): Promise<void>
  close(): Promise<void>
}

/** Starts a proxy to the server at `target` (`http://127.0.0.1:PORT`). */
export const startByteCountingProxy = async (target: string): Promise<ByteCountingProxy> => {
  const { hostname, port } = new URL(target)
  let served = 0
  const open = new Set<Socket>()
  let waiters: Array<() => void> = []
  const settle = () => {
    if (open.size > 0) return
    for (const w of waiters) w()
    waiters = []
  }
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname)
    open.add(client)
    upstream.on('data', (chunk: Buffer) => {
      served += chunk.length
    })
    upstream.pipe(client)
    client.pipe(upstream)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end)
    upstream.on('error', end)
    client.on('close', () => {
      upstream.destroy()
      open.delete(client)
      settle()
    })
    upstream.on('close', end)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`,
    served: () => served,
    idle: () => new Promise<void>((resolve) => (open.size === 0 ? resolve() : waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
