import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { dispositionActor } from '../../lib/delegation/disposition-actor';
import { peopleActedFor } from '../../lib/delegation/people-acted-for';
import { findDispositionForActor } from '../../lib/incoming/find-disposition-for-actor';
import { isInstruction } from '../../lib/incoming/instructions';
import { loadDispositionTree, type DispositionNode } from '../../lib/incoming/load-disposition-tree';
import { listDispositionReceivers } from '../../lib/incoming/list-disposition-receivers';
import { ANY_USER } from '../../lib/rbac/policy';
import { runDispositionUpdate } from '../../lib/temporal/incoming-workflow-client';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams, recordId } from '../../lib/validation/record-id';
import {
  finishDispositionUpdate,
  followUpUpdate,
  forwardUpdate,
  readDispositionUpdate,
  recallUpdate,
} from '../../workflows/disposition';
import { INCOMING_REFUSAL, type ActorArgs, type DisposeArgs } from '../../workflows/incoming-letter-types';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { oncePerRequest } from '../once-per-request';

/** An ISO date-time with its offset, or a date `yyyy-mm-dd` meaning `time` WIB that day. */
export const wibDateTime = (time: string) =>
  z
    .string()
    .trim()
    .transform((v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T${time}+07:00` : v))
    .pipe(z.string().datetime({ offset: true, message: 'format tanggal yyyy-mm-dd atau tanggal-waktu ISO' }))
    .transform((v) => new Date(v));

const dueAt = wibDateTime('23:59:00')
  .refine((d) => d.getTime() > Date.now(), 'batas waktu harus di masa depan')
  .transform((d) => d.toISOString());

/** The body of a new disposition, from the letter or forwarded (POST …/dispositions and …/forward). */
export const disposeSchema = z.object({
  toUserIds: z.array(recordId).min(1, 'pilih minimal satu penerima').max(50),
  instruction: z.string().trim().refine(isInstruction, 'pilih petunjuk disposisi dari daftar baku'),
  note: z.string().trim().max(2000).optional(),
  dueAt: dueAt.nullish(),
  dispositionId: recordId.optional(),
});

export function toDisposeArgs(actorId: number, body: z.infer<typeof disposeSchema>): DisposeArgs {
  return {
    actorId,
    toUserIds: body.toUserIds,
    instruction: body.instruction,
    ...(body.note ? { note: body.note } : {}),
    dueAt: body.dueAt ?? null,
  };
}

/**
 * The dispositions an update just created: the workflow runs its updates one at a time and appends the
 * new ids in the order of the receivers, so they are the last ones of its list.
 */
export const newIds = (all: number[], toUserIds: number[]) => all.slice(-toUserIds.length);

const followUpSchema = z.object({ report: z.string().trim().min(1, 'tuliskan laporan').max(5000) });
const closeSchema = z.object({ note: z.string().trim().max(2000).optional() });

export function dispositionRoutes({ db, files, config, temporalClient }: AppDeps): RouteDef[] {
  /** The disposition from the path, after checking the caller gave or received it (else 404). */
  const involved = oncePerRequest(async (ctx) => {
    const { actor } = requireAuth(ctx);
    const disposition = await findDispositionForActor(db, actor, parseInput(recordId, ctx.params.id));
    return {
      actor,
      dispositionId: Number(disposition.id),
      incomingId: Number(disposition.incoming_letter_id),
      isReceiver: (await peopleActedFor(db, actor.id)).includes(Number(disposition.to_user_id)),
    };
  });
  async function update<Arg>(
    ctx: AppContext,
    def: Parameters<typeof runDispositionUpdate<Arg>>[2],
    arg: (who: ActorArgs) => Arg,
  ) {
    const { actor, dispositionId } = await involved(ctx);
    const who = await dispositionActor(db, actor.id, dispositionId);
    ctx.body = await runDispositionUpdate(await temporalClient(), dispositionId, def, arg(who));
  }

  return [
    {
      method: 'get',
      path: '/api/v1/disposition-receivers',
      access: ANY_USER,
      summary:
        'Whom the caller can disposition a letter to: the people of their OPD, direct subordinates first.',
      handler: async (ctx) => {
        ctx.body = { items: await listDispositionReceivers(db, requireAuth(ctx).actor) };
      },
    },
    {
      method: 'get',
      path: '/api/v1/dispositions/:id',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'One disposition (to its giver or receiver): status, instruction, due date, times, follow-up.',
      handler: async (ctx) => {
        const { dispositionId, incomingId } = await involved(ctx);
        const flat = (nodes: DispositionNode[]): DispositionNode[] =>
          nodes.flatMap((n) => [n, ...flat(n.children)]);
        const node = flat(await loadDispositionTree(db, incomingId)).find((n) => n.id === dispositionId);
        ctx.body = { ...node, incomingId };
      },
    },
    {
      method: 'post',
      path: '/api/v1/dispositions/:id/read',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'The receiver opens the disposition (the read receipt).',
      handler: (ctx) => update(ctx, readDispositionUpdate, (who) => who),
    },
    {
      method: 'post',
      path: '/api/v1/dispositions/:id/follow-up',
      access: ANY_USER,
      input: { params: idParams, body: followUpSchema },
      summary:
        'The receiver reports the follow-up (tindak lanjut): JSON `{report}` or a form with an optional file.',
      authorize: involved,
      upload: {
        field: 'file',
        maxBytes: config.uploadMaxBytes,
        types: ['application/pdf', 'image/jpeg', 'image/png'],
        optional: true,
      },
      handler: async (ctx) => {
        const { report } = parseInput(followUpSchema, ctx.request.body);
        const { actor, isReceiver } = await involved(ctx);
        // Checked here too (the workflow decides), so that a refused report stores no file.
        if (!isReceiver) throw new AppError(409, 'refused', INCOMING_REFUSAL.notReceiver);
        const upload = ctx.state.upload;
        const stored = upload
          ? [
              {
                fileId: (
                  await files.put(upload.bytes, {
                    mime: upload.type,
                    originalName: upload.originalName,
                    createdBy: actor.id,
                  })
                ).id,
                name: upload.originalName || 'lampiran',
              },
            ]
          : [];
        await update(ctx, followUpUpdate, (who) => ({ ...who, report, files: stored }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/dispositions/:id/forward',
      access: ANY_USER,
      input: { params: idParams, body: disposeSchema },
      summary: 'The receiver dispositions it further down `{toUserIds, instruction, note?, dueAt?}`.',
      handler: async (ctx) => {
        const { actor, dispositionId } = await involved(ctx);
        const body = parseInput(disposeSchema, ctx.request.body);
        const args = {
          ...toDisposeArgs(actor.id, body),
          ...(await dispositionActor(db, actor.id, dispositionId)),
        };
        const state = await runDispositionUpdate(await temporalClient(), dispositionId, forwardUpdate, args);
        ctx.status = 201;
        ctx.body = { ids: newIds(state.childIds, args.toUserIds), state };
      },
    },
    {
      method: 'post',
      path: '/api/v1/dispositions/:id/close',
      access: ANY_USER,
      input: { params: idParams, body: closeSchema },
      summary: 'The receiver or the giver finishes the disposition without (further) report `{note?}`.',
      handler: (ctx) => {
        const { note } = parseInput(closeSchema, ctx.request.body);
        return update(ctx, finishDispositionUpdate, (who) => ({ ...who, ...(note ? { note } : {}) }));
      },
    },
    {
      method: 'post',
      path: '/api/v1/dispositions/:id/recall',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'The giver takes the disposition back while it is still unread.',
      handler: (ctx) => update(ctx, recallUpdate, (who) => who),
    },
  ];
}
