import {
  defaultImapPort,
  isLocalHost,
  type Mailbox,
  type MailboxCreate,
  type MailboxStatus,
  type MailboxUpdate,
  type SyncResult,
} from '../../../domain/mailboxes/mailbox.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireIntakeUser } from '../leads/lead-intake.js';
import { requireTeam } from '../users/users.lookup.js';
import { encryptSecret } from './mailbox-secret.js';
import { syncMailbox } from './mailbox-sync.js';
import { toMailbox, toMailboxStatus } from './mailboxes.mapper.js';
import { findMailboxRow, insertMailboxRow, listMailboxRows, updateMailboxRow } from './mailboxes.repo.js';

/** Mailboxes hold company mail credentials: every use case here is for administrators only. */

async function visibleRow(conn: Conn, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  assertAdmin(actor);
  const row = await findMailboxRow(conn, id);
  if (!row || (row.deletedAt && !opts.deleted)) throw notFound('Mailbox');
  return row;
}

export async function getMailbox(conn: Conn, actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<Mailbox> {
  return toMailbox(await visibleRow(conn, actor, id, opts), now());
}

export async function getMailboxStatus(conn: Conn, actor: Actor, id: string): Promise<MailboxStatus> {
  return toMailboxStatus(await visibleRow(conn, actor, id), now());
}

export async function listMailboxes(db: Db, actor: Actor, query: { deleted: boolean }) {
  assertAdmin(actor);
  const at = now();
  return { data: (await listMailboxRows(db, { deleted: query.deleted })).map((r) => toMailbox(r, at)), nextCursor: null };
}

function checkPlainText(host: string, tls: string) {
  if (tls === 'none' && !isLocalHost(host)) {
    throw invalidField('tls', 'none (no encryption) is allowed only for localhost; use implicit or starttls');
  }
}

export async function createMailbox(db: Db, dataDir: string, actor: Actor, input: MailboxCreate): Promise<Mailbox> {
  assertAdmin(actor);
  checkPlainText(input.host, input.tls);
  const id = newId();
  return inTransaction(db, async (tx) => {
    if (input.teamId) await requireTeam(tx, input.teamId);
    const intakeUserId = input.intakeUserId ?? actor.id;
    await requireIntakeUser(tx, intakeUserId);
    const at = now();
    await insertMailboxRow(tx, {
      id,
      name: input.name,
      host: input.host,
      port: input.port ?? defaultImapPort(input.tls),
      tls: input.tls,
      username: input.username,
      passwordEncrypted: encryptSecret(dataDir, input.password),
      folder: input.folder,
      pollMinutes: input.pollMinutes,
      teamId: input.teamId ?? null,
      intakeUserId,
      active: input.active,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    });
    return getMailbox(tx, actor, id);
  });
}

// Pointing the mailbox at another server, account or folder makes its UID state meaningless.
const LOCATION_FIELDS = ['host', 'port', 'username', 'folder'] as const;

export async function updateMailbox(
  db: Db,
  dataDir: string,
  actor: Actor,
  id: string,
  input: MailboxUpdate,
  ifMatch: number | undefined,
): Promise<Mailbox> {
  return inTransaction(db, async (tx) => {
    const current = await visibleRow(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    checkPlainText(input.host ?? current.host, input.tls ?? current.tls);
    if (input.teamId) await requireTeam(tx, input.teamId);
    if (input.intakeUserId && input.intakeUserId !== current.intakeUserId) await requireIntakeUser(tx, input.intakeUserId);
    const { password, ...rest } = input;
    const changed = Object.entries(rest).some(([k, v]) => v !== undefined && v !== current[k as keyof typeof current]);
    if (!changed && password === undefined) return toMailbox(current, now());
    const moved = LOCATION_FIELDS.some((f) => rest[f] !== undefined && rest[f] !== current[f]);
    const ok = await updateMailboxRow(tx, id, current.version, {
      ...rest,
      ...(password !== undefined ? { passwordEncrypted: encryptSecret(dataDir, password) } : {}),
      ...(moved ? { uidValidity: null, lastUid: 0 } : {}),
      // A new password or server deserves a fresh verdict from the next sync.
      ...(moved || password !== undefined ? { lastError: null, lastErrorAt: null } : {}),
      updatedAt: now(),
    });
    if (!ok) throw stale();
    return getMailbox(tx, actor, id);
  });
}

export async function deleteMailbox(db: Db, actor: Actor, id: string, ifMatch?: number) {
  await inTransaction(db, async (tx) => {
    const current = await visibleRow(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (!(await updateMailboxRow(tx, id, current.version, { deletedAt: now(), updatedAt: now() }))) throw stale();
  });
}

export async function restoreMailbox(db: Db, actor: Actor, id: string): Promise<Mailbox> {
  return inTransaction(db, async (tx) => {
    const current = await visibleRow(tx, actor, id, { deleted: true });
    if (current.deletedAt && !(await updateMailboxRow(tx, id, current.version, { deletedAt: null, updatedAt: now() })))
      throw stale();
    return getMailbox(tx, actor, id);
  });
}

/** "Sync now": the same sync the poller runs; a connection or login failure comes back as `ok: false`. */
export async function syncMailboxNow(db: Db, dataDir: string, actor: Actor, id: string): Promise<SyncResult> {
  await visibleRow(db, actor, id);
  return syncMailbox(db, dataDir, id);
}
