/**
 * DeviceHive's JWT session: an access token from `POST /token` (login and password), renewed
 * when DeviceHive answers 401 (the token expired) with `POST /token/refresh`, or by logging in
 * again when the refresh token has expired too; the call is then repeated once. A 401 means
 * DeviceHive refused the request before doing anything, so repeating a write is safe.
 */
import * as E from 'fp-ts/Either'
import { pipe } from 'fp-ts/function'
import * as TE from 'fp-ts/TaskEither'
import { decodeWith, type HttpClient, type HttpRequest, type HttpResponse, type Operation, type SubUserError } from 'proxy-subusers/adapter'
import { DeviceHiveAccessToken, DeviceHiveTokens } from './codecs'
import { readResponse } from './errors'

/**
 * Sends requests with a valid access token.
 * @example
 * session.call('get', (headers) => ({ method: 'GET', url: '/user/7', headers }), 'item', read)
 */
export interface DeviceHiveSession {
  /**
   * Sends the request built with the current `Authorization` header and reads a 2xx body with
   * `read`; on a 401 renews the token and sends it once more.
   */
  call<A>(
    operation: Operation,
    build: (headers: Readonly<Record<string, string>>) => HttpRequest,
    target: 'item' | 'collection',
    read: (body: unknown, res: HttpResponse) => E.Either<SubUserError, A>,
  ): TE.TaskEither<SubUserError, A>
}

interface Tokens {
  readonly access: string
  readonly refresh: string
}

/**
 * The session of one provider instance: one login shared by all its calls, renewed once for
 * all the calls that found it expired at the same time.
 * @example
 * const session = deviceHiveSession(http, { login: 'admin', password })
 */
export const deviceHiveSession = (http: HttpClient, credentials: { readonly login: string; readonly password: string }): DeviceHiveSession => {
  let tokens: Tokens | undefined
  let renewing: Promise<E.Either<SubUserError, Tokens>> | undefined

  const logIn = (operation: Operation): TE.TaskEither<SubUserError, Tokens> => {
    const request: HttpRequest = { method: 'POST', url: '/token', json: credentials, secrets: [credentials.password] }
    return http.call(operation, request, (res) =>
      pipe(
        readResponse(http, operation, request, 'collection')(res),
        E.flatMap(decodeWith(DeviceHiveTokens, http.provider, operation, 'token')),
        E.map((t) => ({ access: t.accessToken, refresh: t.refreshToken })),
      ),
    )
  }

  const refresh = (operation: Operation, held: Tokens): TE.TaskEither<SubUserError, Tokens> => {
    const request: HttpRequest = { method: 'POST', url: '/token/refresh', json: { refreshToken: held.refresh }, secrets: [held.refresh] }
    return pipe(
      http.call(operation, request, (res) =>
        pipe(
          readResponse(http, operation, request, 'collection')(res),
          E.flatMap(decodeWith(DeviceHiveAccessToken, http.provider, operation, 'token')),
          E.map((t) => ({ access: t.accessToken, refresh: held.refresh })),
        ),
      ),
      // The refresh token expired too (or was refused): log in again.
      TE.orElse((e) => (e.kind === 'auth' ? logIn(operation) : TE.left(e))),
    )
  }

  /** New tokens, unless another call renewed the stale ones meanwhile; one renewal at a time. */
  const renew = (operation: Operation, stale: Tokens | undefined): TE.TaskEither<SubUserError, Tokens> => async () => {
    if (tokens !== undefined && tokens !== stale) return E.right(tokens)
    if (renewing === undefined) {
      const held = tokens
      renewing = (held === undefined ? logIn(operation) : refresh(operation, held))().then((r) => {
        renewing = undefined
        tokens = E.isRight(r) ? r.right : undefined
        return r
      })
    }
    return renewing
  }

  const current = (operation: Operation): TE.TaskEither<SubUserError, Tokens> => (tokens === undefined ? renew(operation, undefined) : TE.right(tokens))

  return {
    call: (operation, build, target, read) => {
      const attempt = (held: Tokens) => {
        const request = build({ Authorization: `Bearer ${held.access}` })
        const withSecrets: HttpRequest = { ...request, secrets: [...(request.secrets ?? []), held.access] }
        return http.call(operation, withSecrets, (res) =>
          pipe(
            readResponse(http, operation, withSecrets, target)(res),
            E.flatMap((body) => read(body, res)),
          ),
        )
      }
      return pipe(
        current(operation),
        TE.flatMap((held) =>
          pipe(
            attempt(held),
            TE.orElse((e) => (e.kind === 'auth' && e.status === 401 ? pipe(renew(operation, held), TE.flatMap(attempt)) : TE.left(e))),
          ),
        ),
      )
    },
  }
}
