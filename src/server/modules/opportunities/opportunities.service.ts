import { foldText } from '../../../domain/common/text.js';
import type {
  Opportunity,
  OpportunityCreate,
  OpportunityListQuery,
  OpportunityUpdate,
} from '../../../domain/opportunities/opportunity.schema.js';
import type { Actor } from '../../access/actor.js';
import { assertCanAssign, assertCanCreate, assertReadable, assertWritable, canRead } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction, type Tx } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { pickDefined } from '../../platform/objects.js';
import { findAccount } from '../accounts/accounts.repo.js';
import { findContact } from '../contacts/contacts.repo.js';
import { baseCurrency } from '../exchange-rates/exchange-rates.repo.js';
import { today } from '../exchange-rates/exchange-rates.service.js';
import { findPipeline } from '../pipelines/pipelines.repo.js';
import { diffFields } from '../stream/diff.js';
import { appendStream, type NewStreamEntry } from '../stream/stream.repo.js';
import { requireActiveUser } from '../users/users.lookup.js';
import { OPPORTUNITY_DIFF_FIELDS, opportunityDiffShape, toOpportunity } from './opportunities.mapper.js';
import {
  contactsOf,
  countOpportunityRows,
  findOpportunity,
  insertOpportunity,
  listOpportunityRows,
  lockOpportunity,
  type OpportunityFilter,
  replaceContacts,
  updateOpportunityRow,
  type Valuation,
} from './opportunities.repo.js';
import { assertMayEnter, assertMayLeave, enterStage, resolvePipeline, resolveStage } from './opportunity-stages.js';
import { loadStallRules } from './stalled.repo.js';

/** Today's valuation: the base currency and today's date for open deals, and the stalled-deal rules in force now. */
export async function valuation(conn: Conn, asOf?: string): Promise<Valuation> {
  return { base: await baseCurrency(conn), asOf: asOf ?? today(), stall: { rules: await loadStallRules(conn), at: now() } };
}

/** An opportunity the actor may see (deleted ones too when asked), or 404. */
export async function getVisibleOpportunity(
  conn: Conn,
  actor: Actor,
  id: string,
  opts: { deleted?: boolean } = {},
): Promise<Opportunity> {
  const v = await valuation(conn);
  const row = assertReadable(actor, 'opportunity', await findOpportunity(conn, id, v), 'Opportunity');
  if (row.deletedAt && !opts.deleted) throw notFound('Opportunity');
  return toOpportunity(row, await contactsOf(conn, [id]), v.base);
}

export async function listOpportunities(db: Db, actor: Actor, query: OpportunityListQuery) {
  const v = await valuation(db);
  const { rows, nextCursor } = await listOpportunityRows(db, actor, query, v);
  const contacts = await contactsOf(
    db,
    rows.map((r) => r.id),
  );
  return { data: rows.map((r) => toOpportunity(r, contacts, v.base)), nextCursor };
}

export async function countOpportunities(db: Db, actor: Actor, query: OpportunityFilter) {
  return countOpportunityRows(db, actor, query, query.stalled ? { rules: await loadStallRules(db), at: now() } : undefined);
}

async function checkAccount(conn: Conn, actor: Actor, accountId: string) {
  const account = await findAccount(conn, accountId);
  if (!account || account.deletedAt || !canRead(actor, 'account', account)) throw invalidField('accountId', 'no such account');
  return account;
}

async function checkContact(conn: Conn, actor: Actor, contactId: string, field: string) {
  const contact = await findContact(conn, contactId);
  if (!contact || contact.deletedAt || !canRead(actor, 'contact', contact)) throw invalidField(field, 'no such contact');
}

async function checkContacts(conn: Conn, actor: Actor, input: Pick<OpportunityUpdate, 'primaryContactId' | 'contacts'>) {
  if (input.primaryContactId) await checkContact(conn, actor, input.primaryContactId, 'primaryContactId');
  for (const [i, c] of (input.contacts ?? []).entries()) await checkContact(conn, actor, c.contactId, `contacts.${i}.contactId`);
}

async function checkOwner(conn: Conn, actor: Actor, ownerId: string) {
  if (ownerId === actor.id) return;
  await requireActiveUser(conn, ownerId);
  assertCanAssign(actor, 'opportunity', ownerId);
}

export async function createOpportunity(db: Db, actor: Actor, input: OpportunityCreate): Promise<Opportunity> {
  return inTransaction(db, (tx) => createOpportunityInTx(tx, actor, input));
}

