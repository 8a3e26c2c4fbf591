import { isIP } from 'node:net';

function stripMappedPrefix(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * Returns the client address. `X-Forwarded-For` is read right to left and only while
 * the hop that added an entry is a trusted proxy, so a client cannot choose its own
 * address by sending the header itself.
 */
export function clientIpOf(
  socketAddress: string | undefined,
  forwardedFor: string,
  trustedProxies: readonly string[],
): string {
  let current = stripMappedPrefix(socketAddress ?? '');
  if (trustedProxies.length === 0 || forwardedFor === '') return current;

  const hops = forwardedFor
    .split(',')
    .map((hop) => stripMappedPrefix(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  while (trustedProxies.includes(current) && hops.length > 0) {
    current = hops.pop() as string;
  }
  return current;
}
