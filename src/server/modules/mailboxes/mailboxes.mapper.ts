import type { Mailbox, MailboxStatus, MailboxTls } from '../../../domain/mailboxes/mailbox.schema.js';
import type { MailboxRow } from './mailboxes.repo.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toMailboxStatus(row: MailboxRow, at: Date): MailboxStatus {
  return {
    lastSyncAt: iso(row.lastSyncAt),
    lastSuccessAt: iso(row.lastSuccessAt),
    lastError: row.lastError,
    lastErrorAt: iso(row.lastErrorAt),
    processedCount: row.processedCount,
    uidValidity: row.uidValidity === null ? null : Number(row.uidValidity),
    lastUid: Number(row.lastUid),
    syncing: Boolean(row.lockedUntil && row.lockedUntil > at),
  };
}

export function toMailbox(row: MailboxRow, at: Date): Mailbox {
  return {
    id: row.id,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    createdBy: row.createdBy,
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
    deletedAt: iso(row.deletedAt),
    status: toMailboxStatus(row, at),
  };
}
