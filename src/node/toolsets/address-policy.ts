/**
 * What kind of network address an IP address is (public, loopback, private, link-local, cloud metadata, reserved),
 * and the policy the http toolset checks every connected address against. IPv4 addresses embedded in IPv6
 * (mapped `::ffff:a.b.c.d`, compatible `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the
 * IPv4 address inside.
 * @module
 */
import { isIPv4, isIPv6 } from 'node:net';
import { ToolRefusedError } from '../../common/errors.js';

/** The kind of an IP address. `reserved` (unspecified, multicast, documentation, benchmark…) is never reachable. */
export type AddressKind = 'public' | 'loopback' | 'private' | 'link-local' | 'metadata' | 'reserved';

/** Which non-public kinds may be reached (all `false` by default). */
export interface AddressAllowance {
  /** `127.0.0.0/8`, `::1`. */
  loopback?: boolean;
  /** `10/8`, `172.16/12`, `192.168/16`, `100.64/10`, `fc00::/7`, `fec0::/10`. */
  private?: boolean;
  /** `169.254/16`, `fe80::/10` (metadata addresses excepted). */
  linkLocal?: boolean;
  /** Cloud metadata: `169.254.169.254`, `100.100.100.200`, `fd00:ec2::254`. */
  metadata?: boolean;
}

type Range4 = readonly [base: number, prefix: number, kind: AddressKind];

const V4 = (text: string): number => text.split('.').reduce((sum, octet) => sum * 256 + Number(octet), 0);

/** Checked in order: the first range that contains the address decides (metadata before its wider ranges). */
const RANGES_V4: readonly Range4[] = (
  [
    ['169.254.169.254', 32, 'metadata'],
    ['100.100.100.200', 32, 'metadata'],
    ['0.0.0.0', 8, 'reserved'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'private'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.0.0', 24, 'reserved'],
    ['192.0.2.0', 24, 'reserved'],
    ['192.88.99.0', 24, 'reserved'],
    ['192.168.0.0', 16, 'private'],
    ['198.18.0.0', 15, 'reserved'],
    ['198.51.100.0', 24, 'reserved'],
    ['203.0.113.0', 24, 'reserved'],
    ['224.0.0.0', 4, 'reserved'],
    ['240.0.0.0', 4, 'reserved'],
  ] as const
).map(([base, prefix, kind]) => [V4(base), prefix, kind] as const);

function kindOfV4(value: number): AddressKind {
  for (const [base, prefix, kind] of RANGES_V4) {
    const size = 2 ** (32 - prefix);
    if (value >= base && value < base + size) return kind;
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part is folded into the last two). */
function groupsOfV6(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const v4 = V4(dotted[1]);
    text = `${text.slice(0, dotted.index)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  return [...left, ...Array.from({ length: missing }, () => '0'), ...right].map((group) => Number.parseInt(group, 16));
}

function kindOfV6(address: string): AddressKind {
  const g = groupsOfV6(address);
  const v4At = (index: number) => (g[index] ?? 0) * 65536 + (g[index + 1] ?? 0);
  const zeroUpTo = (count: number) => g.slice(0, count).every((group) => group === 0);
  const first = g[0] ?? 0;
  if (zeroUpTo(8)) return 'reserved';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  if (zeroUpTo(5) && g[5] === 0xffff) return kindOfV4(v4At(6)); // IPv4-mapped
  if (zeroUpTo(6)) return kindOfV4(v4At(6)); // IPv4-compatible (deprecated)
  if (first === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return kindOfV4(v4At(6));
  if (first === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private'; // local-use NAT64
  // The rest of ::/8 (SIIT ::ffff:0:a.b.c.d, …) holds no global unicast address: never a public one.
  if (first <= 0xff) return 'reserved';
  if (first === 0x2002) return kindOfV4(v4At(1)); // 6to4
  if (first === 0x2001 && g[1] === 0) return 'reserved'; // Teredo: the client address inside is obfuscated
  if (first === 0x2001 && g[1] === 0xdb8) return 'reserved'; // documentation
  if (first === 0x100 && g.slice(1, 4).every((group) => group === 0)) return 'reserved'; // discard
  if (first === 0xfd00 && g[1] === 0xec2 && g.slice(2, 7).every((group) => group === 0) && g[7] === 0x254)
    return 'metadata';
  if ((first & 0xfe00) === 0xfc00) return 'private'; // unique local
  if ((first & 0xffc0) === 0xfec0) return 'private'; // site-local (deprecated)
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xff00) === 0xff00) return 'reserved'; // multicast
  return 'public';
}

/** The kind of an IP address (`reserved` for anything that is not one). */
export function addressKind(address: string): AddressKind {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  if (isIPv4(bare)) return kindOfV4(V4(bare));
  if (isIPv6(bare)) return kindOfV6(bare);
  return 'reserved';
}

const ALLOWANCE_OF: Readonly<Record<Exclude<AddressKind, 'public' | 'reserved'>, keyof AddressAllowance>> = {
  loopback: 'loopback',
  private: 'private',
  'link-local': 'linkLocal',
  metadata: 'metadata',
};

/**
 * Refuses (a {@link ToolRefusedError} with reason `private-address`) an address the allowance does not let the
 * toolset reach; `target` names what the model asked for in the message.
 */
export function checkAddress(address: string, allow: AddressAllowance, target: string): void {
  const kind = addressKind(address);
  if (kind === 'public') return;
  if (kind !== 'reserved' && allow[ALLOWANCE_OF[kind]] === true) return;
  const what =
    kind === 'metadata'
      ? 'a cloud metadata address'
      : kind === 'reserved'
        ? 'a reserved address (unspecified, multicast or documentation)'
        : `a ${kind} address`;
  throw new ToolRefusedError(
    'private-address',
    `Refused: ${target} is ${what} (${address}); only public internet addresses are reachable.`,
  );
}
