import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Secrets the server must read back (mailbox passwords, calendar feed tokens) are stored sealed with AES-256-GCM as
 * `v1:<iv>:<tag>:<data>`, so a database dump or backup alone does not give them away. Each kind has its own key in
 * DATA_DIR/secrets/<keyFile> (0600), created on first use; app nodes share it as they share DATA_DIR.
 */
const FORMAT = 'v1';
const keys = new Map<string, Buffer>();

/** The path of a sealing key (for messages that tell the operator which file to look at). */
export function sealingKeyPath(dataDir: string, keyFile: string): string {
  return path.join(dataDir, 'secrets', keyFile);
}

function loadKey(dataDir: string, keyFile: string): Buffer {
  const file = sealingKeyPath(dataDir, keyFile);
  const cached = keys.get(file);
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
  keys.set(file, key);
  return key;
}

export function seal(dataDir: string, keyFile: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loadKey(dataDir, keyFile), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
}

/**
 * The plain text of a sealed value, or why it cannot be had: `format` when `stored` is not a sealed value,
 * `key` when the key cannot open it (replaced, missing or damaged).
 */
export function unseal(dataDir: string, keyFile: string, stored: string): { plain: string } | { failed: 'format' | 'key' } {
  const [format, iv, tag, data] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || data === undefined) return { failed: 'format' };
  try {
    const decipher = createDecipheriv('aes-256-gcm', loadKey(dataDir, keyFile), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return { plain: Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8') };
  } catch {
    return { failed: 'key' };
  }
}
