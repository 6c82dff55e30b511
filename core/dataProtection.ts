/**
 * Personal data at rest: AES-256-GCM encryption bound to the row it belongs to, and keyed
 * hashes (HMAC-SHA256) for equality lookups (the same phone on two sellers) without storing the
 * value. Both keys are derived from one master key with HKDF so they can never be the same.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface DataProtector {
  /** `context` (e.g. `seller_vetting:<id>:declared`) is authenticated: a ciphertext copied to another row will not decrypt */
  encrypt(plaintext: Buffer | string, context: string): Uint8Array<ArrayBuffer>;
  decrypt(ciphertext: Uint8Array, context: string): Buffer;
  decryptJson<T>(ciphertext: Uint8Array, context: string): T;
  encryptJson(value: unknown, context: string): Uint8Array<ArrayBuffer>;
  /** deterministic keyed hash of a normalised identifier, hex */
  keyedHash(kind: string, normalisedValue: string): string;
}

export function createDataProtector(masterKey: Buffer): DataProtector {
  if (masterKey.length !== 32) throw new Error('the data encryption key must be 32 bytes');
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('bonafide/encryption/v1');
  const hashKey = derive('bonafide/identifier-hash/v1');

  // Uint8Array<ArrayBuffer> is what Prisma's Bytes columns take.
  const encrypt = (plaintext: Buffer | string, context: string): Uint8Array<ArrayBuffer> => {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', encryptionKey, iv);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new Uint8Array(Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]));
  };
  const decrypt = (ciphertext: Uint8Array, context: string): Buffer => {
    const data = Buffer.from(ciphertext);
    if (data[0] !== FORMAT_VERSION) throw new Error(`unknown ciphertext format ${data[0]}`);
    const iv = data.subarray(1, 1 + IV_BYTES);
    const tag = data.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', encryptionKey, iv);
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
  };
  return {
    encrypt,
    decrypt,
    encryptJson: (value, context) => encrypt(JSON.stringify(value), context),
    decryptJson: <T>(ciphertext: Uint8Array, context: string) => JSON.parse(decrypt(ciphertext, context).toString('utf8')) as T,
    keyedHash: (kind, value) => createHmac('sha256', hashKey).update(`${kind}\u0000${value}`).digest('hex'),
  };
}

export const DATA_KEY_FILE = 'data-encryption-key';

/**
 * The master key: DATA_ENCRYPTION_KEY (base64 of 32 bytes) when set; otherwise the development
 * key that `npm run setup` writes into the data folder.
 */
export function resolveDataKey(configured: string, dataDir: string): Buffer {
  const encoded = configured || (existsSync(path.join(dataDir, DATA_KEY_FILE)) ? readFileSync(path.join(dataDir, DATA_KEY_FILE), 'utf8').trim() : '');
  if (!encoded) {
    throw new Error(`DATA_ENCRYPTION_KEY is not set and ${path.join(dataDir, DATA_KEY_FILE)} does not exist (npm run setup creates a development key)`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error('DATA_ENCRYPTION_KEY must be the base64 encoding of 32 random bytes');
  return key;
}

export const generateDataKey = (): string => randomBytes(32).toString('base64');

/** Normal forms, so the same identifier written two ways hashes the same. */
export const normaliseIdentifier = {
  email: (value: string) => value.trim().toLowerCase(),
  phone: (value: string) => value.replace(/[^\d+]/g, '').replace(/^00/, '+'),
  document_number: (value: string) => value.toUpperCase().replace(/[^A-Z0-9]/g, ''),
  payout_account: (value: string) => value.trim(),
  device: (value: string) => value.trim(),
} as const;
