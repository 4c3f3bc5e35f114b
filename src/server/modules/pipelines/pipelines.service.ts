import type {
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  Stage,
  StageInput,
  StageKind,
} from '../../../domain/pipelines/pipeline.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertAdmin } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { iso, recordMetaOf } from '../../platform/record-meta.js';
import { appendStream } from '../stream/stream.repo.js';
import {
  clearDefault,
  findDefaultPipeline,
  findPipeline,
  insertPipeline,
  insertStage,
  listPipelineRows,
  opportunitiesInPipeline,
  opportunitiesPerStage,
  type PipelineRow,
  retireStage,
  type StageRow,
  stagesOf,
  updatePipelineRow,
  updateStage,
} from './pipelines.repo.js';

export function toStage(s: StageRow): Stage {
  return {
    id: s.id,
    name: s.name,
    position: s.position,
    probability: s.probability,
    kind: s.kind as StageKind,
    requiresApproval: s.requiresApproval,
    requiresPlanDone: s.requiresPlanDone,
    checklist: s.checklist,
  };
}

function toPipeline(p: PipelineRow, stages: StageRow[]): Pipeline {
  return {
    ...recordMetaOf(p),
    name: p.name,
    isDefault: p.isDefault,
    stages: stages.filter((s) => s.pipelineId === p.id && !s.retiredAt).map(toStage),
    deletedAt: p.deletedAt ? iso(p.deletedAt) : null,
  };
}

/** Every signed-in user reads pipelines (the board needs them); only admins change them. */
export async function listPipelines(db: Db, _actor: Actor, query: { deleted?: boolean }) {
  const rows = await listPipelineRows(db, Boolean(query.deleted));
  const stages = await stagesOf(
    db,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toPipeline(r, stages)), nextCursor: null };
}

export async function getPipeline(conn: Conn, _actor: Actor, id: string, opts: { deleted?: boolean } = {}): Promise<Pipeline> {
  const row = await findPipeline(conn, id);
  if (!row || (row.deletedAt && !opts.deleted)) throw notFound('Pipeline');
  return toPipeline(row, await stagesOf(conn, [id]));
}

/** The pipeline a new deal lands in when none is named. */
export async function defaultPipeline(conn: Conn): Promise<Pipeline> {
  const row = await findDefaultPipeline(conn);
  if (!row) throw new AppError('conflict', 'There is no default pipeline: an admin must mark one as default');
  return toPipeline(row, await stagesOf(conn, [row.id]));
}

function conflictOnDuplicateName(err: unknown, name: string): never {
  if (String((err as { code?: string })?.code) === '23505')
    throw new AppError('conflict', `A pipeline named "${name}" already exists`, [{ field: 'name', message: 'is taken' }]);
  throw err;
}

export async function createPipeline(db: Db, actor: Actor, input: PipelineCreate): Promise<Pipeline> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const id = newId();
    const at = now();
    if (input.isDefault) await clearDefault(tx, id);
    await insertPipeline(tx, {
      id,
      name: input.name,
      isDefault: input.isDefault,
      createdBy: actor.id,
      createdAt: at,
      updatedAt: at,
    }).catch((e) => conflictOnDuplicateName(e, input.name));
    for (const [i, s] of input.stages.entries()) {
      if (s.id) throw invalidField(`stages.${i}.id`, 'a new pipeline has no stages yet: leave the id out');
      await insertStage(tx, stageValues(newId(), id, s, i));
    }
    await appendStream(tx, {
      entityType: 'pipeline',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: { name: input.name, stages: input.stages.map((s) => s.name) },
    });
    return getPipeline(tx, actor, id);
  });
}

function stageValues(id: string, pipelineId: string, s: StageInput, index: number) {
  return {
    id,
    pipelineId,
    name: s.name,
    position: index + 1,
    probability: s.probability,
    kind: s.kind,
    requiresApproval: s.requiresApproval,
    requiresPlanDone: s.requiresPlanDone,
    checklist: s.checklist,
  };
}

export async function updatePipeline(
  db: Db,
  actor: Actor,
  id: string,
  input: PipelineUpdate,
  ifMatch: number | undefined,
): Promise<Pipeline> {
  assertAdmin(actor);
  return inTransaction(db, async (tx) => {
    const current = await getPipeline(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    const changes: Array<{ field: string; old: unknown; new: unknown }> = [];
    if (input.name !== undefined && input.name !== current.name)
      changes.push({ field: 'name', old: current.name, new: input.name });
    if (input.isDefault && !current.isDefault) {
      await clearDefault(tx, id);
      changes.push({ field: 'isDefault', old: false, new: true });
    }
    const stageChanges = input.stages ? await reconcileStages(tx, current, input.stages) : [];
    if (changes.length === 0 && stageChanges.length === 0) return current;
    const ok = await updatePipelineRow(tx, id, current.version, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.isDefault ? { isDefault: true } : {}),
      updatedAt: now(),
    }).catch((e) => conflictOnDuplicateName(e, input.name ?? ''));
    if (!ok) throw stale();
    await appendStream(tx, {
      entityType: 'pipeline',
      entityId: id,
      type: 'update',
      actorId: actor.id,
      data: { changes, stages: stageChanges },
    });
    return getPipeline(tx, actor, id);
  });
}

