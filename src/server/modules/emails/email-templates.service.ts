import type { RelatedRef } from '../../../domain/activities/activity.schema.js';
import type { EmailFormat } from '../../../domain/emails/email.schema.js';
import {
  type EmailTemplate,
  type EmailTemplateCreate,
  type EmailTemplateUpdate,
  type RenderedTemplate,
  renderTemplateText,
} from '../../../domain/emails/email-template.js';
import type { Actor } from '../../access/actor.js';
import { assertCanManageSalesSetup } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import { type Conn, type Db, inTransaction } from '../../platform/db.js';
import { AppError, invalidField, notFound, stale } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordMetaOf } from '../../platform/record-meta.js';
import { requireVisibleRelated } from '../activities/related-records.js';
import { diffFields } from '../stream/diff.js';
import { restoreRecord, type SoftDeletable, softDeleteRecord } from '../stream/soft-delete.js';
import { appendStream } from '../stream/stream.repo.js';
import { sanitizeEmailHtml } from './email-body.js';
import { templateValues } from './email-context.js';
import {
  type EmailTemplateRow,
  findTemplate,
  insertTemplate,
  listTemplateRows,
  nameTaken,
  updateTemplateRow,
} from './email-templates.repo.js';

function toTemplate(r: EmailTemplateRow): EmailTemplate {
  return {
    ...recordMetaOf(r),
    name: r.name,
    subject: r.subject,
    body: r.body,
    format: r.format as EmailFormat,
    deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null,
  };
}

const duplicateName = () =>
  new AppError('conflict', 'A template with this name exists already', [
    { field: 'name', message: 'is taken by another template' },
  ]);

export async function listTemplates(db: Db, _actor: Actor, query: { q?: string; deleted?: boolean }) {
  return {
    data: (await listTemplateRows(db, { q: query.q, deleted: Boolean(query.deleted) })).map(toTemplate),
    nextCursor: null,
  };
}

export async function getTemplate(
  conn: Conn,
  _actor: Actor,
  id: string,
  opts: { deleted?: boolean } = {},
): Promise<EmailTemplate> {
  const row = await findTemplate(conn, id);
  if (!row || (row.deletedAt && !opts.deleted)) throw notFound('Email template');
  return toTemplate(row);
}

export async function createTemplate(db: Db, actor: Actor, input: EmailTemplateCreate): Promise<EmailTemplate> {
  assertCanManageSalesSetup(actor);
  return inTransaction(db, async (tx) => {
    if (await nameTaken(tx, input.name)) throw duplicateName();
    const id = newId();
    const body = input.format === 'html' ? sanitizeEmailHtml(input.body) : input.body;
    await insertTemplate(tx, {
      id,
      name: input.name,
      subject: input.subject,
      body,
      format: input.format,
      createdBy: actor.id,
      createdAt: now(),
    });
    await appendStream(tx, {
      entityType: 'email_template',
      entityId: id,
      type: 'create',
      actorId: actor.id,
      data: { name: input.name },
    });
    return getTemplate(tx, actor, id);
  });
}

export async function updateTemplate(
  db: Db,
  actor: Actor,
  id: string,
  input: EmailTemplateUpdate,
  ifMatch: number | undefined,
): Promise<EmailTemplate> {
  assertCanManageSalesSetup(actor);
  return inTransaction(db, async (tx) => {
    const current = await getTemplate(tx, actor, id);
    if (ifMatch !== undefined && ifMatch !== current.version) throw stale();
    if (input.name && input.name.toLowerCase() !== current.name.toLowerCase() && (await nameTaken(tx, input.name, id)))
      throw duplicateName();
    const format = input.format ?? current.format;
    const body = input.body !== undefined ? input.body : input.format === 'html' ? current.body : undefined;
    const set = {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...(body !== undefined ? { body: format === 'html' ? sanitizeEmailHtml(body) : body } : {}),
      ...(input.format !== undefined ? { format } : {}),
    };
    if (Object.keys(set).length === 0) return current;
    if (!(await updateTemplateRow(tx, id, current.version, { ...set, updatedAt: now() }))) throw stale();
    const changes = diffFields(current as unknown as Record<string, unknown>, set, ['name', 'subject', 'body', 'format']);
    await appendStream(tx, { entityType: 'email_template', entityId: id, type: 'update', actorId: actor.id, data: { changes } });
    return getTemplate(tx, actor, id);
  });
}

const SOFT_DELETE: SoftDeletable = { entityType: 'email_template', update: updateTemplateRow };

export async function deleteTemplate(db: Db, actor: Actor, id: string, ifMatch: number | undefined) {
  assertCanManageSalesSetup(actor);
  await inTransaction(db, async (tx) => {
    const current = await getTemplate(tx, actor, id);
    await softDeleteRecord(tx, actor, SOFT_DELETE, current, ifMatch, { name: current.name });
  });
}

export async function restoreTemplate(db: Db, actor: Actor, id: string) {
  assertCanManageSalesSetup(actor);
  return inTransaction(db, async (tx) => {
    const current = await getTemplate(tx, actor, id, { deleted: true });
    if (!current.deletedAt) return current;
    if (await nameTaken(tx, current.name, id)) throw duplicateName();
    await restoreRecord(tx, actor, SOFT_DELETE, current, { name: current.name });
    return getTemplate(tx, actor, id);
  });
}

/** The sender's name, address and signature, for {{user.*}}. */
export async function senderOf(conn: Conn, actor: Actor) {
  const u = await conn
    .selectFrom('users')
    .select(['name', 'email', 'emailSignature'])
    .where('id', '=', actor.id)
    .executeTakeFirst();
  return { name: u?.name ?? actor.name, email: u?.email ?? actor.email, signature: u?.emailSignature ?? null };
}

/** A template filled in for a record the actor may see (and for the actor as the sender). */
export async function renderTemplate(
  conn: Conn,
  actor: Actor,
  id: string,
  relatedTo: RelatedRef | null | undefined,
  field = 'relatedTo.id',
): Promise<RenderedTemplate> {
  const template = await findTemplate(conn, id);
  if (!template || template.deletedAt) throw notFound('Email template');
  if (relatedTo) await requireVisibleRelated(conn, actor, relatedTo, field);
  const values = await templateValues(conn, relatedTo, await senderOf(conn, actor));
  const format = template.format as EmailFormat;
  return {
    subject: renderTemplateText(template.subject, values, 'subject').trim(),
    body: renderTemplateText(template.body, values, format),
    format,
  };
}

export async function requireTemplate(conn: Conn, id: string) {
  const template = await findTemplate(conn, id);
  if (!template || template.deletedAt) throw invalidField('templateId', 'no such email template');
  return template;
}
