import { seal, unseal } from '../../platform/sealed.js';
import { randomToken, sha256 } from '../../platform/tokens.js';

/**
 * Feed tokens are looked up by their SHA-256 and kept otherwise only sealed (AES-256-GCM, see platform/sealed.ts, key
 * in DATA_DIR/secrets/calendar-feed.key): a database dump alone does not hand out working feed URLs, yet the
 * signed-in user can see the URL again.
 */
const KEY_FILE = 'calendar-feed.key';

export function newFeedToken(dataDir: string) {
  const token = randomToken(24);
  return { token, hash: sha256(token), encrypted: seal(dataDir, KEY_FILE, token) };
}

/** The token again, or null when it cannot be decrypted (key replaced): the caller issues a new one. */
export function decryptFeedToken(dataDir: string, stored: string): string | null {
  const opened = unseal(dataDir, KEY_FILE, stored);
  return 'plain' in opened ? opened.plain : null;
}

export const feedTokenHash = sha256;
