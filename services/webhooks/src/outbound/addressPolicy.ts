import ipaddr from 'ipaddr.js';

type IP = ipaddr.IPv4 | ipaddr.IPv6;

/** One network of an allowlist: an address and its prefix length. */
export interface Network {
  readonly address: IP;
  readonly prefix: number;
}

/** Networks a deployment lets webhooks reach although the policy would refuse them (a local receiver). */
export type AllowedNetworks = readonly Network[];

/** Whether a webhook may connect to an address, and why not. */
export type AddressDecision = { allowed: true } | { allowed: false; reason: string };

/** What an address is, after unwrapping an IPv4 address carried inside an IPv6 one. */
export interface AddressClass {
  /** `unicast` is public unicast, the only range allowed by default. */
  range: string;
  /** The address the range was decided on: the embedded IPv4 address, or the address itself. */
  effective: IP;
  /** The cloud whose metadata service listens on this address. */
  metadataOf?: string;
}

const network = (cidr: string): Network => {
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  return { address, prefix };
};

// Metadata services hand out the instance's cloud credentials: the classic SSRF prize. Several sit in
// ranges refused anyway, but naming them keeps them refused when an allowlist opens their range, and
// 168.63.129.16 is otherwise public unicast.
const cloudMetadata: readonly (readonly [string, string])[] = [
  ['169.254.169.254', 'AWS, GCP, Azure, OpenStack and most others'],
  ['169.254.170.2', 'AWS ECS task credentials'],
  ['169.254.170.23', 'AWS EKS Pod Identity'],
  ['fd00:ec2::254', 'AWS IPv6 instance metadata'],
  ['fd00:ec2::23', 'AWS EKS Pod Identity IPv6'],
  ['100.100.100.200', 'Alibaba Cloud'],
  ['192.0.0.192', 'Oracle Cloud'],
  ['169.254.0.23', 'Tencent Cloud'],
  ['168.63.129.16', 'Azure WireServer'],
];
const metadataByAddress: ReadonlyMap<string, string> = new Map(
  cloudMetadata.map(([address, cloud]) => [ipaddr.parse(address).toNormalizedString(), cloud]),
);

// Checked before ipaddr.js's own ranges: they give a refusal a more precise name than its `reserved`,
// and cover what it files under `unicast` or under an IPv6 range without embedded IPv4.
const namedRanges: readonly (readonly [string, readonly Network[]])[] = [
  [
    'documentation',
    ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].map(network),
  ],
  ['benchmarking', ['198.18.0.0/15', '2001:2::/48'].map(network)],
  ['ietfProtocolAssignment', ['192.0.0.0/24'].map(network)],
  // RFC 8215: a NAT64 prefix for a site's own translators, its embedded IPv4 is not at a fixed place.
  ['localNat64', ['64:ff9b:1::/48'].map(network)],
];

// IPv6 ranges whose last 32 bits are an IPv4 address the packet ends up at: mapped, translated
// (RFC 6145), well-known NAT64 (RFC 6052) and the deprecated IPv4-compatible form.
const embeddingIPv4 = ['::ffff:0:0/96', '::ffff:0:0:0/96', '64:ff9b::/96', '::/96'].map(network);

const globalUnicastV6 = network('2000::/3');

const within = (address: IP, net: Network): boolean =>
  address.kind() === net.address.kind() && address.match(net.address, net.prefix);

function unwrap(address: IP): IP {
  if (address.kind() === 'ipv4') return address;
  const range = address.range();
  // `::` and `::1` sit in ::/96 but are IPv6's own unspecified and loopback addresses.
  if (range === 'unspecified' || range === 'loopback') return address;
  if (!embeddingIPv4.some((net) => within(address, net))) return address;
  const bytes = address.toByteArray();
  return ipaddr.fromByteArray(bytes.slice(12));
}

/** Parses an IP address written as DNS and URLs give it; undefined when it is not one. */
export function parseAddress(text: string): IP | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  // ipaddr.js also takes `127.1` and `0x7f.0.0.1`; URLs and DNS never give those, so they are not IPs.
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (ipaddr.IPv6.isValid(bare) && !bare.includes('%')) return ipaddr.IPv6.parse(bare);
  return undefined;
}

/** Names the range an address belongs to; a mapped or translated IPv6 address by its IPv4 one. */
export function classifyAddress(address: IP): AddressClass {
  const effective = unwrap(address);
  const metadataOf = metadataByAddress.get(effective.toNormalizedString());
  if (metadataOf) return { range: 'cloudMetadata', effective, metadataOf };
  const named = namedRanges.find(([, nets]) => nets.some((net) => within(effective, net)));
  if (named) return { range: named[0], effective };
  const range = effective.range();
  // Only 2000::/3 is handed out as global unicast; elsewhere ipaddr.js says `unicast` for lack of a name.
  if (range === 'unicast' && !within(effective, globalUnicastV6) && effective.kind() === 'ipv6') {
    return { range: 'unallocated', effective };
  }
  return { range, effective };
}

const isExactly = (net: Network, address: IP): boolean =>
  net.prefix === (address.kind() === 'ipv4' ? 32 : 128) && within(address, net);

/**
 * Decides whether a webhook may connect to an address: public unicast, or inside an allowed network.
 * A cloud metadata address stays refused unless the allowlist names that very address.
 */
export function decideAddress(text: string, allowed: AllowedNetworks): AddressDecision {
  const address = parseAddress(text);
  if (!address) return { allowed: false, reason: `${text} is not an IP address` };
  const { range, effective, metadataOf } = classifyAddress(address);
  const shown = effective === address ? text : `${text} (IPv4 ${effective.toString()})`;
  if (metadataOf) {
    if (allowed.some((net) => isExactly(net, effective) || isExactly(net, address))) return { allowed: true };
    return { allowed: false, reason: `${shown} is a cloud metadata address (${metadataOf})` };
  }
  if (range === 'unicast') return { allowed: true };
  if (allowed.some((net) => within(effective, net) || within(address, net))) return { allowed: true };
  return { allowed: false, reason: `${shown} is in a refused range (${range})` };
}

/**
 * Parses a comma-separated list of networks (`127.0.0.0/8, ::1/128`; a bare address is one host).
 * Throws on the first entry that is not one, naming it.
 */
export function parseAllowedNetworks(list: string): AllowedNetworks {
  return list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const [addressText = '', prefixText, extra] = entry.split('/');
      const address = parseAddress(addressText);
      const bits = address?.kind() === 'ipv4' ? 32 : 128;
      const prefix =
        prefixText === undefined ? bits : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
      if (!address || extra !== undefined || !(prefix >= 0 && prefix <= bits)) {
        throw new Error(
          `invalid network "${entry}" in allowlist: expected an address with an optional prefix length, such as 127.0.0.0/8 or ::1/128`,
        );
      }
      // An IPv4-mapped network means its IPv4 network; matching is done on the unwrapped address.
      if (address.kind() === 'ipv6' && prefix >= 96 && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
        return { address: (address as ipaddr.IPv6).toIPv4Address(), prefix: prefix - 96 };
      }
      return { address, prefix };
    });
}
