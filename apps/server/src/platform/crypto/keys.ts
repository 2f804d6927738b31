/**
 * Where the personal-data keys come from: LINLI_SECRET_KEY (and LINLI_SECRET_KEY_PREVIOUS while
 * rotating); for an embedded install without one, a key generated once into <dataDir>/secret.key.
 * An external database without a configured key refuses to start: a key kept beside the data it
 * protects would protect nothing in a real deployment.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createFieldCrypto, generateKey, parseKey, type FieldCrypto } from './field-crypto.ts';

export interface KeySettings {
  secretKey: string | undefined;
  previousSecretKeys: string[];
  indexKey: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
}

export function loadFieldCrypto(s: KeySettings, log: (m: string) => void = () => undefined): FieldCrypto {
  let secret = s.secretKey;
  if (!secret) {
    if (s.databaseUrl) {
      throw new Error(
        '使用外部数据库（DATABASE_URL）时必须设置 LINLI_SECRET_KEY（个人信息加密密钥，32 字节，可用 openssl rand -base64 32 生成）。',
      );
    }
    const file = path.join(s.dataDir, 'secret.key');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(s.dataDir, { recursive: true });
      fs.writeFileSync(file, `${generateKey()}\n`, { mode: 0o600, flag: 'wx' });
      log(`已生成个人信息加密密钥 ${file}（请妥善备份；生产环境请改用 LINLI_SECRET_KEY）`);
    }
    secret = fs.readFileSync(file, 'utf8');
  }
  const current = parseKey(secret, 'LINLI_SECRET_KEY');
  const previous = s.previousSecretKeys.map((k, i) => parseKey(k, `LINLI_SECRET_KEY_PREVIOUS[${i}]`));
  const index = s.indexKey ? parseKey(s.indexKey, 'LINLI_INDEX_KEY') : current;
  return createFieldCrypto(current, previous, index);
}
