import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why a webhook URL is refused, in a line the API can show; undefined when it may be registered. */
export function targetProblem(text: string, allowInsecure: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'must be an absolute URL, e.g. https://practice-software.example/hooks/deadlines';
  }
  if (url.protocol !== 'https:' && !(allowInsecure && url.protocol === 'http:'))
    return allowInsecure ? 'must be an https:// or http:// URL' : 'must be an https:// URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (url.hash !== '') return 'must not have a #fragment';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowInsecure && (isIP(host) !== 0 ? !isPublicAddress(host) : /(^|\.)localhost$/i.test(host)))
    return 'must not point at a private, loopback or link-local address';
  return undefined;
}

/** A globally routable unicast address: not private, loopback, link-local, multicast, reserved or the like. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it is.
  return ipaddr.process(address).range() === 'unicast';
}

/**
 * A `lookup` for the HTTP client that refuses a name resolving to a non-public address, unless insecure targets
 * are allowed. The connection goes to the address checked here, so the name cannot be re-pointed in between.
 */
export function checkedLookup(allowInsecure: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowInsecure ? addresses : addresses.filter((entry) => isPublicAddress(entry.address));
      if (allowed.length === 0) {
        const refused = Object.assign(
          new Error(`${hostname} resolves to a private, loopback or link-local address only: refused`),
          { code: 'EWEBHOOKTARGET' },
        );
        return callback(refused, '', 0);
      }
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      const first = allowed[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}
