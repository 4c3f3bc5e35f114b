import { describe, expect, it } from 'vitest';
import { fieldsOf, useTestApp } from '../helpers/app.js';
import { buildWorld, type World } from '../helpers/world.js';

let world: World;
useTestApp(async (app) => {
  world = await buildWorld(app);
});

describe('saved views', () => {
  it('personal views are private; shared views are read by all and edited by owner or admin; 412 on stale', async () => {
    const am = await world.as('amA');
    const amB = await world.as('amB');
    const admin = await world.as('admin');
    const bad = await am.post('/api/v1/saved-views', { name: '', resource: 'deals', view: 'table' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['name', 'resource']));

    const mine = await am.post('/api/v1/saved-views', {
      name: 'My commit deals',
      resource: 'opportunities',
      view: 'table',
      filters: { forecastCategory: 'commit', ownerId: world.users.amA.id },
      columns: ['name', 'amount', 'stage'],
      sort: '-updatedAt',
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      shared: false,
      editable: true,
      filters: { forecastCategory: 'commit' },
      columns: ['name', 'amount', 'stage'],
    });
    const shared = await am.post('/api/v1/saved-views', {
      name: 'Team board',
      resource: 'opportunities',
      view: 'board',
      shared: true,
    });
    expect(shared.status).toBe(201);

    const listB = (await amB.get('/api/v1/saved-views?resource=opportunities')).body.data;
    expect(listB.map((v: any) => v.name)).toEqual(['Team board']);
    expect(listB[0].editable).toBe(false);
    expect((await amB.get(`/api/v1/saved-views/${mine.body.id}`)).status).toBe(404);
    expect((await amB.patch(`/api/v1/saved-views/${shared.body.id}`, { name: 'Hijack' })).status).toBe(403);
    expect((await amB.delete(`/api/v1/saved-views/${shared.body.id}`)).status).toBe(403);
    expect((await am.get('/api/v1/saved-views?resource=leads')).body.data).toEqual([]);

    const renamed = await admin.patch(
      `/api/v1/saved-views/${shared.body.id}`,
      { name: 'Team A board' },
      { headers: { 'if-match': '"1"' } },
    );
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Team A board', version: 2, ownerId: world.users.amA.id });
    expect(
      (await am.patch(`/api/v1/saved-views/${shared.body.id}`, { name: 'Old' }, { headers: { 'if-match': '"1"' } })).status,
    ).toBe(412);
    // an admin does not edit someone's personal view (it is not even visible)
    expect((await admin.patch(`/api/v1/saved-views/${mine.body.id}`, { name: 'x' })).status).toBe(404);

    expect((await am.delete(`/api/v1/saved-views/${mine.body.id}`)).status).toBe(204);
    expect((await am.get(`/api/v1/saved-views/${mine.body.id}`)).status).toBe(404);
  });
});
