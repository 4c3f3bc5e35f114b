import type { Role } from '../../src/domain/users/user.schema.js';
import type { Client, TestApp, TestUser } from './app.js';

/**
 * A small sales organisation: two teams (A and B), each with a lead, and one user of every other role.
 * team A: leadA, amA, amA2 (account managers), sdrA;  team B: leadB, amB.
 */
export type World = {
  users: Record<'admin' | 'director' | 'marketing' | 'leadA' | 'amA' | 'amA2' | 'sdrA' | 'leadB' | 'amB', TestUser>;
  teamA: string;
  teamB: string;
  as: (who: keyof World['users']) => Promise<Client>;
};

export async function buildWorld(t: TestApp): Promise<World> {
  const make = (role: Role, name: string) => t.createUserWithRole(role, { name });
  const admin = await make('admin', 'Alena Adminová');
  const director = await make('sales_director', 'Gerald Unger');
  const marketing = await make('marketing', 'Sofia Marketing');
  const leadA = await make('team_lead', 'Tomáš Vedoucí');
  const amA = await make('account_manager', 'Barbora Dvořáková');
  const amA2 = await make('account_manager', 'Jana Nováková');
  const sdrA = await make('sdr', 'Petr Šťastný');
  const leadB = await make('team_lead', 'Christian Gabriel');
  const amB = await make('account_manager', 'Mark Henry');
  const teamA = await t.createTeam({ name: 'Prodej CZ', leadId: leadA.id, memberIds: [amA.id, amA2.id, sdrA.id] });
  const teamB = await t.createTeam({ name: 'Vertrieb DE', leadId: leadB.id, memberIds: [amB.id] });
  const users = { admin, director, marketing, leadA, amA, amA2, sdrA, leadB, amB };
  for (const u of Object.values(users)) u.actor = await t.actor(u.id);
  const clients = new Map<string, Client>();
  return {
    users,
    teamA: teamA.id,
    teamB: teamB.id,
    async as(who) {
      let client = clients.get(who);
      if (!client) {
        client = await t.loginAs(users[who].email);
        clients.set(who, client);
      }
      return client;
    },
  };
}
