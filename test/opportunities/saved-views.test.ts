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

  it('keeps a table view’s columns and sort, a board view’s kind; “save current settings” replaces them', async () => {
    const am = await world.as('amA');
    const table = await am.post('/api/v1/saved-views', {
      name: 'Stalled by name',
      resource: 'opportunities',
      view: 'table',
      filters: { stalled: 'true', q: 'brno' },
      columns: ['name', 'forecastCategory', 'owner'],
      sort: 'name',
    });
    expect(table.status).toBe(201);
    const board = await am.post('/api/v1/saved-views', {
      name: 'My board',
      resource: 'opportunities',
      view: 'board',
      filters: { ownerId: world.users.amA.id },
    });
    expect(board.body).toMatchObject({ view: 'board', columns: [], sort: null });

    const listed = (await am.get('/api/v1/saved-views?resource=opportunities')).body.data;
    expect(listed.find((v: any) => v.id === table.body.id)).toMatchObject({
      view: 'table',
      filters: { stalled: 'true', q: 'brno' },
      columns: ['name', 'forecastCategory', 'owner'],
      sort: 'name',
    });

    // the page saves its current settings into the view in use (the whole set: view, filters, columns, sort)
    const updated = await am.patch(
      `/api/v1/saved-views/${board.body.id}`,
      { view: 'table', filters: { forecastCategory: 'commit' }, columns: ['name', 'amount'], sort: '-createdAt' },
      { headers: { 'if-match': `"${board.body.version}"` } },
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'My board',
      view: 'table',
      filters: { forecastCategory: 'commit' },
      columns: ['name', 'amount'],
      sort: '-createdAt',
      version: board.body.version + 1,
    });
    expect((await am.get(`/api/v1/saved-views/${board.body.id}`)).body.filters).toEqual({ forecastCategory: 'commit' });
    // and back to a board: columns and sort are cleared
    const back = await am.patch(
      `/api/v1/saved-views/${board.body.id}`,
      { view: 'board', filters: {}, columns: [], sort: null },
      { headers: { 'if-match': `"${updated.body.version}"` } },
    );
    expect(back.body).toMatchObject({ view: 'board', filters: {}, columns: [], sort: null });
    // a stale save is refused, and a delete must name the current version too
    expect(
      (await am.patch(`/api/v1/saved-views/${board.body.id}`, { sort: 'name' }, { headers: { 'if-match': '"1"' } })).status,
    ).toBe(412);
    expect((await am.delete(`/api/v1/saved-views/${board.body.id}`, { headers: { 'if-match': '"1"' } })).status).toBe(412);
    const bad = await am.patch(`/api/v1/saved-views/${table.body.id}`, { view: 'kanban', columns: 'name' });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(expect.arrayContaining(['view', 'columns']));
  });
});
