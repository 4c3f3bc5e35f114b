import { z } from 'zod';
import { page } from '../../../domain/common/fields.js';
import {
  role,
  team,
  teamInput,
  teamUpdateInput,
  user,
  userCreateInput,
  userUpdateInput,
} from '../../../domain/users/user.schema.js';
import { actorOf, ifMatchVersion, withEtag } from '../../http/request.js';
import { errorResponses, idParams } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { createTeam, deleteTeam, getTeam, listTeams, updateTeam } from './teams.service.js';
import { createUser, getUser, listUsers, updateUser } from './users.service.js';

const userListQuery = z.object({
  q: z.string().trim().max(200).optional(),
  role: role.optional(),
  active: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export function userRoutes(app: App) {
  const db = () => app.database.db;
  let tags = ['users'];
  app.get(
    '/api/v1/users',
    { schema: { tags, summary: 'List users', querystring: userListQuery, response: { 200: page(user), ...errorResponses } } },
    async (req) => listUsers(db(), actorOf(req), req.query),
  );
  app.post(
    '/api/v1/users',
    { schema: { tags, summary: 'Create a user (admin)', body: userCreateInput, response: { 201: user, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await createUser(db(), actorOf(req), req.body), 201),
  );
  app.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: idParams, response: { 200: user, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getUser(db(), actorOf(req), req.params.id)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user (admin; or own name and language)',
        params: idParams,
        body: userUpdateInput,
        response: { 200: user, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await updateUser(db(), actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );

  tags = ['teams'];
  app.get(
    '/api/v1/teams',
    { schema: { tags, summary: 'List teams', response: { 200: page(team), ...errorResponses } } },
    async (req) => listTeams(db(), actorOf(req)),
  );
  app.post(
    '/api/v1/teams',
    { schema: { tags, summary: 'Create a team (admin)', body: teamInput, response: { 201: team, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await createTeam(db(), actorOf(req), req.body), 201),
  );
  app.get(
    '/api/v1/teams/:id',
    { schema: { tags, summary: 'One team', params: idParams, response: { 200: team, ...errorResponses } } },
    async (req, reply) => withEtag(reply, await getTeam(db(), actorOf(req), req.params.id)),
  );
  app.patch(
    '/api/v1/teams/:id',
    {
      schema: {
        tags,
        summary: 'Change a team (admin)',
        params: idParams,
        body: teamUpdateInput,
        response: { 200: team, ...errorResponses },
      },
    },
    async (req, reply) => withEtag(reply, await updateTeam(db(), actorOf(req), req.params.id, req.body, ifMatchVersion(req))),
  );
  app.delete(
    '/api/v1/teams/:id',
    { schema: { tags, summary: 'Delete a team (admin)', params: idParams } },
    async (req, reply) => {
      await deleteTeam(db(), actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
