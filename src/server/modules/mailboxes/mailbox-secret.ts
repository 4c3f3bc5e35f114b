import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Mailbox passwords are stored encrypted (AES-256-GCM) so a database dump or backup alone does not hand out
 * the company's mail credentials. The key lives beside the data, in DATA_DIR/secrets/mailbox.key (0600),
 * created on first use; app nodes share it the same way they share DATA_DIR for attachments.
 * See docs/decisions/012-sales-mailbox-intake.md.
 */
const FORMAT = 'v1';

function keyPath(dataDir: string) {
  return path.join(dataDir, 'secrets', 'mailbox.key');
}

const cache = new Map<string, Buffer>();

function loadKey(dataDir: string): Buffer {
  const file = keyPath(dataDir);
  const cached = cache.get(file);
  if (cached) return cached;
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    // `wx`: two nodes starting together never overwrite each other's key.
    fs.writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} is not a 32-byte base64 key`);
  cache.set(file, key);
  return key;
}

export function encryptSecret(dataDir: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loadKey(dataDir), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

export function decryptSecret(dataDir: string, stored: string): string {
  const [format, iv, tag, data] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || data === undefined)
    throw new Error('The stored mailbox password has an unknown format: enter it again');
  try {
    const decipher = createDecipheriv('aes-256-gcm', loadKey(dataDir), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(
      `The stored mailbox password cannot be decrypted with ${keyPath(dataDir)} (key changed or missing?): enter the password again`,
    );
  }
}
