import { BlockList, isIP } from 'node:net';
import { Type } from '@sinclair/typebox';
import type { OperatorDefinition } from './operator.js';

interface Range {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** "10.0.0.0/8" or "203.0.113.7" (a single address is a /32 or /128). */
const parseRange = (text: string): Range | undefined => {
  const [address = '', bits] = text.trim().split('/');
  const v = isIP(address);
  if (v === 0) return undefined;
  const family = v === 4 ? 'ipv4' : 'ipv6';
  const max = v === 4 ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return undefined;
  return { address, prefix, family };
};

export const cidrContains: OperatorDefinition<string> = {
  name: 'cidr-contains',
  description:
    'A CIDR block (like a security-group rule\'s CidrIp) that contains the address or the whole range given. `0.0.0.0/0` contains everything IPv4.',
  operand: Type.String(),
  compile: (operand) => {
    const want = parseRange(operand);
    if (!want) throw new Error(`"${operand}" is not an IP address or CIDR block`);
    const cache = new Map<string, boolean>();
    return (a) => {
      if (typeof a !== 'string') return false;
      const hit = cache.get(a);
      if (hit !== undefined) return hit;
      const block = parseRange(a);
      let result = false;
      if (block && block.family === want.family && block.prefix <= want.prefix) {
        const list = new BlockList();
        list.addSubnet(block.address, block.prefix, block.family);
        result = list.check(want.address, want.family);
      }
      if (cache.size < 10_000) cache.set(a, result);
      return result;
    };
  },
  describe: (x) => `a block containing ${x}`,
  expected: (x) => `a block not containing ${x}`,
  example: { operand: '203.0.113.7', matches: ['0.0.0.0/0', '203.0.113.0/24'], misses: ['10.0.0.0/8', '::/0', 'nonsense', undefined] },
};
