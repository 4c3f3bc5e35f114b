import { createHmac, randomBytes } from 'node:crypto';
import { FORM_HONEYPOT_FIELD, FORM_LIMITS, type Form } from '../../../domain/forms/form.schema.js';
import { leadCreateInput } from '../../../domain/leads/lead.schema.js';
import type { Actor } from '../../access/actor.js';
import { canCreate } from '../../access/policy.js';
import { now } from '../../platform/clock.js';
import type { Conn, Db } from '../../platform/db.js';
import { AppError, type ErrorDetail, notFound } from '../../platform/errors.js';
import { loadActor } from '../auth/actor.loader.js';
import { intakeLead } from '../leads/lead-intake.js';
import { readSetting } from '../settings/settings.repo.js';
import { firstActiveAdminId } from '../users/users.lookup.js';
import { toForm } from './forms.mapper.js';
import { bumpSubmissionCounter, countSubmission, findForm } from './forms.repo.js';

/**
 * The public side of a lead form: anyone on the internet may post to it, so it checks the origin, counts posts per
 * client address in the database (the limit holds across app nodes), drops honeypot spam silently, validates
 * against the form's field list, and then hands the lead to `intakeLead` like every other intake path.
 */

export type Submission = {
  body: unknown;
  ip: string;
  userAgent: string | undefined;
  /** The page the form was on, when the browser says (Referer). */
  pageUrl: string | undefined;
};

export type SubmissionOutcome = {
  message: string | null;
  redirectUrl: string | null;
  /** Null for a honeypot hit: the sender is told it worked, nothing was created. */
  leadId: string | null;
  created: boolean;
};

/** A form that takes submissions right now; deleted and inactive forms do not exist for the public. */
export async function findOpenForm(conn: Conn, id: string): Promise<Form> {
  const row = await findForm(conn, id);
  if (!row || row.deletedAt || !row.active) throw notFound('Form');
  return toForm(row);
}

/** May a browser page on `origin` post here? The form's allowed sites, or Stride's own pages. */
export function originAllowed(form: Pick<Form, 'allowedOrigins'>, origin: string, ownOrigin: string): boolean {
  return origin === ownOrigin || form.allowedOrigins.includes(origin);
}

const SALT_KEY = 'forms.ipHashSalt';
const salts = new WeakMap<object, string>();

/**
 * Client addresses are personal data: the Stream and the rate-limit table keep only a keyed hash. The key is random
 * per installation (in `settings`), so a hash cannot be reversed by hashing all IPv4 addresses.
 */
async function ipHashSalt(db: Db): Promise<string> {
  const cached = salts.get(db);
  if (cached) return cached;
  await db
    .insertInto('settings')
    .values({ key: SALT_KEY, value: JSON.stringify(randomBytes(32).toString('hex')), updatedAt: now(), updatedBy: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const salt = String(await readSetting(db, SALT_KEY));
  salts.set(db, salt);
  return salt;
}

export async function hashIp(db: Db, ip: string): Promise<string> {
  return createHmac('sha256', await ipHashSalt(db))
    .update(ip)
    .digest('hex')
    .slice(0, 32);
}

/** Throws rate_limited (429) once an address posted more than the limit to this form within the window. */
async function enforceRateLimit(db: Db, formId: string, ipHash: string) {
  const windowMs = FORM_LIMITS.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now().getTime() / windowMs) * windowMs);
  const count = await bumpSubmissionCounter(db, formId, ipHash, windowStart);
  if (count > FORM_LIMITS.perIpPerWindow) {
    throw new AppError(
      'rate_limited',
      `Too many submissions from your address; try again in ${FORM_LIMITS.windowSeconds} seconds`,
    );
  }
}

/** The submitted values of the form's fields, checked against its field list; every problem is reported at once. */
function readFields(form: Form, body: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: ErrorDetail[] = [];
  for (const field of form.fields) {
    const raw = body[field.name];
    if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
      problems.push({ field: field.name, message: 'must be text' });
      continue;
    }
    const value = raw == null ? '' : String(raw).trim();
    if (value) values[field.name] = value;
    else if (field.required) problems.push({ field: field.name, message: 'is required' });
  }
  if (problems.length) throw validationFailed(problems);
  return values;
}

function validationFailed(details: ErrorDetail[]) {
  return new AppError('validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

/** The user the form's leads are recorded as; if that user was deactivated meanwhile, the first active admin. */
async function intakeActor(db: Db, form: Form): Promise<Actor> {
  const configured = await loadActor(db, form.intakeUserId);
  if (configured && canCreate(configured, 'lead')) return configured;
  const adminId = await firstActiveAdminId(db);
  const fallback = adminId ? await loadActor(db, adminId) : undefined;
  if (!fallback) throw new AppError('internal', 'The form has no active user to record leads as');
  return fallback;
}

export async function submitForm(db: Db, form: Form, submission: Submission): Promise<SubmissionOutcome> {
  const ipHash = await hashIp(db, submission.ip);
  await enforceRateLimit(db, form.id, ipHash);
  const reply = { message: form.thankYouMessage, redirectUrl: form.redirectUrl };

  const body = submission.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationFailed([{ field: '(body)', message: 'must be an object of field values' }]);
  }
  const fields = body as Record<string, unknown>;
  const trap = fields[FORM_HONEYPOT_FIELD];
  if (trap !== undefined && trap !== null && String(trap).trim() !== '') return { ...reply, leadId: null, created: false };

  const values = readFields(form, fields);
  const parsed = leadCreateInput.safeParse({ ...values, source: form.source, campaign: form.campaign, teamId: form.teamId });
  if (!parsed.success) {
    const asked = form.fields.map((f) => f.name as string);
    throw validationFailed(
      parsed.error.issues.map((i) => {
        const field = String(i.path[0] ?? '(body)');
        // "needs a last name, company or email" is reported on lastName; name a field this form actually has.
        const shown = asked.includes(field) ? field : (asked.find((f) => ['email', 'lastName', 'company'].includes(f)) ?? field);
        return { field: shown, message: i.message };
      }),
    );
  }

  const actor = await intakeActor(db, form);
  const { lead, created } = await intakeLead(db, actor, parsed.data, {
    type: 'create_related',
    data: {
      relation: 'formSubmissions',
      record: { type: 'form', id: form.id, name: form.name },
      formId: form.id,
      formName: form.name,
      fields: values,
      ipHash,
      userAgent: submission.userAgent?.slice(0, 300) ?? null,
      pageUrl: submission.pageUrl?.slice(0, 500) ?? null,
    },
  });
  await countSubmission(db, form.id);
  return { ...reply, leadId: lead.id, created };
}
