import { renderLetterPreview, type LetterPdf } from '../../lib/letters/render-letter-preview';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams, recordId } from '../../lib/validation/record-id';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import { findLetterForActor } from '../letter-access';
import type { RouteDef } from '../route';

/** Answers a letter's PDF inline, to its parties only (anyone else: the same 404 as a missing letter). */
export async function sendLetterPdf({ db, files, pdf }: AppDeps, ctx: AppContext): Promise<void> {
  const { actor } = requireAuth(ctx);
  const letter = await findLetterForActor(db, actor, parseInput(recordId, ctx.params.id));
  const result: LetterPdf = await renderLetterPreview({ db, files, pool: pdf }, Number(letter.id));
  ctx.type = 'application/pdf';
  ctx.set('Content-Disposition', `inline; filename="${result.filename}"`);
  // A preview changes with every version and step; a signed letter never changes but stays private.
  ctx.set('Cache-Control', 'private, no-store');
  ctx.body = result.pdf;
}

/** GET /api/v1/letters/:id/pdf: the draft preview (KONSEP) or the signed PDF. */
export function letterPdfRoutes(deps: AppDeps): RouteDef[] {
  return [
    {
      method: 'get',
      path: '/api/v1/letters/:id/pdf',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'The letter as PDF: a KONSEP preview of the current version, or the signed document.',
      handler: (ctx) => sendLetterPdf(deps, ctx),
    },
  ];
}