/**
 * Creates an opportunity inside the caller's transaction (lead conversion creates it with the account and contact).
 * It starts in the named stage or the pipeline's first open stage; `lead` links it to the lead it came from.
 */
export async function createOpportunityInTx(
  tx: Tx,
  actor: Actor,
  input: OpportunityCreate,
  lead?: { id: string; name: string },
): Promise<Opportunity> {
  assertCanCreate(actor, 'opportunity');
  const ownerId = input.ownerId ?? actor.id;
  await checkOwner(tx, actor, ownerId);
  await checkAccount(tx, actor, input.accountId);
  await checkContacts(tx, actor, input);
  const pipeline = await resolvePipeline(tx, actor, input.pipelineId);
  const stage = resolveStage(pipeline, input.stageId);
  assertMayEnter(stage, 'move');
  const id = newId();
  const at = now();
  await insertOpportunity(tx, {
    id,
    name: input.name,
    accountId: input.accountId,
    primaryContactId: input.primaryContactId ?? null,
    pipelineId: pipeline.id,
    stageId: stage.id,
    stageEnteredAt: at,
    amount: input.amount,
    currency: input.currency,
    probabilityOverride: input.probability ?? null,
    expectedCloseDate: input.expectedCloseDate ?? null,
    ownerId,
    forecastCategory: input.forecastCategory ?? 'pipeline',
    nextStep: input.nextStep ?? null,
    description: input.description ?? null,
    source: input.source ?? null,
    leadId: lead?.id ?? null,
    searchText: foldText(input.name),
    createdBy: actor.id,
    createdAt: at,
    updatedAt: at,
  });
  if (input.contacts?.length) await replaceContacts(tx, id, input.contacts);
  const entered = await enterStage(tx, actor, id, null, stage, at);
  const record = { type: 'opportunity', id, name: input.name };
  const entries: NewStreamEntry[] = [
    {
      entityType: 'opportunity',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: {
        name: input.name,
        amount: input.amount,
        currency: input.currency,
        pipeline: { id: pipeline.id, name: pipeline.name },
        stage: entered.data?.to,
      },
    },
    {
      entityType: 'account',
      entityId: input.accountId,
      type: 'create_related',
      actorId: actor.id,
      data: { relation: 'opportunities', record },
    },
  ];
  if (lead)
    entries.push({
      entityType: 'opportunity',
      entityId: id,
      type: 'convert',
      actorId: actor.id,
      data: { lead: { type: 'lead', id: lead.id, name: lead.name } },
    });
  await appendStream(tx, entries);
  return getVisibleOpportunity(tx, actor, id);
}

/** Loads, locks and checks an opportunity for a change: visible (404), writable (403), not stale (412). */
export async function opportunityForChange(
  tx: Tx,
  actor: Actor,
  id: string,
  ifMatch: number | undefined,
  opts: { deleted?: boolean } = {},
) {
  await lockOpportunity(tx, id);
  const current = await getVisibleOpportunity(tx, actor, id, opts);
  assertWritable(actor, 'opportunity', current);
  if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
  return current;
}