/**
 * Applies the admin's ordered stage list: kept stages are renamed/re-weighted/re-ordered in place (their deals stay),
 * new ones are added, missing ones retired — refused with 409 while a stage still holds opportunities.
 */
async function reconcileStages(tx: Tx, current: Pipeline, next: StageInput[]): Promise<Array<Record<string, unknown>>> {
  const byId = new Map(current.stages.map((s) => [s.id, s]));
  for (const [i, s] of next.entries()) {
    if (s.id && !byId.has(s.id)) throw invalidField(`stages.${i}.id`, 'is not an active stage of this pipeline');
  }
  const keptIds = new Set(next.flatMap((s) => (s.id ? [s.id] : [])));
  const retiring = current.stages.filter((s) => !keptIds.has(s.id));
  const kindChanged = next.filter((s) => s.id && byId.get(s.id)?.kind !== s.kind);
  const counts = await opportunitiesPerStage(
    tx,
    [...retiring, ...kindChanged].map((s) => s.id as string),
  );
  const blocked = retiring.filter((s) => (counts.get(s.id) ?? 0) > 0);
  if (blocked.length) {
    const total = blocked.reduce((n, s) => n + (counts.get(s.id) ?? 0), 0);
    throw new AppError(
      'conflict',
      blocked.length === 1
        ? `Stage "${blocked[0]?.name}" still holds ${total} ${total === 1 ? 'opportunity' : 'opportunities'}: move them to another stage before retiring it`
        : `${blocked.length} stages still hold ${total} opportunities: move them before retiring the stages`,
      blocked.map((s) => ({
        field: 'stages',
        stageId: s.id,
        name: s.name,
        count: counts.get(s.id) ?? 0,
        message: `"${s.name}" holds ${counts.get(s.id)} opportunities`,
      })),
    );
  }
  for (const s of kindChanged) {
    const n = counts.get(s.id as string) ?? 0;
    if (n > 0)
      throw new AppError(
        'conflict',
        `Stage "${byId.get(s.id as string)?.name}" holds ${n} opportunities: its kind cannot change`,
        [{ field: 'stages', stageId: s.id, count: n, message: 'kind cannot change while it holds opportunities' }],
      );
  }
  const changes: Array<Record<string, unknown>> = [];
  const at = now();
  for (const s of retiring) {
    await retireStage(tx, s.id, at);
    changes.push({ action: 'retired', id: s.id, name: s.name });
  }
  for (const [i, s] of next.entries()) {
    if (!s.id) {
      const id = newId();
      await insertStage(tx, stageValues(id, current.id, s, i));
      changes.push({ action: 'added', id, name: s.name, position: i + 1 });
      continue;
    }
    const old = byId.get(s.id) as Stage;
    const values = stageValues(s.id, current.id, s, i);
    const diff = (
      ['name', 'position', 'probability', 'kind', 'requiresApproval', 'requiresPlanDone', 'checklist'] as const
    ).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(values[k]));
    if (diff.length === 0) continue;
    await updateStage(tx, s.id, values);
    changes.push({
      action: 'changed',
      id: s.id,
      name: s.name,
      fields: Object.fromEntries(diff.map((k) => [k, { old: old[k], new: values[k] }])),
    });
  }
  return changes;
}

export async function deletePipeline(db: Db, actor: Actor, id: string, ifMatch: number | undefined): Promise<void> {
  assertAdmin(actor);
  await inTransaction(db, async (tx) => {
    const current = await getPipeline(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (current.isDefault)
      throw new AppError('conflict', 'The default pipeline cannot be deleted: make another one the default first');
    const n = await opportunitiesInPipeline(tx, id);
    if (n > 0)
      throw new AppError(
        'conflict',
        `The pipeline still holds ${n} ${n === 1 ? 'opportunity' : 'opportunities'}: move them first`,
        [{ field: 'id', count: n, message: `holds ${n} opportunities` }],
      );
    if (!(await updatePipelineRow(tx, id, current.version, { deletedAt: now(), updatedAt: now() }))) throw stale();
    await appendStream(tx, { entityType: 'pipeline', entityId: id, type: 'delete', actorId: actor.id });
  });
}
