import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDataProtector, normaliseIdentifier } from './dataProtection.ts';

const protector = createDataProtector(randomBytes(32));

describe('data protection', () => {
  it('round-trips and never stores the plaintext', () => {
    const sealed = protector.encrypt('X1234567', 'seller_vetting:a:document_number');
    expect(Buffer.from(sealed).includes(Buffer.from('X1234567'))).toBe(false);
    expect(protector.decrypt(sealed, 'seller_vetting:a:document_number').toString()).toBe('X1234567');
  });

  it('refuses a ciphertext moved to another row or tampered with', () => {
    const sealed = protector.encryptJson({ name: 'A' }, 'row:1');
    expect(() => protector.decrypt(sealed, 'row:2')).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => protector.decrypt(tampered, 'row:1')).toThrow();
  });

  it('encrypts the same value differently each time but hashes it the same', () => {
    expect(Buffer.from(protector.encrypt('v', 'c')).equals(Buffer.from(protector.encrypt('v', 'c')))).toBe(false);
    expect(protector.keyedHash('email', 'a@b.c')).toBe(protector.keyedHash('email', 'a@b.c'));
    expect(protector.keyedHash('email', 'a@b.c')).not.toBe(protector.keyedHash('phone', 'a@b.c'));
    expect(createDataProtector(randomBytes(32)).keyedHash('email', 'a@b.c')).not.toBe(protector.keyedHash('email', 'a@b.c'));
  });

  it('normalises identifiers written two ways to one form', () => {
    expect(normaliseIdentifier.email(' Ana@Example.COM ')).toBe('ana@example.com');
    expect(normaliseIdentifier.phone('0044 (20) 7946-0000')).toBe('+442079460000');
    expect(normaliseIdentifier.document_number('l898-902 c3')).toBe('L898902C3');
  });
});
