/**
 * The sandbox's dripped answers: a body sent in pieces without a Content-Length, each piece once
 * the connection took the last, and a body that stalls part way and is never finished.
 */
import { request } from 'node:http'
import { startFakeServer, type FakeServer } from '../../src/sandbox/server'
import type { VendorFake } from '../../src/sandbox/types'

const BODY = { items: Array.from({ length: 200 }, (_, i) => ({ n: i, text: 'é'.repeat(3) })) }
const TEXT = JSON.stringify(BODY)
const fake: VendorFake = {
  handle: () => ({ status: 200, body: BODY }),
  rateLimited: () => ({ status: 429 }),
  serverError: (_req, status) => ({ status }),
}

let server: FakeServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** The status, headers and body bytes of a GET, reading until the end or until `upTo` bytes came. */
const read = (url: string, upTo = Infinity) =>
  new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer; pieces: number }>((resolve, reject) => {
    const req = request(url, (res) => {
      const chunks: Buffer[] = []
      let bytes = 0
      const done = () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), pieces: chunks.length })
      res.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        bytes += chunk.length
        if (bytes >= upTo) {
          req.destroy()
          done()
        }
      })
      res.on('end', done)
    })
    req.on('error', reject)
    req.end()
  })

it('sends a body in pieces, chunked, that add up to the whole answer', async () => {
  server = await startFakeServer([{ name: 'thordata', mount: '/t', fake }], { faults: { thordata: { chunkBytes: 100 } } })
  const reply = await read(`${server.url}/t/x`)
  expect(reply.status).toBe(200)
  expect(reply.headers['content-length']).toBeUndefined()
  expect(reply.headers['transfer-encoding']).toBe('chunked')
  expect(reply.body.toString('utf8')).toBe(TEXT)
})

it('sends the whole answer with its Content-Length when no drip is asked for', async () => {
  server = await startFakeServer([{ name: 'thordata', mount: '/t', fake }])
  const reply = await read(`${server.url}/t/x`)
  expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(TEXT)))
  expect(reply.body.toString('utf8')).toBe(TEXT)
})

it('stops a body after stallAfterBytes and never finishes it', async () => {
  server = await startFakeServer([{ name: 'thordata', mount: '/t', fake }], { faults: { thordata: { chunkBytes: 64, stallAfterBytes: 1_000 } } })
  const reply = await read(`${server.url}/t/x`, 1_000)
  expect(reply.body.equals(Buffer.from(TEXT).subarray(0, 1_000))).toBe(true)
  // Nothing more comes, and the answer is not ended: a read for one byte more would hang, so the
  // stall is seen from the server closing the open connection.
  let ended = false
  const pending = read(`${server.url}/t/x`).then(() => {
    ended = true
  }, () => undefined)
  await server.close()
  server = undefined
  await pending
  expect(ended).toBe(false)
})
