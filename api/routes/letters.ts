import { z } from 'zod';
import { toDate } from '../../lib/db/to-date';
import { ForbiddenError } from '../../lib/errors';
import { contentSchema, toContent } from '../../lib/letters/letter-content-schema';
import { listLetterRecipients } from '../../lib/letters/list-letter-recipients';
import { letterTimeline } from '../../lib/letters/letter-timeline';
import { signWithPassphrase } from '../../lib/letters/sign-with-passphrase';
import { actingForStep } from '../../lib/delegation/acting-for-step';
import { startNewLetter } from '../../lib/letters/start-new-letter';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { adminFacts, ANY_USER, rolesOnly, type Actor } from '../../lib/rbac/policy';
import { queryLetterState, runLetterUpdate } from '../../lib/temporal/letter-workflow-client';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams, recordId } from '../../lib/validation/record-id';
import {
  assignNumberUpdate,
  saveDraftUpdate,
  submitUpdate,
  verifyUpdate,
  withdrawUpdate,
} from '../../workflows/outgoing-letter';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import { findLetterForActor } from '../letter-access';
import type { RouteDef } from '../route';
import { oncePerRequest } from '../once-per-request';

const editSchema = contentSchema.extend({ baseVersionNo: recordId });
const submitSchema = z.object({
  baseVersionNo: recordId,
  verifierIds: z.array(recordId).optional(),
  signerId: recordId.optional(),
});
const verifySchema = z.object({
  baseVersionNo: recordId,
  decision: z.enum(['approve', 'return']),
  note: z.string().trim().max(2000).optional(),
  content: contentSchema.optional(),
});
const numberSchema = z.object({
  number: z.string().trim().max(100),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'format tanggal yyyy-mm-dd'),
});
const signSchema = z.object({ passphrase: z.string().min(1, 'wajib diisi').max(256) });
const withdrawSchema = z.object({ reason: z.string().trim().min(3, 'tuliskan alasan').max(500) });

