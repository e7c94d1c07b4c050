/**
 * DeviceHive's JSON, as io-ts codecs: decoded tolerantly (unknown keys ignored, optional ones
 * optional), then mapped field by field in mapping.ts.
 */
import * as t from 'io-ts'
import { nullable } from 'proxy-subusers/adapter'

/** 0 admin, 1 client. @example DeviceHiveWireRole.is(1) // true */
export const DeviceHiveWireRole = t.union([t.literal(0), t.literal(1)])
export type DeviceHiveWireRole = t.TypeOf<typeof DeviceHiveWireRole>

/** 0 active, 1 locked (too many failed logins), 2 disabled. @example DeviceHiveWireStatus.is(2) // true */
export const DeviceHiveWireStatus = t.union([t.literal(0), t.literal(1), t.literal(2)])
export type DeviceHiveWireStatus = t.TypeOf<typeof DeviceHiveWireStatus>

/**
 * A user as `GET /user/{id}` and `GET /user` give it (DeviceHive's UserVO).
 * @example
 * DeviceHiveUser.decode({ id: 7, login: 'alice', role: 1, status: 0, lastLogin: null, data: null })
 */
export const DeviceHiveUser = t.intersection([
  t.type({ id: t.number, login: t.string, role: DeviceHiveWireRole, status: DeviceHiveWireStatus }),
  t.partial({ lastLogin: nullable(t.string), data: t.unknown, introReviewed: nullable(t.boolean) }),
])
export type DeviceHiveUser = t.TypeOf<typeof DeviceHiveUser>

/** `GET /user`: one page of users. @example DeviceHiveUserPage.decode([]) */
export const DeviceHiveUserPage = t.array(DeviceHiveUser)
export type DeviceHiveUserPage = t.TypeOf<typeof DeviceHiveUserPage>

/** `GET /user/count`. @example DeviceHiveCount.decode({ count: 3 }) */
export const DeviceHiveCount = t.type({ count: t.number })
export type DeviceHiveCount = t.TypeOf<typeof DeviceHiveCount>

/** `POST /user` (201): the new user's id and what DeviceHive set on it. @example DeviceHiveCreated.decode({ id: 8 }) */
export const DeviceHiveCreated = t.intersection([t.type({ id: t.number }), t.partial({ lastLogin: nullable(t.string), introReviewed: nullable(t.boolean) })])
export type DeviceHiveCreated = t.TypeOf<typeof DeviceHiveCreated>

/** `POST /token`. @example DeviceHiveTokens.decode({ accessToken: 'a.b.c', refreshToken: 'd.e.f' }) */
export const DeviceHiveTokens = t.type({ accessToken: t.string, refreshToken: t.string })
export type DeviceHiveTokens = t.TypeOf<typeof DeviceHiveTokens>

/** `POST /token/refresh`. @example DeviceHiveAccessToken.decode({ accessToken: 'a.b.c' }) */
export const DeviceHiveAccessToken = t.type({ accessToken: t.string })
export type DeviceHiveAccessToken = t.TypeOf<typeof DeviceHiveAccessToken>

/** An error body: `{ error, message }`, both optional. @example DeviceHiveErrorBody.decode({ error: 404, message: 'User not found' }) */
export const DeviceHiveErrorBody = t.partial({ error: t.number, message: t.string })
export type DeviceHiveErrorBody = t.TypeOf<typeof DeviceHiveErrorBody>
