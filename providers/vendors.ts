/**
 * The vendors this package ships, in one list: the CLI, the sandbox, manifests and the demo all
 * work from it. Adding a vendor is its folder (`providers/<id>/`, with a `vendor.ts`) and one
 * line here.
 *
 * @example
 * VENDORS.map((v) => v.id) // ['thordata', 'webshare', 'oxylabs', 'iproyal']
 */
import { iproyalVendor } from './iproyal/vendor'
import { oxylabsVendor } from './oxylabs/vendor'
import { thordataVendor } from './thordata/vendor'
import { webshareVendor } from './webshare/vendor'

export const VENDORS = [thordataVendor, webshareVendor, oxylabsVendor, iproyalVendor] as const

/**
 * The id of a vendor the package ships.
 * @example
 * const id: ShippedProviderId = 'webshare'
 */
export type ShippedProviderId = (typeof VENDORS)[number]['id']

/**
 * The shipped vendor with this id, or undefined.
 * @example
 * vendorById('webshare')?.title // 'Webshare'
 */
export const vendorById = (id: string): (typeof VENDORS)[number] | undefined => VENDORS.find((v) => v.id === id)
