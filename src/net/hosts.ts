import { isIP, isIPv4 } from 'node:net';

/**
 * Which destinations count as loopback. Deliberately narrow: an IP literal in
 * 127.0.0.0/8 or ::1 (also written out, or IPv4-mapped), or the name
 * `localhost`. Anything that needs DNS to tell is not loopback, so the answer
 * never depends on a lookup (and a lookup never happens before the answer).
 */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1);
  const zone = h.indexOf('%');
  if (zone >= 0 && h.includes(':')) h = h.slice(0, zone);
  return h;
}

export function isLoopbackHost(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost') return true;
  if (isIPv4(h)) return h.startsWith('127.');
  if (isIP(h) === 6) {
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
    if (mapped) return isIPv4(mapped[1]!) && mapped[1]!.startsWith('127.');
    return expandIPv6(h) === '0000:0000:0000:0000:0000:0000:0000:0001';
  }
  return false;
}

/** Fully expanded lower-case form of an IPv6 literal without embedded IPv4. */
function expandIPv6(h: string): string | undefined {
  if (h.includes('.')) return undefined;
  const [head, tail] = h.includes('::') ? h.split('::') : [h, undefined];
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined && missing !== 0) return undefined;
  const parts = [...left, ...Array(Math.max(missing, 0)).fill('0'), ...right];
  return parts.map((p) => p.padStart(4, '0')).join(':');
}
