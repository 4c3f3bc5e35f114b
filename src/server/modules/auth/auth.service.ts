import { sql } from 'kysely';
import type { Actor } from '../../access/actor.js';
import { now } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { dummyPasswordHash, verifyPassword } from '../../platform/passwords.js';
import { randomToken, sha256 } from '../../platform/tokens.js';
import { loadActor } from './actor.loader.js';

/** Sign-in throttling: failures in the window per account and per client address. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

export type SessionIssued = { token: string; csrfToken: string; actor: Actor; expiresAt: Date };

export async function login(
  db: Db,
  input: { email: string; password: string; ip: string; previousToken?: string },
  idleMinutes: number,
): Promise<SessionIssued> {
  const since = new Date(now().getTime() - THROTTLE.windowMinutes * 60_000);
  const [byAccount, byIp] = await Promise.all([
    db
      .selectFrom('loginFailures')
      .select(sql<number>`count(*)`.as('n'))
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('loginFailures')
      .select(sql<number>`count(*)`.as('n'))
      .where('ip', '=', input.ip)
      .where('createdAt', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  if (byAccount.n >= THROTTLE.perAccount || byIp.n >= THROTTLE.perIp) {
    throw new AppError('rate_limited', `Too many failed sign-ins. Try again in ${THROTTLE.windowMinutes} minutes.`);
  }

  const user = await db
    .selectFrom('users')
    .select(['id', 'passwordHash', 'active'])
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !ok || !user.active) {
    await db.insertInto('loginFailures').values({ email: input.email.toLowerCase(), ip: input.ip, createdAt: now() }).execute();
    throw new AppError('unauthorized', 'Wrong email or password');
  }
  const actor = await loadActor(db, user.id);
  if (!actor) throw new AppError('unauthorized', 'Wrong email or password');

  // A new session id at every sign-in (no fixation); the old session, if any, ends here.
  const token = randomToken();
  const csrfToken = randomToken();
  const expiresAt = new Date(now().getTime() + idleMinutes * 60_000);
  await db.transaction().execute(async (tx) => {
    if (input.previousToken) await tx.deleteFrom('sessions').where('tokenHash', '=', sha256(input.previousToken)).execute();
    await tx.deleteFrom('loginFailures').where(sql`lower(email)`, '=', input.email.toLowerCase()).execute();
    await tx.deleteFrom('sessions').where('userId', '=', user.id).where('expiresAt', '<', now()).execute();
    await tx
      .insertInto('sessions')
      .values({ tokenHash: sha256(token), userId: user.id, csrfToken, createdAt: now(), lastSeenAt: now(), expiresAt })
      .execute();
  });
  return { token, csrfToken, actor, expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('tokenHash', '=', sha256(token)).execute();
}

/** Resolves a session cookie; slides its idle expiry at most once a minute to keep reads write-free. */
export async function resolveSession(db: Db, token: string, idleMinutes: number) {
  const session = await db.selectFrom('sessions').selectAll().where('tokenHash', '=', sha256(token)).executeTakeFirst();
  if (!session) return undefined;
  const t = now();
  if (session.expiresAt <= t) {
    await db.deleteFrom('sessions').where('tokenHash', '=', session.tokenHash).execute();
    return undefined;
  }
  if (t.getTime() - session.lastSeenAt.getTime() > 60_000) {
    await db
      .updateTable('sessions')
      .set({ lastSeenAt: t, expiresAt: new Date(t.getTime() + idleMinutes * 60_000) })
      .where('tokenHash', '=', session.tokenHash)
      .execute();
  }
  const actor = await loadActor(db, session.userId);
  return actor ? { actor, csrfToken: session.csrfToken } : undefined;
}

export const API_TOKEN_PREFIX = 'stride_';

export async function createApiToken(db: Db, actor: Actor, name: string) {
  const token = API_TOKEN_PREFIX + randomToken();
  const id = newId();
  await db
    .insertInto('apiTokens')
    .values({ id, userId: actor.id, name, tokenHash: sha256(token), createdAt: now() })
    .execute();
  return { id, name, token };
}

export async function resolveApiToken(db: Db, token: string): Promise<Actor | undefined> {
  const row = await db
    .selectFrom('apiTokens')
    .select(['id', 'userId', 'lastUsedAt'])
    .where('tokenHash', '=', sha256(token))
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.lastUsedAt || now().getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.updateTable('apiTokens').set({ lastUsedAt: now() }).where('id', '=', row.id).execute();
  }
  return loadActor(db, row.userId);
}

export async function listApiTokens(db: Db, actor: Actor) {
  const rows = await db
    .selectFrom('apiTokens')
    .select(['id', 'name', 'createdAt', 'lastUsedAt'])
    .where('userId', '=', actor.id)
    .where('revokedAt', 'is', null)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<void> {
  const result = await db
    .updateTable('apiTokens')
    .set({ revokedAt: now() })
    .where('id', '=', id)
    .where('userId', '=', actor.id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('not_found', 'Token not found');
}
