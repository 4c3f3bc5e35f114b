import {
  type Contact,
  type ContactCreate,
  type ContactListQuery,
  type ContactUpdate,
  contactName,
} from '../../../domain/contacts/contact.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, assertReadable, assertWritable, canRead } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { findAccount } from '../accounts/accounts.repo.js';
import { notifyAssignment } from '../notifications/notification-producers.js';
import { diffFields } from '../stream/diff.js';
import { relinkEntries, updateEntries } from '../stream/entries.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';
import { CONTACT_DIFF_FIELDS, contactDiffShape, toContact } from './contacts.mapper.js';
import {
  type ContactFilter,
  contactSearchText,
  countContactRows,
  findContact,
  insertContact,
  listContactRows,
  updateContactRow,
} from './contacts.repo.js';

export async function getVisibleContact(conn: Conn, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const row = assertReadable(actor, 'contact', await findContact(conn, id), 'Contact');
  if (row.deletedAt && !opts.deleted) throw notFound('Contact');
  return toContact(row);
}

export async function listContacts(db: Db, actor: Actor, query: ContactListQuery) {
  const { rows, nextCursor } = await listContactRows(db, actor, query);
  return { data: rows.map(toContact), nextCursor };
}

export async function countContacts(db: Db, actor: Actor, query: ContactFilter) {
  return countContactRows(db, actor, query);
}

async function checkAccount(conn: Conn, actor: Actor, accountId: string) {
  const account = await findAccount(conn, accountId);
  if (!account || account.deletedAt || !canRead(actor, 'account', account)) throw invalidField('accountId', 'no such account');
  return account;
}

export async function createContact(db: Db, actor: Actor, input: ContactCreate): Promise<Contact> {
  return inTransaction(db, (tx) => createContactInTx(tx, actor, input));
}

/** Creates a contact inside the caller's transaction (lead conversion creates several records atomically). */
export async function createContactInTx(tx: Tx, actor: Actor, input: ContactCreate): Promise<Contact> {
  assertCanCreate(actor, 'contact');
  const ownerId = input.ownerId ?? actor.id;
  const id = newId();
  if (ownerId !== actor.id) {
    await requireActiveUser(tx, ownerId);
    assertCanAssign(actor, 'contact', ownerId);
  }
  if (input.accountId) await checkAccount(tx, actor, input.accountId);
  const at = now();
  const values = {
    id,
    firstName: input.firstName ?? null,
    lastName: input.lastName,
    title: input.title ?? null,
    emails: input.emails,
    phones: input.phones,
    accountId: input.accountId ?? null,
    street: input.address?.street ?? null,
    city: input.address?.city ?? null,
    postalCode: input.address?.postalCode ?? null,
    country: input.address?.country ?? null,
    notes: input.notes ?? null,
    ownerId,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  };
  await insertContact(tx, {
    ...values,
    emails: JSON.stringify(values.emails),
    phones: JSON.stringify(values.phones),
    searchText: contactSearchText(values),
  });
  const name = contactName(values);
  const entries: NewStreamEntry[] = [{ entityType: 'contact', entityId: id, type: 'create', actorId: actor.id, data: { name } }];
  if (values.accountId) {
    entries.push({
      entityType: 'account',
      entityId: values.accountId,
      type: 'create_related',
      actorId: actor.id,
      data: { relation: 'contacts', record: { type: 'contact', id, name } },
    });
  }
  await appendStream(tx, entries);
  return getVisibleContact(tx, actor, id);
}

export async function updateContact(db: Db, actor: Actor, id: string, input: ContactUpdate, ifMatch: number | undefined) {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleContact(tx, actor, id);
    assertWritable(actor, 'contact', current);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.ownerId && input.ownerId !== current.ownerId) {
      await requireActiveUser(tx, input.ownerId);
      assertCanAssign(actor, 'contact', input.ownerId);
    }
    if (input.accountId && input.accountId !== current.accountId) await checkAccount(tx, actor, input.accountId);

    const before = contactDiffShape(current);
    const after: Partial<typeof before> = {
      ...pickDefined(input, ['firstName', 'lastName', 'title', 'emails', 'phones', 'accountId', 'notes', 'ownerId']),
      ...(input.address ? pickDefined(input.address, ['street', 'city', 'postalCode', 'country']) : {}),
    };
    const changes = diffFields(before, after, CONTACT_DIFF_FIELDS);
    if (changes.length === 0) return current;
    const merged = { ...before, ...after };
    const { emails, phones, ...rest } = after;
    const ok = await updateContactRow(tx, id, current.version, {
      ...rest,
      ...(emails ? { emails: JSON.stringify(emails) } : {}),
      ...(phones ? { phones: JSON.stringify(phones) } : {}),
      updatedAt: now(),
      searchText: contactSearchText(merged),
    });
    if (!ok) throw stale();

    const accountChange = changes.find((c) => c.field === 'accountId');
    await appendStream(tx, [
      ...updateEntries('contact', id, actor.id, changes),
      ...relinkEntries(accountChange, 'account', 'contacts', { type: 'contact', id, name: contactName(merged) }, actor.id),
    ]);
    const ownerChange = changes.find((c) => c.field === 'ownerId');
    if (ownerChange)
      await notifyAssignment(tx, actor, { type: 'contact', id, name: contactName(merged) }, String(ownerChange.new ?? ''));
    return getVisibleContact(tx, actor, id);
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'contact', update: updateContactRow };

export async function deleteContact(db: Db, actor: Actor, id: string, ifMatch?: number) {
  await inTransaction(db, async (tx) => {
    const current = await getVisibleContact(tx, actor, id);
    assertWritable(actor, 'contact', current);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatch);
  });
}

export async function restoreContact(db: Db, actor: Actor, id: string) {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleContact(tx, actor, id, { deleted: true });
    assertWritable(actor, 'contact', current);
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, SOFT_DELETE, current);
    return getVisibleContact(tx, actor, id);
  });
}
