import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto, generateKey, parseKey } from './field-crypto.ts';

const k1 = parseKey(generateKey(), 'K1');
const k2 = parseKey(generateKey(), 'K2');

describe('field crypto', () => {
  it('round-trips any text, with a fresh IV each time', () => {
    const c = createFieldCrypto(k1);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const a = c.encrypt(s);
        expect(c.decrypt(a)).toBe(s);
        expect(c.encrypt(s)).not.toBe(a);
      }),
    );
  });

  it('detects tampering', () => {
    const c = createFieldCrypto(k1);
    const stored = c.encrypt('11010519491231002X');
    const [v, id, payload] = stored.split('.');
    const bytes = Buffer.from(payload!, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    expect(() => c.decrypt(`${v}.${id}.${bytes.toString('base64')}`)).toThrow();
  });

  it('decrypts values of a previous key after rotation and marks them stale', () => {
    const old = createFieldCrypto(k1);
    const stored = old.encrypt('13812345678');
    const rotated = createFieldCrypto(k2, [k1], k1);
    expect(rotated.decrypt(stored)).toBe('13812345678');
    expect(rotated.isStale(stored)).toBe(true);
    expect(rotated.isStale(rotated.encrypt('x'))).toBe(false);
    expect(() => createFieldCrypto(k2).decrypt(stored)).toThrow(/LINLI_SECRET_KEY_PREVIOUS/);
  });

  it('the blind index is deterministic, keyed, and independent of the encryption key when pinned', () => {
    const a = createFieldCrypto(k1);
    expect(a.blindIndex('11010519491231002X')).toBe(a.blindIndex('11010519491231002X'));
    expect(a.blindIndex('11010519491231002X')).not.toBe(createFieldCrypto(k2).blindIndex('11010519491231002X'));
    expect(createFieldCrypto(k2, [k1], k1).blindIndex('x')).toBe(a.blindIndex('x'));
  });

  it('refuses keys of the wrong size, naming the variable', () => {
    expect(() => parseKey('c2hvcnQ=', 'LINLI_SECRET_KEY')).toThrow(/LINLI_SECRET_KEY 应为 32 字节/);
    expect(parseKey('ab'.repeat(32), 'X').length).toBe(32);
  });
});
