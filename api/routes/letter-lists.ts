import { z } from 'zod';
import { LETTER_BOXES, listLetters } from '../../lib/letters/list-letters';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

export const letterListQuery = z.object({
  box: z
    .enum(LETTER_BOXES, { message: `harus salah satu dari: ${LETTER_BOXES.join(', ')}` })
    .default('drafts'),
  q: z.string().trim().max(100, 'paling panjang 100 karakter').optional(),
  page: z.coerce.number().int().min(1, 'minimal 1').default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'paling banyak 100').default(25),
});

/** GET /api/v1/letters: the caller's drafts, sent letters and the archive, searchable and paginated. */
export function letterListRoutes({ db }: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/letters',
      access: ANY_USER,
      input: { query: letterListQuery },
      summary: 'Letter boxes: drafts, sent or archive (?box=, q=, page=, pageSize=), newest first.',
      handler: async (ctx) => {
        const query = parseInput(letterListQuery, ctx.query);
        ctx.body = await listLetters(db, requireAuth(ctx).actor, query);
      },
    },
  ];
}
