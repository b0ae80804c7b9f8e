import { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import { isInstruction } from '../../lib/incoming/instructions';
import { adminFacts, ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import {
  registerIncomingLetter,
  runDispositionUpdate,
  runIncomingUpdate,
} from '../../lib/temporal/incoming-workflow-client';
import {
  finishDispositionUpdate,
  followUpUpdate,
  forwardUpdate,
  recallUpdate,
} from '../../workflows/disposition';
import { closeIncomingUpdate, disposeUpdate } from '../../workflows/incoming-letter';
import type { DisposeArgs } from '../../workflows/incoming-letter-types';
import { showIncoming } from './incoming-detail-page';
import { receivedAtOf } from './incoming-paper-form';
import { dispositionActor } from '../../lib/delegation/disposition-actor';
import { peopleActedFor } from '../../lib/delegation/people-acted-for';
import { BUSY_FORMS, incomingSummary, todayWib } from './incoming-view';

const idParam = z.coerce.number().int().positive();
const noteField = z.object({ note: z.string().trim().max(1000).optional() });

/** A disposition form: receivers (one checkbox each), instruction, note, due date (end of that day, WIB). */
function disposeArgs(actorId: number, body: Record<string, unknown>): DisposeArgs {
  const raw = body.toUserIds;
  const toUserIds = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(Number);
  if (toUserIds.length === 0) throw new ValidationError('Pilih minimal satu penerima disposisi.');
  if (toUserIds.some((id) => !Number.isInteger(id) || id <= 0))
    throw new ValidationError('Penerima tidak dikenal.');
  const instruction = typeof body.instruction === 'string' ? body.instruction : '';
  if (!isInstruction(instruction)) throw new ValidationError('Pilih petunjuk disposisi dari daftar.');
  const note = typeof body.note === 'string' ? body.note.trim().slice(0, 1000) : '';
  const dueDate = typeof body.dueDate === 'string' ? body.dueDate : '';
  let dueAt: string | null = null;
  if (dueDate) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) throw new ValidationError('Tanggal batas waktu tidak valid.');
    if (dueDate < todayWib()) throw new ValidationError('Batas waktu tidak boleh tanggal yang sudah lewat.');
    dueAt = new Date(`${dueDate}T23:59:59+07:00`).toISOString();
  }
  return { actorId, toUserIds, instruction, ...(note ? { note } : {}), dueAt };
}

interface Confirmation {
  heading: string;
  icon: string;
  tone: string;
  explanation: string;
  confirmLabel: string;
  withNote: boolean;
}

const FINISH: Confirmation = {
  heading: 'Selesaikan Disposisi',
  icon: 'check2-circle',
  tone: 'success',
  explanation:
    'Disposisi ini akan ditandai selesai tanpa laporan tindak lanjut. Pemberi disposisi diberi tahu.',
  confirmLabel: 'Ya, selesai',
  withNote: true,
};
const RECALL: Confirmation = {
  heading: 'Tarik Kembali Disposisi',
  icon: 'arrow-counterclockwise',
  tone: 'danger',
  explanation:
    'Disposisi yang belum dibaca dapat ditarik kembali. Penerima diberi tahu bahwa disposisi ditarik.',
  confirmLabel: 'Ya, tarik kembali',
  withNote: false,
};
const CLOSE: Confirmation = {
  heading: 'Tutup Surat Masuk',
  icon: 'archive',
  tone: 'dark',
  explanation:
    'Penutupan tidak dapat dibatalkan. Semua disposisi yang masih berjalan ikut ditutup, dan pihak yang terlibat diberi tahu.',
  confirmLabel: 'Ya, tutup surat',
  withNote: true,
};

