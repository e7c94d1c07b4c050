/**
 * A response body for axios-mock-adapter that is a real stream, read only when pulled: it
 * serves its bytes in pieces and counts how many it has served, so a test sees how far the
 * library read. It can also stall (never serve more) or fail (as a reset connection) part way.
 */
import { Readable } from 'node:stream'

/** How the body behaves. */
export interface DripOptions {
  /** Bytes per piece (also the stream's buffer, so at most one piece is read ahead). */
  readonly pieceBytes: number
  /** Serve no more after this many bytes, and never end. */
  readonly stallAfterBytes?: number
  /** Fail with this error code (as a reset connection) once this many bytes were served. */
  readonly failAfterBytes?: { readonly bytes: number; readonly code: string }
}

/** A dripped body and what it has served. */
export interface DrippedBody {
  readonly stream: Readable
  /** Bytes handed to the reader so far. */
  served(): number
  /** Whether the reader closed it (destroyed it, or it ended). */
  closed(): boolean
}

/** Serves `text` as a stream, piece by piece, only as fast as it is read. */
export const drippedBody = (text: string | Buffer, options: DripOptions): DrippedBody => {
  const body = typeof text === 'string' ? Buffer.from(text) : text
  let at = 0
  let closed = false
  const stream = new Readable({
    highWaterMark: options.pieceBytes,
    read() {
      const fail = options.failAfterBytes
      if (fail !== undefined && at >= fail.bytes) return void this.destroy(Object.assign(new Error('socket hang up'), { code: fail.code }))
      const stop = Math.min(body.length, options.stallAfterBytes ?? Infinity, fail?.bytes ?? Infinity)
      if (at >= stop) {
        if (options.stallAfterBytes === undefined) this.push(null)
        return
      }
      const piece = body.subarray(at, Math.min(stop, at + options.pieceBytes))
      at += piece.length
      this.push(piece)
    },
  })
  stream.on('close', () => {
    closed = true
  })
  return { stream, served: () => at, closed: () => closed }
}
