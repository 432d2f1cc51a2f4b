import { describe, expect, it } from 'vitest';
import { decideAddress, parseAllowedNetworks } from './addressPolicy';
import { decideUrl } from './urlPolicy';

const none = parseAllowedNetworks('');
const refusal = (address: string, allowed = none) => {
  const decision = decideAddress(address, allowed);
  return decision.allowed ? 'allowed' : decision.reason;
};

describe('decideAddress', () => {
  it.each(['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '2a00:1450::1'])(
    'allows public unicast %s',
    (address) => expect(decideAddress(address, none)).toEqual({ allowed: true }),
  );

  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['ff02::1', 'multicast'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.1', 'benchmarking'],
    ['2001:2::1', 'benchmarking'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'ietfProtocolAssignment'],
    ['2002:7f00:1::', '6to4'],
    ['2001::1', 'teredo'],
    ['64:ff9b:1::1', 'localNat64'],
    ['4000::1', 'unallocated'],
  ])('refuses %s as %s', (address, range) => {
    expect(refusal(address)).toBe(`${address} is in a refused range (${range})`);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'loopback'],
    ['::ffff:a00:1', '10.0.0.1', 'private'],
    ['::ffff:0:c0a8:101', '192.168.1.1', 'private'],
    ['64:ff9b::a64:1', '10.100.0.1', 'private'],
    ['::127.0.0.1', '127.0.0.1', 'loopback'],
  ])('judges %s by the IPv4 address it carries', (address, ipv4, range) => {
    expect(refusal(address)).toBe(`${address} (IPv4 ${ipv4}) is in a refused range (${range})`);
  });

  it('allows an embedded public IPv4 address', () => {
    expect(decideAddress('::ffff:8.8.8.8', none)).toEqual({ allowed: true });
    expect(decideAddress('64:ff9b::808:808', none)).toEqual({ allowed: true });
  });

  it.each([
    '169.254.169.254',
    '169.254.170.2',
    'fd00:ec2::254',
    '100.100.100.200',
    '192.0.0.192',
    '168.63.129.16',
    '::ffff:169.254.169.254',
    '64:ff9b::a9fe:a9fe',
  ])('refuses cloud metadata address %s', (address) => {
    expect(refusal(address)).toMatch(/is a cloud metadata address/);
  });

  it('refuses what is not an IP address', () => {
    expect(refusal('localhost')).toBe('localhost is not an IP address');
    expect(refusal('127.1')).toBe('127.1 is not an IP address');
  });
});

describe('allowlist', () => {
  const local = parseAllowedNetworks('127.0.0.0/8, ::1/128, 169.254.0.0/16, 0.0.0.0/0');

  it('opens the refused ranges it names, IPv4-mapped forms included', () => {
    expect(decideAddress('127.0.0.1', local)).toEqual({ allowed: true });
    expect(decideAddress('127.3.2.1', local)).toEqual({ allowed: true });
    expect(decideAddress('::1', local)).toEqual({ allowed: true });
    expect(decideAddress('::ffff:127.0.0.1', local)).toEqual({ allowed: true });
    expect(decideAddress('169.254.1.1', local)).toEqual({ allowed: true });
    expect(refusal('fe80::1', local)).toBe('fe80::1 is in a refused range (linkLocal)');
  });

  it('keeps cloud metadata refused inside an allowed network, even 0.0.0.0/0', () => {
    expect(refusal('169.254.169.254', local)).toMatch(/cloud metadata/);
    expect(refusal('100.100.100.200', local)).toMatch(/cloud metadata/);
    expect(refusal('fd00:ec2::254', parseAllowedNetworks('fd00::/8, ::/0'))).toMatch(/cloud metadata/);
  });

  it('opens a cloud metadata address only when it names that very address', () => {
    expect(decideAddress('169.254.169.254', parseAllowedNetworks('169.254.169.254/32'))).toEqual({
      allowed: true,
    });
    expect(decideAddress('169.254.169.254', parseAllowedNetworks('169.254.169.254'))).toEqual({
      allowed: true,
    });
    expect(decideAddress('::ffff:169.254.169.254', parseAllowedNetworks('169.254.169.254/32'))).toEqual({
      allowed: true,
    });
    expect(decideAddress('fd00:ec2::254', parseAllowedNetworks('fd00:ec2::254/128'))).toEqual({
      allowed: true,
    });
    expect(refusal('169.254.170.2', parseAllowedNetworks('169.254.169.254/32'))).toMatch(/cloud metadata/);
  });
});

describe('parseAllowedNetworks', () => {
  it('reads a comma-separated list, spaces and empty entries allowed', () => {
    expect(parseAllowedNetworks('')).toEqual([]);
    expect(parseAllowedNetworks(' 10.0.0.0/8 ,, ::1/128 ')).toHaveLength(2);
  });

  it('treats an IPv4-mapped network as its IPv4 network', () => {
    const [mapped] = parseAllowedNetworks('::ffff:10.0.0.0/104');
    expect(mapped?.address.toString()).toBe('10.0.0.0');
    expect(mapped?.prefix).toBe(8);
  });

  it.each([
    '10.0.0.0/33',
    '::1/129',
    'abc',
    'localhost/8',
    '10.0.0.0/8/1',
    '127.1/8',
    '10.0.0.0/',
    '10.0.0.0/x',
  ])('refuses %s, naming it', (entry) => {
    expect(() => parseAllowedNetworks(`127.0.0.0/8,${entry}`)).toThrow(
      `invalid network "${entry}" in allowlist`,
    );
  });
});

describe('decideUrl', () => {
  const decide = (url: string) => decideUrl(new URL(url), none);

  it('lets host names through to the lookup, which checks what they resolve to', () => {
    expect(decide('https://hooks.example.com/x')).toEqual({ allowed: true, host: 'hooks.example.com' });
    expect(decide('http://8.8.8.8:8080/x')).toEqual({ allowed: true, host: '8.8.8.8' });
  });

  it('refuses IP-literal hosts in refused ranges, bracketed IPv6 and IPv4 spellings included', () => {
    expect(decide('http://127.0.0.1/')).toMatchObject({ allowed: false, address: '127.0.0.1' });
    expect(decide('http://[::1]:8080/')).toMatchObject({ allowed: false, address: '::1' });
    expect(decide('http://[::ffff:169.254.169.254]/')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/cloud metadata/) as unknown,
    });
    // URLs normalise these spellings to 127.0.0.1 and 0.0.0.0 before we see them.
    expect(decide('http://0x7f.1/')).toMatchObject({ allowed: false, address: '127.0.0.1' });
    expect(decide('http://2130706433/')).toMatchObject({ allowed: false, address: '127.0.0.1' });
    expect(decide('http://0/')).toMatchObject({ allowed: false, address: '0.0.0.0' });
  });

  it('refuses other schemes and credentials', () => {
    expect(decide('ftp://example.com/')).toMatchObject({
      allowed: false,
      reason: 'scheme ftp: is not http: or https:',
    });
    expect(decide('file:///etc/passwd')).toMatchObject({ allowed: false });
    expect(decide('https://user:pw@example.com/')).toMatchObject({
      allowed: false,
      reason: 'URL carries credentials (user:password@)',
    });
  });
});
