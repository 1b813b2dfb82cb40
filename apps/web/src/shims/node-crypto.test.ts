import { createHash as nodeCreateHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createHash } from './node-crypto';

describe('browser createHash(sha256)', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(createHash('sha256').update('abc').digest('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(createHash('sha256').update('').digest('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(
      createHash('sha256')
        .update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')
        .digest('hex'),
    ).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('agrees with Node on every length around the block boundaries, and on readUInt32BE', () => {
    for (let n = 0; n < 200; n++) {
      const text = `${n}:${'é'.repeat(n % 7)}${'x'.repeat(n)}`;
      expect(createHash('sha256').update(text).digest('hex'), text).toBe(
        nodeCreateHash('sha256').update(text).digest('hex'),
      );
      expect(
        (
          createHash('sha256').update(text).digest() as { readUInt32BE(o: number): number }
        ).readUInt32BE(0),
      ).toBe(nodeCreateHash('sha256').update(text).digest().readUInt32BE(0));
    }
  });

  it('refuses other algorithms', () => {
    expect(() => createHash('md5')).toThrow(
      "node:crypto createHash('md5') is not available in the browser",
    );
  });
});
