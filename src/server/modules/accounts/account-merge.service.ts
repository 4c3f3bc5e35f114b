import type { Account } from '../../../domain/accounts/account.schema.js';
import { type MergeInput, pickMergedValues } from '../../../domain/common/merge.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction, type Tx } from '../../platform/db.js';
import { stale } from '../../platform/errors.js';
import { checkMergeInput, loadMergeSource, retireMergedSource } from '../merge/merge-records.js';
import { diffFields } from '../stream/diff.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { ACCOUNT_DIFF_FIELDS, accountDiffShape } from './accounts.mapper.js';
import { accountSearchText, updateAccountRow } from './accounts.repo.js';
import { getVisibleAccount } from './accounts.service.js';

const MERGEABLE = ACCOUNT_DIFF_FIELDS;

/**
 * Merges account `sourceId` into `targetId`: picked field values; the source's contacts, sub-accounts, converted
 * leads and Stream move to the survivor (each moved contact and sub-account gets its own `update` entry); the
 * source stays as a deleted record pointing at the survivor.
 */
export async function mergeAccounts(
  db: Db,
  actor: Actor,
  targetId: string,
  input: MergeInput,
  ifMatch: number | undefined,
): Promise<Account> {
  checkMergeInput(input, targetId, MERGEABLE, 'an account');
  return inTransaction(db, async (tx) => {
    const target = await getVisibleAccount(tx, actor, targetId);
    const source = await loadMergeSource(getVisibleAccount(tx, actor, input.sourceId), 'account');
    assertWritable(actor, 'account', target);
    assertWritable(actor, 'account', source);
    if (ifMatch !== undefined && ifMatch !== target.version) throw stale();

    const before = accountDiffShape(target);
    const after = pickMergedValues(before, accountDiffShape(source), MERGEABLE, input.fields);
    // The survivor cannot end up its own parent, nor hang under the account that disappears.
    const parent = after.parentId ?? before.parentId;
    if (parent === targetId || parent === source.id)
      after.parentId = source.parentId && source.parentId !== targetId ? source.parentId : null;
    const changes = diffFields(before, after, MERGEABLE);
    const merged = { ...before, ...after };
    const ok = await updateAccountRow(tx, targetId, target.version, {
      ...after,
      searchText: accountSearchText(merged),
      updatedAt: now(),
    });
    if (!ok) throw stale();

    const movedContacts = await moveChildren(tx, actor, 'contacts', source.id, targetId);
    const movedAccounts = await moveChildren(tx, actor, 'accounts', source.id, targetId);
    await tx.updateTable('leads').set({ convertedAccountId: targetId }).where('convertedAccountId', '=', source.id).execute();
    const movedLinks = await retireMergedSource(tx, 'account', source.id, targetId);
    await appendStream(tx, {
      entityType: 'account',
      entityId: targetId,
      type: 'merge',
      actorId: actor.id,
      data: {
        source: { id: source.id, name: source.name },
        changes,
        moved: { contacts: movedContacts, subAccounts: movedAccounts, ...movedLinks },
      },
    });
    return getVisibleAccount(tx, actor, targetId);
  });
}

/** Re-points the source's contacts (accountId) or sub-accounts (parentId) at the survivor, each with its own Stream entry. */
async function moveChildren(tx: Tx, actor: Actor, table: 'contacts' | 'accounts', fromId: string, toId: string): Promise<number> {
  const moved =
    table === 'contacts'
      ? await tx
          .updateTable('contacts')
          .set((eb) => ({ accountId: toId, version: eb('version', '+', 1), updatedAt: now() }))
          .where('accountId', '=', fromId)
          .where('deletedAt', 'is', null)
          .returning('id')
          .execute()
      : await tx
          .updateTable('accounts')
          .set((eb) => ({ parentId: toId, version: eb('version', '+', 1), updatedAt: now() }))
          .where('parentId', '=', fromId)
          .where('id', '<>', toId)
          .where('deletedAt', 'is', null)
          .returning('id')
          .execute();
  const field = table === 'contacts' ? 'accountId' : 'parentId';
  const entries: NewStreamEntry[] = moved.map((r) => ({
    entityType: table === 'contacts' ? 'contact' : 'account',
    entityId: r.id,
    type: 'update',
    actorId: actor.id,
    data: { changes: [{ field, old: fromId, new: toId }], reason: 'merge' },
  }));
  await appendStream(tx, entries);
  return moved.length;
}
