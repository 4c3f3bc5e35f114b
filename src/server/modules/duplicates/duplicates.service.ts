import { type DuplicateCandidate, REASON_WEIGHT } from '../../../domain/duplicates/duplicate.schema.js';
import type { Actor } from '../../access/actor.js';
import type { Conn } from '../../platform/db.js';
import { type DuplicateProbe, findMatches } from './duplicates.repo.js';

/**
 * Likely duplicates of a person/company among the leads, contacts and accounts the actor may see, each with the
 * reasons it matched, most convincing first. Used on create (all intake paths) and on demand.
 */
export async function findDuplicates(
  conn: Conn,
  actor: Actor,
  probe: DuplicateProbe,
  exclude: { type: 'lead' | 'contact' | 'account'; id: string } | null = null,
  limit = 20,
): Promise<DuplicateCandidate[]> {
  const rows = await findMatches(conn, actor, probe, exclude);
  const byRecord = new Map<string, DuplicateCandidate>();
  for (const row of rows) {
    const key = `${row.type}:${row.id}`;
    const candidate = byRecord.get(key) ?? {
      type: row.type,
      id: row.id,
      name: row.name,
      status: row.status,
      confidence: 0,
      reasons: [],
    };
    if (!candidate.reasons.some((r) => r.reason === row.reason)) {
      candidate.reasons.push({ reason: row.reason, value: row.value, similarity: Math.round(row.similarity * 100) / 100 });
    }
    byRecord.set(key, candidate);
  }
  for (const c of byRecord.values()) c.confidence = confidenceOf(c);
  return [...byRecord.values()].sort((a, b) => b.confidence - a.confidence || a.name.localeCompare(b.name)).slice(0, limit);
}

/** The strongest reason, raised a little by each further independent reason, capped at 100. */
function confidenceOf(c: DuplicateCandidate): number {
  const scores = c.reasons
    .map((r) => REASON_WEIGHT[r.reason] * (r.reason === 'name' || r.reason === 'company' ? r.similarity : 1))
    .sort((a, b) => b - a);
  const [best = 0, ...rest] = scores;
  return Math.min(100, Math.round(best + rest.reduce((sum, s) => sum + s / 10, 0)));
}
