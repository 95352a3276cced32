import { existsSync, readFileSync } from 'node:fs';
import { endianness } from 'node:os';

/** Linux lists this network namespace's TCP sockets here; other systems have no such files. */
const PROC_NET_TCP = ['/proc/net/tcp', '/proc/net/tcp6'] as const;
const LISTEN_STATE = '0A';

export const canReadListeningSockets = (): boolean => PROC_NET_TCP.every((file) => existsSync(file));

/**
 * The kernel prints each address as 32-bit words in host byte order: 127.0.0.1 is 0100007F on a
 * little-endian machine. Returns the address in its usual text form; an IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d, what a dual-stack socket bound to an IPv4 address shows) gives the IPv4 form.
 */
export const decodeProcAddress = (hex: string): string => {
  const bytes: number[] = [];
  for (let word = 0; word < hex.length; word += 8) {
    const wordBytes = (hex.slice(word, word + 8).match(/../g) ?? []).map((pair) => Number.parseInt(pair, 16));
    bytes.push(...(endianness() === 'LE' ? wordBytes.reverse() : wordBytes));
  }
  if (bytes.length === 4) return bytes.join('.');
  const isIpv4Mapped =
    bytes.slice(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (isIpv4Mapped) return bytes.slice(12).join('.');
  const groups: string[] = [];
  for (let index = 0; index < 16; index += 2)
    groups.push((((bytes[index] ?? 0) << 8) | (bytes[index + 1] ?? 0)).toString(16));
  return groups.join(':');
};

/** The local addresses of every TCP socket listening on the port (IPv4 and IPv6), as the kernel reports them. */
export const listeningAddresses = (port: number): string[] =>
  PROC_NET_TCP.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/))
      .filter(([, local, , state]) => state === LISTEN_STATE && local !== undefined)
      .map(([, local]) => (local ?? '').split(':') as [string, string])
      .filter(([, hexPort]) => Number.parseInt(hexPort, 16) === port)
      .map(([hexAddress]) => decodeProcAddress(hexAddress)),
  );
