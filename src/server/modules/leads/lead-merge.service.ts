import { type MergeInput, pickMergedValues } from '../../../domain/common/merge.js';
import { type Lead, MERGEABLE_LEAD_FIELDS } from '../../../domain/leads/lead.schema.js';
import { explainScore } from '../../../domain/leads/lead.score.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { AppError, stale } from '../../platform/errors.js';
import { checkMergeInput, loadMergeSource, retireMergedSource } from '../merge/merge-records.js';
import { diffFields } from '../stream/diff.js';
import { appendStream } from '../stream/stream.repo.js';
import { leadSearchText, updateLeadRow } from './leads.repo.js';
import { getVisibleLead } from './leads.service.js';
import { getScoreWeights } from './score-weights.js';

const unsetLeadValue = (_field: string, v: unknown) => v == null || v === '' || v === 'unknown' || v === 'unclear';

/**
 * Merges `sourceId` into lead `targetId` (seed 002: compare → choose → merge → move activities and links → delete the
 * duplicate). The source's Stream moves to the survivor; the source stays as a deleted record pointing at it.
 */
export async function mergeLeads(
  db: Db,
  actor: Actor,
  targetId: string,
  input: MergeInput,
  ifMatch: number | undefined,
): Promise<Lead> {
  checkMergeInput(input, targetId, MERGEABLE_LEAD_FIELDS, 'a lead');
  return inTransaction(db, async (tx) => {
    const target = await getVisibleLead(tx, actor, targetId);
    const source = await loadMergeSource(getVisibleLead(tx, actor, input.sourceId), 'lead');
    assertWritable(actor, 'lead', target);
    assertWritable(actor, 'lead', source);
    if (ifMatch !== undefined && ifMatch !== target.version) throw stale();
    if (target.status === 'converted' || source.status === 'converted') {
      throw new AppError('invalid_transition', 'A converted lead cannot be merged');
    }
    const after = pickMergedValues(
      target as Record<string, unknown>,
      source as Record<string, unknown>,
      MERGEABLE_LEAD_FIELDS,
      input.fields,
      unsetLeadValue,
    ) as Partial<Lead>;
    const changes = diffFields(target, after, MERGEABLE_LEAD_FIELDS);
    const merged = { ...target, ...after };
    const ok = await updateLeadRow(tx, targetId, target.version, {
      ...after,
      score: explainScore(merged, await getScoreWeights(tx)).score,
      searchText: leadSearchText(merged),
      // the earlier arrival's first contact counts for the survivor
      firstContactedAt: target.firstContactedAt ?? source.firstContactedAt,
      updatedAt: now(),
    });
    if (!ok) throw stale();
    const movedLinks = await retireMergedSource(tx, 'lead', source.id, targetId);
    await appendStream(tx, {
      entityType: 'lead',
      entityId: targetId,
      type: 'merge',
      actorId: actor.id,
      data: { source: { id: source.id, name: source.name }, changes, movedLinks },
    });
    return getVisibleLead(tx, actor, targetId);
  });
}
