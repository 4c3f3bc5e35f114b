import { describe, expect, it } from 'vitest';
import { errorOf, fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';
import { newAccount, newOpportunity, streamOf } from './helpers.js';

let world: World;
const t = useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('account handover', () => {
  it('moves the account, contacts, open deals and planned activities; keeps history; intro + 30-day tasks', async () => {
    const am = await world.as('amA');
    const account = await newAccount(am, 'Subsidiary customer a.s.');
    const contact = (await am.post('/api/v1/contacts', { firstName: 'Eva', lastName: 'Malá', accountId: account.id })).body;
    const open = await newOpportunity(am, { accountId: account.id, name: 'Open deal' });
    const won = await newOpportunity(am, { accountId: account.id, name: 'Won deal' });
    await am.post(`/api/v1/opportunities/${won.id}/close`, { outcome: 'won' });
    const meeting = await am.post('/api/v1/activities', {
      type: 'task',
      subject: 'Send brochure',
      dueAt: '2030-01-01T10:00:00Z',
      relatedTo: { type: 'opportunity', id: open.id },
    });
    expect(meeting.status).toBe(201);

    const missing = await am.post(`/api/v1/accounts/${account.id}/handover`, { note: 'x' });
    expect(missing.status).toBe(400);
    expect(fieldsOf(missing)).toContain('toOwnerId');
    // an account manager may hand to a teammate, not to another team's user
    const outside = await am.post(`/api/v1/accounts/${account.id}/handover`, { toOwnerId: world.users.amB.id, note: 'x' });
    expect(outside.status).toBe(403);
    expect(
      (
        await (
          await world.as('amB')
        ).post(`/api/v1/accounts/${account.id}/handover`, { toOwnerId: world.users.amB.id, note: 'x' })
      ).status,
    ).toBe(404);

    const res = await am.post(`/api/v1/accounts/${account.id}/handover`, {
      toOwnerId: world.users.amA2.id,
      note: 'Moving to the group key-account team; warm intro planned',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      from: { id: world.users.amA.id },
      to: { id: world.users.amA2.id },
      moved: { contacts: 1, opportunities: 1, activities: 1 },
    });
    const am2 = await world.as('amA2');
    expect((await am2.get(`/api/v1/accounts/${account.id}`)).body.ownerId).toBe(world.users.amA2.id);
    expect((await am2.get(`/api/v1/contacts/${contact.id}`)).body.ownerId).toBe(world.users.amA2.id);
    expect((await am2.get(`/api/v1/opportunities/${open.id}`)).body.ownerId).toBe(world.users.amA2.id);
    expect((await am2.get(`/api/v1/opportunities/${won.id}`)).body.ownerId).toBe(world.users.amA.id);
    expect((await am2.get(`/api/v1/activities/${meeting.body.id}`)).body.ownerId).toBe(world.users.amA2.id);

    const intro = (await am2.get(`/api/v1/activities/${res.body.introTaskId}`)).body;
    const followUp = (await am2.get(`/api/v1/activities/${res.body.followUpTaskId}`)).body;
    expect(intro).toMatchObject({ type: 'task', ownerId: world.users.amA2.id, status: 'planned' });
    expect(followUp.subject).toContain('Satisfaction check');
    const days = (new Date(followUp.dueAt).getTime() - new Date(intro.dueAt).getTime()) / 86_400_000;
    expect(days).toBe(30);

    const accountStream = await streamOf(am2, 'accounts', account.id);
    expect(accountStream.find((e) => e.type === 'handover')?.data).toMatchObject({
      note: 'Moving to the group key-account team; warm intro planned',
      to: { id: world.users.amA2.id },
      moved: { contacts: 1, opportunities: 1, activities: 1 },
    });
    expect(accountStream.some((e) => e.type === 'assign')).toBe(true);
    // history kept: the old entries are still there
    expect(accountStream.some((e) => e.type === 'create')).toBe(true);
    const oppStream = await streamOf(am2, 'opportunities', open.id);
    expect(oppStream.find((e) => e.type === 'assign')?.data).toMatchObject({ from: world.users.amA.id, to: world.users.amA2.id });
    expect(oppStream.some((e) => e.type === 'create')).toBe(true);
  });

  it('a director hands an account to another team (its lead takes it); a team without a lead is refused', async () => {
    const director = await world.as('director');
    const account = await newAccount(await world.as('amA'), 'To group');
    const res = await director.post(`/api/v1/accounts/${account.id}/handover`, {
      toTeamId: world.teamB,
      note: 'Group takes over',
    });
    expect(res.status).toBe(200);
    expect(res.body.to.id).toBe(world.users.leadB.id);
    const noLead = await t.current.createTeam({ name: 'No lead', memberIds: [] });
    const refused = await director.post(`/api/v1/accounts/${account.id}/handover`, { toTeamId: noLead.id, note: 'x' });
    expect(refused.status).toBe(400);
    expect(errorOf(refused).message).toBeTruthy();
  });
});
