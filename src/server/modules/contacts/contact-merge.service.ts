import { type MergeInput, pickMergedValues } from '../../../domain/common/merge.js';
import { type Contact, contactName } from '../../../domain/contacts/contact.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { stale } from '../../platform/errors.js';
import { checkMergeInput, loadMergeSource, retireMergedSource } from '../merge/merge-records.js';
import { diffFields } from '../stream/diff.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { CONTACT_DIFF_FIELDS, contactDiffShape } from './contacts.mapper.js';
import { contactSearchText, updateContactRow } from './contacts.repo.js';
import { getVisibleContact } from './contacts.service.js';

const MERGEABLE = CONTACT_DIFF_FIELDS;

/**
 * Merges contact `sourceId` into `targetId`: picked field values (emails and phones default to both lists), the
 * source's Stream and the leads converted into it move to the survivor; the source stays as a deleted record.
 */
export async function mergeContacts(
  db: Db,
  actor: Actor,
  targetId: string,
  input: MergeInput,
  ifMatch: number | undefined,
): Promise<Contact> {
  checkMergeInput(input, targetId, MERGEABLE, 'a contact');
  return inTransaction(db, async (tx) => {
    const target = await getVisibleContact(tx, actor, targetId);
    const source = await loadMergeSource(getVisibleContact(tx, actor, input.sourceId), 'contact');
    assertWritable(actor, 'contact', target);
    assertWritable(actor, 'contact', source);
    if (ifMatch !== undefined && ifMatch !== target.version) throw stale();

    const before = contactDiffShape(target);
    const other = contactDiffShape(source);
    const after = pickMergedValues(before, other, MERGEABLE, input.fields);
    // Nobody wants to lose an address or number: unless the user picked one side, keep both lists.
    for (const list of ['emails', 'phones'] as const) {
      if (!input.fields[list]) after[list] = [...new Set([...before[list], ...other[list]])];
    }
    const changes = diffFields(before, after, MERGEABLE);
    const merged = { ...before, ...after };
    const { emails, phones, ...rest } = after;
    const ok = await updateContactRow(tx, targetId, target.version, {
      ...rest,
      ...(emails ? { emails: JSON.stringify(emails) } : {}),
      ...(phones ? { phones: JSON.stringify(phones) } : {}),
      searchText: contactSearchText(merged),
      updatedAt: now(),
    });
    if (!ok) throw stale();
    await tx.updateTable('leads').set({ convertedContactId: targetId }).where('convertedContactId', '=', source.id).execute();
    const movedLinks = await retireMergedSource(tx, 'contact', source.id, targetId);

    const entries: NewStreamEntry[] = [
      {
        entityType: 'contact',
        entityId: targetId,
        type: 'merge',
        actorId: actor.id,
        data: { source: { id: source.id, name: source.name }, changes, movedLinks },
      },
    ];
    if (source.accountId && source.accountId !== merged.accountId) {
      entries.push({
        entityType: 'account',
        entityId: source.accountId,
        type: 'unrelate',
        actorId: actor.id,
        data: { relation: 'contacts', record: { type: 'contact', id: source.id, name: source.name }, mergedInto: targetId },
      });
    }
    const accountChange = changes.find((c) => c.field === 'accountId');
    if (accountChange?.new) {
      entries.push({
        entityType: 'account',
        entityId: String(accountChange.new),
        type: 'relate',
        actorId: actor.id,
        data: { relation: 'contacts', record: { type: 'contact', id: targetId, name: contactName(merged) } },
      });
    }
    await appendStream(tx, entries);
    return getVisibleContact(tx, actor, targetId);
  });
}
