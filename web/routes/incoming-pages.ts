import { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { assertMayRegisterPaper } from '../../lib/incoming/assert-may-register-paper';
import { createPaperLetter } from '../../lib/incoming/create-paper-letter';
import { findIncomingForActor } from '../../lib/incoming/find-incoming-for-actor';
import { listIncoming } from '../../lib/incoming/list-incoming';
import { paperLetterSchema } from '../../lib/incoming/paper-letter-schema';
import { renderDispositionSheet } from '../../lib/incoming/render-disposition-sheet';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { adminFacts, ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import { registerIncomingLetter } from '../../lib/temporal/incoming-workflow-client';
import { renderLetterPreview } from '../../lib/letters/render-letter-preview';
import { parseInput } from '../../lib/validation/parse-input';
import { incomingActionPages } from './incoming-action-pages';
import { showIncoming } from './incoming-detail-page';
import { dispositionSheetData } from './incoming-sheet';
import { INCOMING_STATUS } from '../../lib/incoming/incoming-labels';
import { BUSY_FORMS, DISPOSITION_STATUS, incomingSummary, todayWib } from './incoming-view';
import { paperForm, receivedAtOf } from './incoming-paper-form';
import { pagerOf } from '../pager';

const PAGE_SIZE = 20;
const idParam = z.coerce.number().int().positive();
const listQuery = z.object({
  kotak: z.enum(['opd', 'saya']).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

/** Surat masuk: the OPD's inbox and "Disposisi Saya", paper registration, a letter's page, its scan and sheet. */
export function incomingPages(deps: AppDeps): RouteDef[] {
  const { db, pages, config, temporalClient } = deps;
  const maxMb = Math.round(config.uploadMaxBytes / 1048576);

  /** The letter if the caller is involved; the same 404 as a missing one otherwise. */
  async function involvedLetter(ctx: AppContext) {
    const parsed = idParam.safeParse(ctx.params.id);
    if (!parsed.success) throw new NotFoundError('Surat masuk tidak ditemukan.');
    await findIncomingForActor(db, requireAuth(ctx).actor, parsed.data);
    return parsed.data;
  }

  async function showNewForm(
    ctx: AppContext,
    values: Record<string, string>,
    error?: string,
    errors: { field: string; message: string }[] = [],
  ) {
    const classifications = await db('classifications')
      .where({ active: true })
      .orderBy('code')
      .select('code', 'name');
    const fields = paperForm(values, errors);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'incoming-new', {
      title: 'Registrasi Surat Masuk',
      maxMb,
      classifications,
      fields,
      error,
      scripts: BUSY_FORMS,
      errors: fields
        .filter((f) => f.error)
        .map((f) => ({ field: f.name, message: `${f.label}: ${f.error}` })),
    });
  }

  return [
    {
      method: 'get',
      path: '/surat-masuk',
      access: ANY_USER,
      summary: 'Incoming letters: the OPD’s inbox (bagian umum) and the dispositions to the caller.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const isAdmin = actor.roles.includes('admin_opd');
        const input = parseInput(listQuery, ctx.query);
        const box = input.kotak ?? (isAdmin ? 'opd' : 'saya');
        if (box === 'opd' && !isAdmin) throw new NotFoundError();
        const { q, page } = input;
        const result = await listIncoming(db, actor, {
          box: box === 'opd' ? 'opd' : 'mine',
          q,
          page,
          pageSize: PAGE_SIZE,
        });
        const items = result.items.map((item) => {
          const status = item.disposition
            ? DISPOSITION_STATUS[item.disposition.status]
            : (INCOMING_STATUS[item.status] ?? INCOMING_STATUS.received);
          return {
            ...item,
            sender: item.senderName,
            instruction: item.disposition?.instruction,
            dueAt: item.disposition?.dueAt,
            overdue: item.disposition?.overdue,
            statusLabel: status.label,
            statusTone: status.tone,
          };
        });
        const link = (p: number) => `?kotak=${box}&page=${p}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'incoming-list', {
          title: 'Surat Masuk',
          box,
          boxLabel: box === 'opd' ? 'Kotak Masuk OPD' : 'Disposisi Saya',
          canRegister: isAdmin,
          tabs: [
            ...(isAdmin
              ? [
                  {
                    label: 'Kotak Masuk OPD',
                    href: '/surat-masuk?kotak=opd',
                    icon: 'inbox',
                    active: box === 'opd',
                  },
                ]
              : []),
            {
              label: 'Disposisi Saya',
              href: '/surat-masuk?kotak=saya',
              icon: 'diagram-3',
              active: box === 'saya',
            },
          ],
          q,
          items,
          total: result.total,
          emptyText:
            box === 'opd'
              ? 'Belum ada surat masuk untuk OPD Anda.'
              : 'Belum ada surat yang didisposisikan kepada Anda.',
          pager: pagerOf(page, result.total, PAGE_SIZE, link),
        });
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/baru',
      access: rolesOnly('admin_opd'),
      summary: 'The form to register a paper letter (scan and metadata).',
      handler: (ctx) => showNewForm(ctx, { receivedAt: todayWib() }),
    },
    {
      method: 'post',
      path: '/surat-masuk/baru',
      access: rolesOnly('admin_opd'),
      upload: {
        field: 'scan',
        maxBytes: config.uploadMaxBytes,
        types: ['application/pdf', 'image/jpeg', 'image/png'],
      },
      summary: 'Registers a paper letter: stores the scan, gives the agenda number, opens its page.',
      authorize: (ctx) => assertMayRegisterPaper(requireAuth(ctx).actor),
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        assertMayRegisterPaper(actor);
        const body = (ctx.request.body ?? {}) as Record<string, string>;
        const parsed = paperLetterSchema.safeParse(body);
        if (!parsed.success) {
          const errors = parsed.error.issues.map((i) => ({
            field: String(i.path[0] ?? ''),
            message: i.message,
          }));
          ctx.status = 400;
          return showNewForm(ctx, body, 'Periksa kembali isian berikut.', errors);
        }
        let incomingId: number;
        try {
          ({ incomingId } = await createPaperLetter(db, deps.files, {
            actorId: actor.id,
            opdId: actor.opdId,
            meta: parsed.data,
            scan: ctx.state.upload!,
          }));
        } catch (err) {
          // E.g. a classification code not in the reference list: shown on the form, typed values kept.
          if (!(err instanceof ValidationError)) throw err;
          ctx.status = 400;
          return showNewForm(ctx, body, err.message);
        }
        await registerIncomingLetter(
          await temporalClient(),
          db,
          config,
          { incomingId, opdId: actor.opdId },
          { ...adminFacts(actor), receivedAt: receivedAtOf(body.receivedAt) },
        );
        ctx.redirect(`/surat-masuk/${incomingId}?info=diregistrasi`);
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/:id',
      access: ANY_USER,
      summary: 'An incoming letter’s page: agenda data, the disposition tree, the viewer’s actions.',
      handler: async (ctx) => {
        await showIncoming(deps, ctx, await involvedLetter(ctx));
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/:id/scan',
      access: ANY_USER,
      summary: 'The paper letter’s scan, inline, with its own content type.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const row = await db('incoming_letters').where({ id }).first('scan_file_id');
        if (!row?.scan_file_id) throw new NotFoundError('Surat ini tidak memiliki pindaian.');
        const file = await deps.files.get(Number(row.scan_file_id));
        ctx.type = file.mime;
        ctx.set(
          'Content-Disposition',
          `inline; filename="pindaian-surat-masuk-${id}.${file.mime === 'application/pdf' ? 'pdf' : file.mime === 'image/png' ? 'png' : 'jpg'}"`,
        );
        ctx.body = await deps.files.read(file);
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/:id/naskah',
      access: ANY_USER,
      summary: 'A delivered letter’s signed PDF, inline, for everyone involved in its incoming letter.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const row = await db('incoming_letters').where({ id }).first('letter_id');
        if (!row?.letter_id) throw new NotFoundError('Surat ini tidak dikirim lewat e-Office.');
        const { pdf, filename } = await renderLetterPreview(
          { db, files: deps.files, pool: deps.pdf },
          Number(row.letter_id),
        );
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', `inline; filename="${filename}"`);
        ctx.body = pdf;
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/:id/berkas/:fileId',
      access: ANY_USER,
      summary: 'A file of a follow-up report on this letter, inline.',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const fileId = idParam.safeParse(ctx.params.fileId);
        const row = fileId.success
          ? await db('follow_up_files')
              .join('disposition_follow_ups', 'disposition_follow_ups.id', 'follow_up_files.follow_up_id')
              .join('dispositions', 'dispositions.id', 'disposition_follow_ups.disposition_id')
              .where({ 'dispositions.incoming_letter_id': id, 'follow_up_files.file_id': fileId.data })
              .first('follow_up_files.file_id')
          : undefined;
        if (!row) throw new NotFoundError('Berkas tidak ditemukan.');
        const file = await deps.files.get(Number(row.file_id));
        ctx.type = file.mime;
        ctx.set('Content-Disposition', 'inline');
        ctx.body = await deps.files.read(file);
      },
    },
    {
      method: 'get',
      path: '/surat-masuk/:id/lembar-disposisi',
      access: ANY_USER,
      summary: 'The printable lembar disposisi (PDF, inline).',
      handler: async (ctx) => {
        const id = await involvedLetter(ctx);
        const incoming = await incomingSummary(db, id);
        const pdf = await renderDispositionSheet(
          deps.pdf,
          await dispositionSheetData(db, deps.files, incoming),
        );
        ctx.type = 'application/pdf';
        ctx.set('Content-Disposition', `inline; filename="lembar-disposisi-${id}.pdf"`);
        ctx.body = pdf;
      },
    },
    ...incomingActionPages(deps, involvedLetter),
  ];
}
