import type { Role } from '../../domain/users/user.schema.js';

/** The acting user, passed explicitly to every service call. */
export type Actor = {
  id: string;
  name: string;
  email: string;
  role: Role;
  locale: string;
  /** Teams the user belongs to or leads. */
  teamIds: string[];
  /** The user plus everyone in the user's teams (members and leads): whose records "my teams' records" are. */
  teamMateIds: string[];
};

/** The system itself (demo seed, CLI imports): sees and may do everything. */
export const SYSTEM_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'System',
  email: 'system@stride.local',
  role: 'admin',
  locale: 'en',
  teamIds: [],
  teamMateIds: [],
};
