import type { Account, AccountCreate, AccountListQuery, AccountUpdate } from '../../../domain/accounts/account.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, assertReadable, assertWritable, canRead } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { notifyAssignment } from '../notifications/notification-producers.js';
import { diffFields } from '../stream/diff.js';
import { relinkEntries, updateEntries } from '../stream/entries.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';
import { ACCOUNT_DIFF_FIELDS, accountDiffShape, toAccount } from './accounts.mapper.js';
import {
  type AccountFilter,
  accountSearchText,
  countAccountRows,
  findAccount,
  insertAccount,
  listAccountRows,
  updateAccountRow,
  wouldCreateCycle,
} from './accounts.repo.js';

/** An account the actor may see (deleted ones too when asked), or 404. */
export async function getVisibleAccount(conn: Conn, actor: Actor, id: string, opts: { deleted?: boolean } = {}) {
  const row = await findAccount(conn, id);
  const visible = assertReadable(actor, 'account', row, 'Account');
  if (visible.deletedAt && !opts.deleted) throw notFound('Account');
  return toAccount(visible);
}

export async function listAccounts(db: Db, actor: Actor, query: AccountListQuery) {
  const { rows, nextCursor } = await listAccountRows(db, actor, query);
  return { data: rows.map(toAccount), nextCursor };
}

export async function countAccounts(db: Db, actor: Actor, query: AccountFilter) {
  return countAccountRows(db, actor, query);
}

async function checkParent(conn: Conn, actor: Actor, parentId: string, selfId: string) {
  const parent = await findAccount(conn, parentId);
  if (!parent || parent.deletedAt || !canRead(actor, 'account', parent)) {
    throw invalidField('parentId', 'no such account');
  }
  if (await wouldCreateCycle(conn, selfId, parentId)) {
    throw invalidField('parentId', 'an account cannot be its own parent or the parent of its parent');
  }
  return parent;
}

export async function createAccount(db: Db, actor: Actor, input: AccountCreate): Promise<Account> {
  return inTransaction(db, (tx) => createAccountInTx(tx, actor, input));
}

/** Creates an account inside the caller's transaction (lead conversion creates several records atomically). */
export async function createAccountInTx(tx: Tx, actor: Actor, input: AccountCreate): Promise<Account> {
  assertCanCreate(actor, 'account');
  const ownerId = input.ownerId ?? actor.id;
  const id = newId();
  if (ownerId !== actor.id) {
    await requireActiveUser(tx, ownerId);
    assertCanAssign(actor, 'account', ownerId);
  }
  const parent = input.parentId ? await checkParent(tx, actor, input.parentId, id) : undefined;
  const at = now();
  const values = {
    id,
    name: input.name,
    type: input.type,
    industry: input.industry ?? null,
    size: input.size ?? null,
    website: input.website ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    registrationNumber: input.registrationNumber ?? null,
    vatNumber: input.vatNumber ?? null,
    billingStreet: input.billingAddress?.street ?? null,
    billingCity: input.billingAddress?.city ?? null,
    billingPostalCode: input.billingAddress?.postalCode ?? null,
    billingCountry: input.billingAddress?.country ?? null,
    parentId: input.parentId ?? null,
    description: input.description ?? null,
    ownerId,
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  };
  await insertAccount(tx, { ...values, searchText: accountSearchText(values) });
  const entries: NewStreamEntry[] = [
    { entityType: 'account', entityId: id, type: 'create', actorId: actor.id, data: { name: input.name } },
  ];
  if (parent) {
    entries.push({
      entityType: 'account',
      entityId: parent.id,
      type: 'create_related',
      actorId: actor.id,
      data: { relation: 'subAccounts', record: { type: 'account', id, name: input.name } },
    });
  }
  await appendStream(tx, entries);
  return toAccount((await findAccount(tx, id)) as NonNullable<Awaited<ReturnType<typeof findAccount>>>);
}

export async function updateAccount(
  db: Db,
  actor: Actor,
  id: string,
  input: AccountUpdate,
  ifMatchVersion: number | undefined,
): Promise<Account> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleAccount(tx, actor, id);
    assertWritable(actor, 'account', current);
    if (ifMatchVersion !== undefined && ifMatchVersion !== current.version) throw stale();

    if (input.ownerId && input.ownerId !== current.ownerId) {
      await requireActiveUser(tx, input.ownerId);
      assertCanAssign(actor, 'account', input.ownerId);
    }
    if (input.parentId && input.parentId !== current.parentId) await checkParent(tx, actor, input.parentId, id);

    const before = accountDiffShape(current);
    const address = input.billingAddress;
    const after: Partial<typeof before> = {
      ...pickDefined(input, [
        'name',
        'type',
        'industry',
        'size',
        'website',
        'email',
        'phone',
        'registrationNumber',
        'vatNumber',
        'ownerId',
        'parentId',
        'description',
      ]),
      ...(address
        ? pickDefined(
            {
              billingStreet: address.street,
              billingCity: address.city,
              billingPostalCode: address.postalCode,
              billingCountry: address.country,
            },
            ['billingStreet', 'billingCity', 'billingPostalCode', 'billingCountry'],
          )
        : {}),
    };
    const changes = diffFields(before, after, ACCOUNT_DIFF_FIELDS);
    if (changes.length === 0) return current;

    const merged = { ...before, ...after };
    const ok = await updateAccountRow(tx, id, current.version, {
      ...after,
      updatedAt: now(),
      searchText: accountSearchText({ ...merged, website: merged.website ?? null }),
    });
    if (!ok) throw stale();

    const parentChange = changes.find((c) => c.field === 'parentId');
    await appendStream(tx, [
      ...updateEntries('account', id, actor.id, changes),
      ...relinkEntries(parentChange, 'account', 'subAccounts', { type: 'account', id, name: merged.name }, actor.id),
    ]);
    const ownerChange = changes.find((c) => c.field === 'ownerId');
    if (ownerChange) await notifyAssignment(tx, actor, { type: 'account', id, name: merged.name }, String(ownerChange.new ?? ''));
    return getVisibleAccount(tx, actor, id);
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'account', update: updateAccountRow };

export async function deleteAccount(db: Db, actor: Actor, id: string, ifMatchVersion?: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await getVisibleAccount(tx, actor, id);
    assertWritable(actor, 'account', current);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatchVersion);
  });
}

export async function restoreAccount(db: Db, actor: Actor, id: string): Promise<Account> {
  return inTransaction(db, async (tx) => {
    const current = await getVisibleAccount(tx, actor, id, { deleted: true });
    assertWritable(actor, 'account', current);
    if (!current.deletedAt) return current;
    await restoreRecord(tx, actor, SOFT_DELETE, current);
    return getVisibleAccount(tx, actor, id);
  });
}
