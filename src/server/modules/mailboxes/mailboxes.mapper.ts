import type { Mailbox, MailboxStatus, MailboxTls } from '../../../domain/mailboxes/mailbox.schema.js';
import { isoOrNull, recordMetaOf } from '../../platform/record-meta.js';
import type { MailboxRow } from './mailboxes.repo.js';

export function toMailboxStatus(row: MailboxRow, at: Date): MailboxStatus {
  return {
    lastSyncAt: isoOrNull(row.lastSyncAt),
    lastSuccessAt: isoOrNull(row.lastSuccessAt),
    lastError: row.lastError,
    lastErrorAt: isoOrNull(row.lastErrorAt),
    processedCount: row.processedCount,
    uidValidity: row.uidValidity === null ? null : Number(row.uidValidity),
    lastUid: Number(row.lastUid),
    syncing: Boolean(row.lockedUntil && row.lockedUntil > at),
  };
}

export function toMailbox(row: MailboxRow, at: Date): Mailbox {
  return {
    ...recordMetaOf(row),
    name: row.name,
    host: row.host,
    port: row.port,
    tls: row.tls as MailboxTls,
    username: row.username,
    hasPassword: Boolean(row.passwordEncrypted),
    folder: row.folder,
    pollMinutes: row.pollMinutes,
    teamId: row.teamId,
    intakeUserId: row.intakeUserId,
    active: row.active,
    deletedAt: isoOrNull(row.deletedAt),
    status: toMailboxStatus(row, at),
  };
}