/** The forms of an incoming letter's page, and the confirmation pages before irreversible ones. */
export function incomingActionPages(
  deps: AppDeps,
  involvedLetter: (ctx: AppContext) => Promise<number>,
): RouteDef[] {
  const { db, pages, temporalClient } = deps;

  /** The disposition named in the path, if it belongs to this letter; 404 otherwise. */
  async function dispositionOf(ctx: AppContext, incomingId: number) {
    const parsed = idParam.safeParse(ctx.params.did);
    const row = parsed.success
      ? await db('dispositions')
          .join('users as f', 'f.id', 'dispositions.from_user_id')
          .join('users as t', 't.id', 'dispositions.to_user_id')
          .where({ 'dispositions.id': parsed.data, 'dispositions.incoming_letter_id': incomingId })
          .first('dispositions.id', 'dispositions.instruction', 'f.name as from_name', 't.name as to_name')
      : undefined;
    if (!row) throw new NotFoundError('Disposisi tidak ditemukan.');
    return { id: Number(row.id), instruction: row.instruction, fromName: row.from_name, toName: row.to_name };
  }

  /** Runs an action; a refusal or bad input is shown on the page (or `again`) instead of an error page. */
  async function act(
    ctx: AppContext,
    incomingId: number,
    run: () => Promise<unknown>,
    info: string,
    again: (message: string) => Promise<void> = (message) =>
      showIncoming(deps, ctx, incomingId, { error: message }),
  ) {
    try {
      await run();
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      ctx.status = err.status;
      await again(err.message);
      return;
    }
    ctx.redirect(`/surat-masuk/${incomingId}?info=${info}`);
  }

  async function confirm(
    ctx: AppContext,
    incomingId: number,
    what: Confirmation,
    action: string,
    extra = {},
  ) {
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'incoming-confirm', {
      title: what.heading,
      ...what,
      incoming: await incomingSummary(db, incomingId),
      action,
      ...extra,
      scripts: BUSY_FORMS,
    });
  }

  const body = (ctx: AppContext) => (ctx.request.body ?? {}) as Record<string, unknown>;
  const noteOf = (ctx: AppContext) => noteField.safeParse(body(ctx)).data?.note || undefined;

  /** A confirmation page (GET) and its action (POST) on one of the letter's dispositions. */
  function confirmedDispositionAction(
    slug: string,
    what: Confirmation,
    run: (ctx: AppContext, dispositionId: number) => Promise<unknown>,
    info: string,
  ): RouteDef[] {
    const path = `/surat-masuk/:id/disposisi/:did/${slug}`;
    return [
      {
        method: 'get',
        path,
        access: ANY_USER,
        summary: `Confirmation page: ${what.heading}.`,
        handler: async (ctx) => {
          const id = await involvedLetter(ctx);
          const disposition = await dispositionOf(ctx, id);
          await confirm(ctx, id, what, `/surat-masuk/${id}/disposisi/${disposition.id}/${slug}`, {
            disposition,
          });
        },
      },
      {
        method: 'post',
        path,
        access: ANY_USER,
        summary: what.heading,
        handler: async (ctx) => {
          const id = await involvedLetter(ctx);
          const disposition = await dispositionOf(ctx, id);
          await act(
            ctx,
            id,
            () => run(ctx, disposition.id),
            info,
            (message) =>
              confirm(ctx, id, what, `/surat-masuk/${id}/disposisi/${disposition.id}/${slug}`, {
                disposition,
                error: message,
                note: noteOf(ctx),
              }),
          );
        },
      },
    ];
  }

  return [
    {
      method: 'post',
      path: '/surat-masuk/:id/registrasi',
      access: rolesOnly('admin_opd'),
      summary: 'The bagian umum registers the letter (agenda number, date received).',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const { actor } = requireAuth(ctx);
        const { opd_id: opdId } = await db('incoming_letters').where({ id }).first('opd_id');
        await act(
          ctx,
          id,
          async () =>
            registerIncomingLetter(
              await temporalClient(),
              db,
              deps.config,
              { incomingId: id, opdId: Number(opdId) },
              { ...adminFacts(actor), receivedAt: receivedAtOf(body(ctx).receivedAt) },
            ),
          'diregistrasi',
        );
      },
    },
    {
      method: 'post',
      path: '/surat-masuk/:id/disposisi',
      access: rolesOnly('admin_opd'),
      summary: 'The bagian umum dispositions the letter.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const { actor } = requireAuth(ctx);
        await act(
          ctx,
          id,
          async () =>
            runIncomingUpdate(await temporalClient(), id, disposeUpdate, {
              ...disposeArgs(actor.id, body(ctx)),
              ...adminFacts(actor),
            }),
          'didisposisikan',
        );
      },
    },
    {
      method: 'post',
      path: '/surat-masuk/:id/disposisi/:did/teruskan',
      access: ANY_USER,
      summary: 'A receiver forwards their disposition down to their own people.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const disposition = await dispositionOf(ctx, id);
        const { actor } = requireAuth(ctx);
        await act(
          ctx,
          id,
          async () =>
            runDispositionUpdate(await temporalClient(), disposition.id, forwardUpdate, {
              ...disposeArgs(actor.id, body(ctx)),
              ...(await dispositionActor(db, actor.id, disposition.id)),
            }),
          'diteruskan',
        );
      },
    },
    {
      method: 'post',
      path: '/surat-masuk/:id/disposisi/:did/tindak-lanjut',
      access: ANY_USER,
      upload: {
        field: 'file',
        maxBytes: deps.config.uploadMaxBytes,
        types: ['application/pdf', 'image/jpeg', 'image/png'],
        optional: true,
      },
      summary: 'A receiver reports the follow-up: text and an optional file.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const disposition = await dispositionOf(ctx, id);
        const { actor } = requireAuth(ctx);
        const report =
          typeof body(ctx).report === 'string' ? String(body(ctx).report).trim().slice(0, 4000) : '';
        const upload = ctx.state.upload;
        await act(
          ctx,
          id,
          async () => {
            if (!report) throw new ValidationError('Tuliskan laporan tindak lanjut.');
            const stored = upload
              ? await deps.files.put(upload.bytes, {
                  mime: upload.type,
                  originalName: upload.originalName,
                  createdBy: actor.id,
                })
              : null;
            await runDispositionUpdate(await temporalClient(), disposition.id, followUpUpdate, {
              ...(await dispositionActor(db, actor.id, disposition.id)),
              report,
              files: stored ? [{ fileId: stored.id, name: upload!.originalName || 'lampiran' }] : [],
            });
          },
          'dilaporkan',
        );
      },
    },
    ...confirmedDispositionAction(
      'selesai',
      FINISH,
      async (ctx, dispositionId) =>
        runDispositionUpdate(await temporalClient(), dispositionId, finishDispositionUpdate, {
          ...(await dispositionActor(db, requireAuth(ctx).actor.id, dispositionId)),
          note: noteOf(ctx),
        }),
      'selesai',
    ),
    ...confirmedDispositionAction(
      'tarik',
      RECALL,
      async (ctx, dispositionId) =>
        runDispositionUpdate(
          await temporalClient(),
          dispositionId,
          recallUpdate,
          await dispositionActor(db, requireAuth(ctx).actor.id, dispositionId),
        ),
      'ditarik',
    ),
    {
      method: 'get',
      path: '/surat-masuk/:id/tutup',
      access: ANY_USER,
      summary: 'Confirmation page before the head closes the letter.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        await confirm(ctx, id, CLOSE, `/surat-masuk/${id}/tutup`);
      },
    },
    {
      method: 'post',
      path: '/surat-masuk/:id/tutup',
      access: ANY_USER,
      summary: 'The head of the OPD closes the letter, with an optional note.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const { actor } = requireAuth(ctx);
        const opd = await db('incoming_letters')
          .join('opd', 'opd.id', 'incoming_letters.opd_id')
          .where('incoming_letters.id', id)
          .first('opd.head_user_id');
        // The head's Plt / Plh closes as the head.
        const people = await peopleActedFor(db, actor.id);
        const note = noteOf(ctx);
        await act(
          ctx,
          id,
          async () =>
            runIncomingUpdate(await temporalClient(), id, closeIncomingUpdate, {
              actorId: actor.id,
              actorIsHead: people.includes(Number(opd?.head_user_id)),
              ...(note ? { note } : {}),
            }),
          'ditutup',
          (message) => confirm(ctx, id, CLOSE, `/surat-masuk/${id}/tutup`, { error: message, note }),
        );
      },
    },
  ];
}