export function letterRoutes({ db, files, config, temporalClient }: AppDeps): RouteDef[] {
  /** The letter from the path, after checking the caller is a party to that letter. */
  const partyLetter = oncePerRequest(async (ctx) =>
    findLetterForActor(db, requireAuth(ctx).actor, parseInput(recordId, ctx.params.id)),
  );
  async function update<Arg>(ctx: AppContext, def: Parameters<typeof runLetterUpdate<Arg>>[2], arg: Arg) {
    const letter = await partyLetter(ctx);
    ctx.body = await runLetterUpdate(await temporalClient(), Number(letter.id), def, arg);
  }
  const actorOf = (ctx: AppContext): Actor => requireAuth(ctx).actor;

  return [
    {
      method: 'post',
      path: '/api/v1/letters',
      access: rolesOnly('asn'),
      input: { body: contentSchema },
      summary: 'New draft outgoing letter; starts its workflow.',
      handler: async (ctx) => {
        const actor = actorOf(ctx);
        const content = toContent(parseInput(contentSchema, ctx.request.body));
        const { letterId, versionNo } = await startNewLetter(
          { db, config, temporal: await temporalClient() },
          actor.id,
          content,
        );
        ctx.status = 201;
        ctx.body = { id: letterId, status: 'draft', versionNo };
      },
    },
    {
      method: 'patch',
      path: '/api/v1/letters/:id',
      access: rolesOnly('asn'),
      input: { params: idParams, body: editSchema },
      summary: 'Edit the draft (a new version).',
      authorize: partyLetter,
      handler: (ctx) => {
        const { baseVersionNo, ...content } = parseInput(editSchema, ctx.request.body);
        return update(ctx, saveDraftUpdate, {
          actorId: actorOf(ctx).id,
          baseVersionNo,
          content: toContent(content),
        });
      },
    },
    {
      method: 'post',
      path: '/api/v1/letters/:id/submit',
      access: rolesOnly('asn'),
      input: { params: idParams, body: submitSchema },
      summary: 'Submit for verification: ordered verifiers and a signer with an active certificate.',
      authorize: partyLetter,
      handler: (ctx) =>
        update(ctx, submitUpdate, {
          actorId: actorOf(ctx).id,
          ...parseInput(submitSchema, ctx.request.body),
        }),
    },
    {
      method: 'post',
      path: '/api/v1/letters/:id/verify',
      access: rolesOnly('verifikator'),
      input: { params: idParams, body: verifySchema },
      summary: 'The current verifier approves (optionally with edits) or returns the letter with a note.',
      authorize: partyLetter,
      handler: async (ctx) => {
        const { content, ...rest } = parseInput(verifySchema, ctx.request.body);
        const actorId = actorOf(ctx).id;
        return update(ctx, verifyUpdate, {
          actorId,
          ...rest,
          ...(content ? { content: toContent(content) } : {}),
          ...(await actingForStep(db, parseInput(recordId, ctx.params.id), actorId, 'verify')),
        });
      },
    },
    {
      method: 'get',
      path: '/api/v1/letters/:id/number-suggestion',
      access: rolesOnly('admin_opd'),
      input: { params: idParams },
      summary: 'The next free number of the drafter’s OPD for this letter.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        if (Number(letter.opd_id) !== actorOf(ctx).opdId) throw new ForbiddenError();
        ctx.body = await suggestNextNumber(db, {
          opdId: Number(letter.opd_id),
          year: new Date().getFullYear(),
          classification: letter.classification,
          kind: String(letter.kind),
        });
      },
    },
    {
      method: 'post',
      path: '/api/v1/letters/:id/number',
      access: rolesOnly('admin_opd'),
      input: { params: idParams, body: numberSchema },
      summary: 'The bagian umum of the drafter’s OPD types the number and date.',
      authorize: partyLetter,
      handler: (ctx) => {
        const actor = actorOf(ctx);
        return update(ctx, assignNumberUpdate, {
          ...adminFacts(actor),
          ...parseInput(numberSchema, ctx.request.body),
        });
      },
    },
    {
      method: 'post',
      path: '/api/v1/letters/:id/sign',
      access: rolesOnly('penandatangan'),
      input: { params: idParams, body: signSchema },
      summary: 'The chosen signer signs with their passphrase (checked here; never sent to the workflow).',
      handler: async (ctx) => {
        const actor = actorOf(ctx);
        const letter = await partyLetter(ctx);
        const { passphrase } = parseInput(signSchema, ctx.request.body);
        ctx.body = await signWithPassphrase(
          { db, files, config, temporal: await temporalClient() },
          { letterId: Number(letter.id), actorId: actor.id, passphrase },
        );
      },
    },
    {
      method: 'post',
      path: '/api/v1/letters/:id/withdraw',
      access: rolesOnly('asn'),
      input: { params: idParams, body: withdrawSchema },
      summary: 'The drafter withdraws the letter before it is signed.',
      authorize: partyLetter,
      handler: (ctx) =>
        update(ctx, withdrawUpdate, {
          actorId: actorOf(ctx).id,
          ...parseInput(withdrawSchema, ctx.request.body),
        }),
    },
    {
      method: 'get',
      path: '/api/v1/letters/:id',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'Status, current step and assignee, steps, versions and recipients’ progress.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const letterId = Number(letter.id);
        const [steps, versions, recipients] = await Promise.all([
          db('letter_steps').where({ letter_id: letterId }).orderBy('seq'),
          db('letter_versions')
            .where({ letter_id: letterId })
            .orderBy('version_no')
            .select('version_no', 'author_id', 'created_at'),
          listLetterRecipients(db, letterId),
        ]);
        ctx.body = {
          id: letterId,
          kind: letter.kind,
          subject: letter.subject,
          sifat: letter.sifat,
          urgency: letter.urgency,
          classification: letter.classification,
          status: letter.status,
          number: letter.number,
          state: await queryLetterState(await temporalClient(), letterId),
          steps: steps.map((s) => ({
            seq: s.seq,
            kind: s.kind,
            assigneeId: s.assignee_id,
            status: s.status,
            note: s.note,
            dueAt: toDate(s.due_at),
            actedAt: toDate(s.acted_at),
          })),
          versions: versions.map((v) => ({
            versionNo: v.version_no,
            authorId: v.author_id,
            createdAt: toDate(v.created_at),
          })),
          recipients: recipients.map((r) => ({
            opdId: r.opdId,
            name: r.name,
            kind: r.kind,
            progress: r.progress ?? 'pending',
          })),
        };
      },
    },
    {
      method: 'get',
      path: '/api/v1/letters/:id/timeline',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'Every recorded event of the letter: who, what, when.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        ctx.body = { items: await letterTimeline(db, Number(letter.id)) };
      },
    },
  ];
}
