import { ANY_USER } from '../../lib/rbac/policy';
import { TEMPLATES } from '../../templates';
import type { RouteDef } from '../route';

/** The kinds of naskah dinas and the fields each one's form asks for (the schema stays on the server). */
export function templateRoutes(): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/templates',
      access: ANY_USER,
      summary: 'Letter kinds and the fields each needs.',
      handler: (ctx) => {
        ctx.body = {
          items: Object.values(TEMPLATES).map(({ kind, label, description, subject, fields, example }) => ({
            kind,
            label,
            description,
            subject,
            fields,
            example,
          })),
        };
      },
    },
  ];
}
