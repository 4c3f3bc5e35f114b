import { accountCreateInput } from '../../domain/accounts/account.schema.js';
import { contactCreateInput } from '../../domain/contacts/contact.schema.js';
import type { Role } from '../../domain/users/user.schema.js';
import type { Actor } from '../access/actor.js';
import { createAccount, getVisibleAccount, updateAccount } from '../modules/accounts/accounts.service.js';
import { loadActor } from '../modules/auth/actor.loader.js';
import { createContact, getVisibleContact, updateContact } from '../modules/contacts/contacts.service.js';
import { seedDemoOpportunities } from '../modules/opportunities/opportunity-demo.js';
import { addNote } from '../modules/stream/stream.service.js';
import { createTeam } from '../modules/users/teams.service.js';
import { createUser } from '../modules/users/users.service.js';
import type { Db } from '../platform/db.js';
import { accountInput, contactInput, rng } from './factories.js';

export const DEMO_PASSWORD = 'stride-demo-2026';

/** The demo sales team: one user per role and two teams, as in the seeds (Czech rep Barbora, German office). */
export const DEMO_USERS: Array<{ email: string; name: string; role: Role; team?: 'cz' | 'de'; lead?: boolean }> = [
  { email: 'admin@demo.stride.local', name: 'Alena Adminová', role: 'admin' },
  { email: 'director@demo.stride.local', name: 'Gerald Unger', role: 'sales_director' },
  { email: 'lead.cz@demo.stride.local', name: 'Tomáš Vedoucí', role: 'team_lead', team: 'cz', lead: true },
  { email: 'barbora@demo.stride.local', name: 'Barbora Dvořáková', role: 'account_manager', team: 'cz' },
  { email: 'petr@demo.stride.local', name: 'Petr Šťastný', role: 'sdr', team: 'cz' },
  { email: 'lead.de@demo.stride.local', name: 'Christian Gabriel', role: 'team_lead', team: 'de', lead: true },
  { email: 'mark@demo.stride.local', name: 'Mark Henry', role: 'account_manager', team: 'de' },
  { email: 'sofia@demo.stride.local', name: 'Sofia Marketing', role: 'marketing' },
];

const NOTES = [
  'Called the purchasing manager, interested in AutoERP. Meeting Friday at 11.',
  'Sent "Link to meeting" for the online presentation.',
  'Customer asks for a reference visit in Brno.',
  'Budget confirmed for Q1, decision by the board in January.',
  'Zákazník požaduje nabídku do konce měsíce.',
  'Follow-up: contract comments received, forwarding to legal.',
];

export async function seedDemo(db: Db, opts: { accounts?: number; contactsPerAccount?: number } = {}) {
  const r = rng(20261123);
  const users: Record<string, Actor> = {};
  for (const u of DEMO_USERS) {
    const created = await createUser(db, null, {
      email: u.email,
      name: u.name,
      role: u.role,
      password: DEMO_PASSWORD,
      locale: u.team === 'cz' ? 'cs' : 'en',
    });
    users[u.email] = { ...(await loadActor(db, created.id)) } as Actor;
  }
  const members = (team: 'cz' | 'de') =>
    DEMO_USERS.filter((u) => u.team === team && !u.lead).map((u) => (users[u.email] as Actor).id);
  const lead = (team: 'cz' | 'de') => (users[DEMO_USERS.find((u) => u.team === team && u.lead)?.email ?? ''] as Actor).id;
  await createTeam(db, null, { name: 'Prodej CZ', leadId: lead('cz'), memberIds: members('cz') });
  await createTeam(db, null, { name: 'Vertrieb DE', leadId: lead('de'), memberIds: members('de') });
  for (const email of Object.keys(users)) users[email] = (await loadActor(db, (users[email] as Actor).id)) as Actor;

  const owners = [
    'barbora@demo.stride.local',
    'petr@demo.stride.local',
    'mark@demo.stride.local',
    'lead.cz@demo.stride.local',
    'lead.de@demo.stride.local',
  ].map((e) => users[e] as Actor);
  const accountCount = opts.accounts ?? 50;
  const perAccount = opts.contactsPerAccount ?? 3;
  let contacts = 0;
  const accountIds: string[] = [];
  for (let i = 0; i < accountCount; i++) {
    const owner = owners[i % owners.length] as Actor;
    // same owner (owners rotate), so the owner may see the parent
    const parentId = i >= owners.length && i % 6 === 0 ? accountIds[i - owners.length] : undefined;
    const account = await createAccount(
      db,
      owner,
      accountCreateInput.parse(accountInput(r, { ownerId: owner.id, parentId: parentId ?? null })),
    );
    accountIds.push(account.id);
    if (i % 3 === 0) {
      const fresh = await getVisibleAccount(db, owner, account.id);
      await updateAccount(db, owner, account.id, { type: 'customer', description: 'Signed framework agreement.' }, fresh.version);
    }
    if (i % 2 === 0)
      await addNote(db, owner, { entityType: 'account', entityId: account.id, ensureVisible: getVisibleAccount }, r.pick(NOTES));
    for (let c = 0; c < perAccount; c++) {
      const contact = await createContact(
        db,
        owner,
        contactCreateInput.parse(contactInput(r, { accountId: account.id, ownerId: owner.id })),
      );
      contacts++;
      if (c === 0 && i % 4 === 0) {
        const fresh = await getVisibleContact(db, owner, contact.id);
        await updateContact(db, owner, contact.id, { title: 'Jednatel' }, fresh.version);
        await addNote(
          db,
          owner,
          { entityType: 'contact', entityId: contact.id, ensureVisible: getVisibleContact },
          r.pick(NOTES),
        );
      }
    }
  }
  const accountOwners = accountIds.map((id, i) => ({ id, owner: owners[i % owners.length] as Actor }));
  await seedDemoOpportunities(db, { admin: users['admin@demo.stride.local'] as Actor, accounts: accountOwners, random: r });
  return { accounts: accountCount, contacts, adminEmail: 'admin@demo.stride.local' };
}
