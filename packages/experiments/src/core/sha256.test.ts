import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, sha256Hex } from './sha256';

// Known answers: FIPS 180-4's examples (NIST CSRC "Examples with Intermediate Values", SHA-256)
// and the one-million-'a' vector of FIPS 180-2 Appendix B.3.
describe('sha256 (FIPS 180-4)', () => {
  it('matches the standard test vectors', () => {
    expect(sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with Node on every length across the 55/56/64-byte padding edges, UTF-8 text included', () => {
    for (let n = 0; n < 200; n++) {
      const text = `${n}:${'é'.repeat(n % 7)}${'x'.repeat(n)}`;
      expect(sha256Hex(text), text).toBe(createHash('sha256').update(text).digest('hex'));
      const bytes = new Uint8Array(randomBytes(n));
      expect(Buffer.from(sha256(bytes)).equals(createHash('sha256').update(bytes).digest())).toBe(
        true,
      );
    }
  });

  it('hashes a subarray view by its own bytes, not its buffer', () => {
    const whole = new TextEncoder().encode('xxabcxx');
    expect(sha256Hex(whole.subarray(2, 5))).toBe(sha256Hex('abc'));
  });
});
