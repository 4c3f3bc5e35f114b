import { type Lead, MERGEABLE_LEAD_FIELDS, type MergeInput } from '../../../domain/leads/lead.schema.js';
import { explainScore } from '../../../domain/leads/lead.score.js';
import type { Actor } from '../../access/actor.js';
import { assertWritable } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, stale } from '../../platform/errors.js';
import { diffFields } from '../stream/diff.js';
import { appendStream, moveStream } from '../stream/stream.repo.js';
import { leadSearchText, updateLeadRow } from './leads.repo.js';
import { getVisibleLead } from './leads.service.js';
import { getScoreWeights } from './score-weights.js';

type Field = (typeof MERGEABLE_LEAD_FIELDS)[number];

/** The surviving value of each field: the survivor's, unless the user picked the source's or the survivor's is empty. */
export function mergedValues(target: Lead, source: Lead, picks: MergeInput['fields']): Partial<Lead> {
  const out: Partial<Record<Field, unknown>> = {};
  for (const field of MERGEABLE_LEAD_FIELDS) {
    const pick = picks[field] ?? (target[field] == null || target[field] === 'unknown' || target[field] === 'unclear' ? 'source' : 'target');
    if (pick === 'source' && source[field] != null) out[field] = source[field];
  }
  return out as Partial<Lead>;
}

/**
 * Merges `sourceId` into lead `targetId` (seed 002: compare → choose → merge → move activities and links → delete the
 * duplicate). The source's Stream moves to the survivor; the source stays as a deleted record pointing at it.
 */
export async function mergeLeads(db: Db, actor: Actor, targetId: string, input: MergeInput, ifMatch: number | undefined): Promise<Lead> {
  const unknown = Object.keys(input.fields).filter((f) => !(MERGEABLE_LEAD_FIELDS as readonly string[]).includes(f));
  if (unknown.length) throw invalidField(`fields.${unknown[0]}`, 'is not a field that can be merged');
  if (input.sourceId === targetId) throw invalidField('sourceId', 'a lead cannot be merged into itself');
  return inTransaction(db, async (tx) => {
    const target = await getVisibleLead(tx, actor, targetId);
    const source = await getVisibleLead(tx, actor, input.sourceId).catch(() => {
      throw invalidField('sourceId', 'no such lead');
    });
    assertWritable(actor, 'lead', target);
    assertWritable(actor, 'lead', source);
    if (ifMatch !== undefined && ifMatch !== target.version) throw stale();
    if (target.status === 'converted' || source.status === 'converted') {
      throw new AppError('invalid_transition', 'A converted lead cannot be merged');
    }
    const after = mergedValues(target, source, input.fields);
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
    await moveStream(tx, 'lead', source.id, targetId);
    await tx.updateTable('leads').set({ deletedAt: now(), mergedIntoId: targetId, updatedAt: now() }).where('id', '=', source.id).execute();
    await appendStream(tx, {
      entityType: 'lead',
      entityId: targetId,
      type: 'merge',
      actorId: actor.id,
      data: { source: { id: source.id, name: source.name }, changes },
    });
    return getVisibleLead(tx, actor, targetId);
  });
}