export async function updateOpportunity(
  db: Db,
  actor: Actor,
  id: string,
  input: OpportunityUpdate,
  ifMatch: number | undefined,
): Promise<Opportunity> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    if (input.ownerId && input.ownerId !== current.ownerId) await checkOwner(tx, actor, input.ownerId);
    if (input.accountId && input.accountId !== current.accountId) await checkAccount(tx, actor, input.accountId);
    await checkContacts(tx, actor, {
      primaryContactId: input.primaryContactId !== current.primaryContactId ? input.primaryContactId : undefined,
      contacts: input.contacts,
    });

    // A stage (or pipeline) move: only open deals move; won/lost are reached through close; gates apply.
    const pipelineChanges = input.pipelineId !== undefined && input.pipelineId !== current.pipelineId;
    const stageChanges = pipelineChanges || (input.stageId !== undefined && input.stageId !== current.stageId);
    const at = now();
    let move: { entry: NewStreamEntry; stageId: string; pipelineId: string } | undefined;
    if (stageChanges) {
      if (current.status !== 'open') {
        throw new AppError(
          'invalid_transition',
          `The opportunity is ${current.status}: reopen it before moving it to another stage`,
          [{ field: 'stageId', message: `not allowed while ${current.status}` }],
        );
      }
      const pipeline = await resolvePipeline(tx, actor, input.pipelineId ?? current.pipelineId);
      // a new pipeline without a named stage: its first open stage
      const stage = resolveStage(pipeline, input.stageId ?? (pipelineChanges ? undefined : current.stageId));
      assertMayEnter(stage, 'move', current.approvalStatus);
      await assertMayLeave(tx, await resolvePipeline(tx, actor, current.pipelineId), current.stageId, id, stage);
      const entry = await enterStage(
        tx,
        actor,
        id,
        current.stage,
        stage,
        at,
        pipelineChanges ? { pipeline: { from: current.pipelineId, to: pipeline.id } } : {},
      );
      move = { entry, stageId: stage.id, pipelineId: pipeline.id };
    }

    const before = opportunityDiffShape(current);
    const after: Partial<typeof before> = {
      ...pickDefined(input, [
        'name',
        'accountId',
        'primaryContactId',
        'amount',
        'currency',
        'expectedCloseDate',
        'ownerId',
        'forecastCategory',
        'nextStep',
        'description',
        'source',
      ]),
      ...(input.contacts
        ? {
            contacts: input.contacts
              .map((c) => ({ contactId: c.contactId, role: c.role }))
              .sort((a, b) => a.contactId.localeCompare(b.contactId)),
          }
        : {}),
      // a stage move resets the probability to the new stage's unless the same request sets one
      ...(input.probability !== undefined ? { probability: input.probability } : move ? { probability: null } : {}),
    };
    const changes = diffFields(before, after, OPPORTUNITY_DIFF_FIELDS);
    if (changes.length === 0 && !move) return current;

    const { contacts, probability, ...columns } = after;
    const ok = await updateOpportunityRow(tx, id, current.version, {
      ...columns,
      ...('probability' in after ? { probabilityOverride: probability ?? null } : {}),
      ...(move ? { stageId: move.stageId, pipelineId: move.pipelineId, stageEnteredAt: at } : {}),
      ...(after.name !== undefined ? { searchText: foldText(after.name) } : {}),
      updatedAt: at,
    });
    if (!ok) throw stale();
    if (contacts && changes.some((c) => c.field === 'contacts')) await replaceContacts(tx, id, contacts);

    const entries: NewStreamEntry[] = [];
    if (move) entries.push(move.entry);
    if (changes.length)
      entries.push({ entityType: 'opportunity', entityId: id, type: 'update', actorId: actor.id, data: { changes } });
    const ownerChange = changes.find((c) => c.field === 'ownerId');
    if (ownerChange)
      entries.push({
        entityType: 'opportunity',
        entityId: id,
        type: 'assign',
        actorId: actor.id,
        data: { from: ownerChange.old, to: ownerChange.new },
      });
    await appendStream(tx, entries);
    return getVisibleOpportunity(tx, actor, id);
  });
}

export async function deleteOpportunity(db: Db, actor: Actor, id: string, ifMatch?: number): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, ifMatch);
    if (!(await updateOpportunityRow(tx, id, current.version, { deletedAt: now(), updatedAt: now() }))) throw stale();
    await appendStream(tx, { entityType: 'opportunity', entityId: id, type: 'delete', actorId: actor.id });
  });
}

/** Brings a deleted deal back; if its stage was retired meanwhile it returns to the pipeline's first open stage. */
export async function restoreOpportunity(db: Db, actor: Actor, id: string): Promise<Opportunity> {
  return inTransaction(db, async (tx) => {
    const current = await opportunityForChange(tx, actor, id, undefined, { deleted: true });
    if (!current.deletedAt) return current;
    const pipelineRow = await findPipeline(tx, current.pipelineId);
    if (!pipelineRow || pipelineRow.deletedAt)
      throw new AppError('conflict', 'Its pipeline was deleted: restore or re-create the pipeline first');
    const pipeline = await resolvePipeline(tx, actor, current.pipelineId);
    const entries: NewStreamEntry[] = [{ entityType: 'opportunity', entityId: id, type: 'restore', actorId: actor.id }];
    const at = now();
    let moved: { stageId: string; stageEnteredAt: Date } | undefined;
    if (!pipeline.stages.some((s) => s.id === current.stageId)) {
      const stage = resolveStage(pipeline, undefined);
      entries.push(await enterStage(tx, actor, id, current.stage, stage, at, { reason: 'stage retired' }));
      moved = { stageId: stage.id, stageEnteredAt: at };
    }
    if (!(await updateOpportunityRow(tx, id, current.version, { deletedAt: null, updatedAt: at, ...moved }))) throw stale();
    await appendStream(tx, entries);
    return getVisibleOpportunity(tx, actor, id);
  });
}
