import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { randomToken, sha256 } from '../../platform/tokens.js';

/**
 * Feed tokens are looked up by their SHA-256 and kept otherwise only encrypted (AES-256-GCM, key in
 * DATA_DIR/secrets/calendar-feed.key, created on first use and shared by app nodes like DATA_DIR itself): a
 * database dump alone does not hand out working feed URLs, yet the signed-in user can see the URL again.
 */
const FORMAT = 'v1';
const keys = new Map<string, Buffer>();

function loadKey(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secrets', 'calendar-feed.key');
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

export function newFeedToken(dataDir: string) {
  const token = randomToken(24);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', loadKey(dataDir), iv);
  const data = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  const encrypted = [FORMAT, iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  return { token, hash: sha256(token), encrypted };
}

/** The token again, or null when it cannot be decrypted (key replaced): the caller issues a new one. */
export function decryptFeedToken(dataDir: string, stored: string): string | null {
  const [format, iv, tag, data] = stored.split(':');
  if (format !== FORMAT || !iv || !tag || data === undefined) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', loadKey(dataDir), Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export const feedTokenHash = sha256;
