/**
 * Personal data at rest (PIPL): ID and phone numbers are stored encrypted with AES-256-GCM and, for
 * exact lookup, as a keyed HMAC-SHA256 "blind index". Keys come from configuration; the key id is
 * kept with each ciphertext so that a rotation can re-encrypt old rows (docs/adr/0006).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface FieldCrypto {
  /** Id of the key new values are encrypted with. */
  currentKeyId: string;
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash of a normalised value, for `WHERE id_number_hash = $1`. */
  blindIndex(normalized: string): string;
  /** True when a stored value was encrypted with an older key. */
  isStale(stored: string): boolean;
}

const FORMAT = 'v1';

function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

/** Parse a base64 (or hex) 32-byte key, naming the variable on error. */
export function parseKey(text: string, name: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32)
    throw new Error(`${name} 应为 32 字节的密钥（base64 或 64 位十六进制），可用 openssl rand -base64 32 生成`);
  return key;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/**
 * @param current the key for new values; @param previous keys that still decrypt old values.
 * The blind-index key is derived from `indexSecret` (defaults to the current key) with HKDF, so that
 * it differs from the encryption key.
 */
export function createFieldCrypto(
  current: Buffer,
  previous: Buffer[] = [],
  indexSecret: Buffer = current,
): FieldCrypto {
  const keys = new Map<string, Buffer>([
    [keyIdOf(current), current],
    ...previous.map((k) => [keyIdOf(k), k] as [string, Buffer]),
  ]);
  const currentKeyId = keyIdOf(current);
  const indexKey = Buffer.from(
    hkdfSync('sha256', indexSecret, Buffer.from('linli'), Buffer.from('blind-index-v1'), 32),
  );
  return {
    currentKeyId,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${FORMAT}.${currentKeyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const [format, keyId, payload] = stored.split('.');
      if (format !== FORMAT || !keyId || !payload) throw new Error('密文格式不正确');
      const key = keys.get(keyId);
      if (!key) throw new Error(`缺少解密密钥 ${keyId}：请在 LINLI_SECRET_KEY_PREVIOUS 中提供旧密钥`);
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(normalized) {
      return createHmac('sha256', indexKey).update(normalized, 'utf8').digest('base64url');
    },
    isStale(stored) {
      return !stored.startsWith(`${FORMAT}.${currentKeyId}.`);
    },
  };
}
