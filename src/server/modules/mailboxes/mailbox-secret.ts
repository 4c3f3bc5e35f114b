import { seal, sealingKeyPath, unseal } from '../../platform/sealed.js';

/**
 * Mailbox passwords are stored sealed (AES-256-GCM, see platform/sealed.ts) so a database dump or backup alone does
 * not hand out the company's mail credentials; the key is DATA_DIR/secrets/mailbox.key.
 * See docs/decisions/012-sales-mailbox-intake.md.
 */
const KEY_FILE = 'mailbox.key';

export function encryptSecret(dataDir: string, plain: string): string {
  return seal(dataDir, KEY_FILE, plain);
}

export function decryptSecret(dataDir: string, stored: string): string {
  const opened = unseal(dataDir, KEY_FILE, stored);
  if ('plain' in opened) return opened.plain;
  if (opened.failed === 'format') throw new Error('The stored mailbox password has an unknown format: enter it again');
  throw new Error(
    `The stored mailbox password cannot be decrypted with ${sealingKeyPath(dataDir, KEY_FILE)} (key changed or missing?): enter the password again`,
  );
}
