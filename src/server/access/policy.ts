import { type RawBuilder, sql } from 'kysely';
import type { Role } from '../../domain/users/user.schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Actor } from './actor.js';

/**
 * Every permission decision in Stride is made here. Services ask; routes never decide.
 * A record the actor may not see is reported as not found (404), never as forbidden.
 */

export type OwnedEntity = 'account' | 'contact' | 'lead' | 'activity' | 'opportunity';

/** How far a role reaches for one entity: everything, its teams' records, its own, or nothing. */
type Reach = 'all' | 'team' | 'own' | 'none';

type EntityPolicy = {
  read: Record<Role, Reach>;
  write: Record<Role, Reach>;
  /** Roles that may create although their write reach is `none` (marketing brings in leads). */
  createAlso?: Role[];
};

/** What the policy looks at on a record: its owner and, for records that can sit unowned in a team's queue, the team. */
export type Guarded = { ownerId: string | null; teamId?: string | null };

const salesRecordPolicy: EntityPolicy = {
  read: {
    admin: 'all',
    sales_director: 'all',
    marketing: 'all',
    team_lead: 'team',
    account_manager: 'team',
    sdr: 'team',
  },
  write: {
    admin: 'all',
    sales_director: 'all',
    team_lead: 'team',
    account_manager: 'own',
    sdr: 'own',
    marketing: 'none',
  },
};

/** Leads: SDRs work their team's inbox (including unassigned leads); marketing reads all and brings new ones in. */
const leadPolicy: EntityPolicy = {
  read: salesRecordPolicy.read,
  write: { ...salesRecordPolicy.write, sdr: 'team' },
  createAlso: ['marketing'],
};

/** Later capabilities add their entities here; the mechanism stays the same. */
const POLICIES: Record<OwnedEntity, EntityPolicy> = {
  account: salesRecordPolicy,
  contact: salesRecordPolicy,
  lead: leadPolicy,
  activity: salesRecordPolicy,
  opportunity: salesRecordPolicy,
};

function reachAllows(reach: Reach, actor: Actor, record: Guarded): boolean {
  const { ownerId, teamId } = record;
  switch (reach) {
    case 'all':
      return true;
    case 'team':
      return (
        (ownerId !== null && (ownerId === actor.id || actor.teamMateIds.includes(ownerId))) ||
        (teamId != null && actor.teamIds.includes(teamId))
      );
    case 'own':
      return ownerId === actor.id;
    case 'none':
      return false;
  }
}

export function canRead(actor: Actor, entity: OwnedEntity, record: Guarded): boolean {
  return reachAllows(POLICIES[entity].read[actor.role], actor, record);
}

export function canWrite(actor: Actor, entity: OwnedEntity, record: Guarded): boolean {
  return reachAllows(POLICIES[entity].write[actor.role], actor, record);
}

export function canCreate(actor: Actor, entity: OwnedEntity): boolean {
  const policy = POLICIES[entity];
  return policy.write[actor.role] !== 'none' || Boolean(policy.createAlso?.includes(actor.role));
}

/** Whom the actor may make the owner of a record: themselves, or (with wider reach) a teammate or anyone. */
export function canAssignTo(actor: Actor, entity: OwnedEntity, ownerId: string): boolean {
  const reach = POLICIES[entity].write[actor.role];
  if (reach === 'own' || reach === 'none') return ownerId === actor.id || actor.teamMateIds.includes(ownerId);
  return reachAllows(reach, actor, { ownerId });
}

/**
 * The read scope as a SQL condition on the table's owner column: lists, search, counts, totals, related
 * lists and exports all add this, so no side path sees more than the detail page would.
 */
export function readScope(actor: Actor, entity: OwnedEntity, ownerColumn: string, teamColumn?: string): RawBuilder<boolean> {
  const col = sql.ref(ownerColumn);
  switch (POLICIES[entity].read[actor.role]) {
    case 'all':
      return sql<boolean>`true`;
    case 'team':
      if (teamColumn && actor.teamIds.length) {
        return sql<boolean>`(${col} = any(${[actor.id, ...actor.teamMateIds]}::uuid[]) OR ${sql.ref(teamColumn)} = any(${actor.teamIds}::uuid[]))`;
      }
      return sql<boolean>`${col} = any(${[actor.id, ...actor.teamMateIds]}::uuid[])`;
    case 'own':
      return sql<boolean>`${col} = ${actor.id}`;
    case 'none':
      return sql<boolean>`false`;
  }
}

/** Loads-then-checks in one step: absent and invisible look the same to the caller. */
export function assertReadable<T extends Guarded>(actor: Actor, entity: OwnedEntity, record: T | undefined, label: string): T {
  if (!record || !canRead(actor, entity, record)) throw notFound(label);
  return record;
}

export function assertWritable(actor: Actor, entity: OwnedEntity, record: Guarded): void {
  if (!canWrite(actor, entity, record)) {
    throw new AppError('forbidden', `Your role may view this ${entity} but not change it`);
  }
}

export function assertCanCreate(actor: Actor, entity: OwnedEntity): void {
  if (!canCreate(actor, entity)) throw new AppError('forbidden', `Your role may not create a ${entity}`);
}

export function assertCanAssign(actor: Actor, entity: OwnedEntity, ownerId: string): void {
  if (!canAssignTo(actor, entity, ownerId)) {
    throw new AppError('forbidden', 'You may not make this user the owner', [
      { field: 'ownerId', message: 'is outside the users you may assign records to' },
    ]);
  }
}

export function isAdmin(actor: Actor): boolean {
  return actor.role === 'admin';
}

export function assertAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('forbidden', 'Only an administrator may do this');
}

/** Shared sales set-up (email templates): administrators and sales directors manage it; everyone uses it. */
export function canManageSalesSetup(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'sales_director';
}

export function assertCanManageSalesSetup(actor: Actor): void {
  if (!canManageSalesSetup(actor)) throw new AppError('forbidden', 'Only an administrator or a sales director may change this');
}
