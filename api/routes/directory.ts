import { z } from 'zod';
import { listUsers } from '../../lib/users/list-users';
import { Opd } from '../../lib/models/opd';
import { ANY_USER } from '../../lib/rbac/policy';
import { ROLES } from '../../lib/rbac/roles';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const userQuery = z.object({
  role: z.enum(ROLES, { message: `harus salah satu dari: ${ROLES.join(', ')}` }).optional(),
  opd: z.coerce.number().int().positive('harus berupa id OPD').optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function directoryRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/me',
      access: ANY_USER,
      summary: 'The caller, with roles and OPD, and whether they must change their password first.',
      handler: (ctx) => {
        const { user } = requireAuth(ctx);
        ctx.body = { ...user.toPublic(), mustChangePassword: user.mustChangePassword };
      },
    },
    {
      method: 'get',
      path: '/api/v1/opd',
      access: ANY_USER,
      summary: 'The agencies (OPD) of the regency.',
      handler: async (ctx) => {
        const rows = await Opd.query(db).where('active', true).orderBy('name');
        ctx.body = {
          items: rows.map((o) => ({ id: o.id, code: o.code, name: o.name, shortName: o.shortName })),
        };
      },
    },
    {
      method: 'get',
      path: '/api/v1/users',
      access: ANY_USER,
      input: { query: userQuery },
      summary: 'People of the caller’s OPD (any OPD for a superadmin), filtered by role, OPD and name.',
      handler: async (ctx) => {
        const query = parseInput(userQuery, ctx.query);
        ctx.body = await listUsers(db, requireAuth(ctx).actor, query);
      },
    },
  ];
}
