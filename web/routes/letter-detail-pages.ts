import type { Knex } from 'knex';
import { z } from 'zod';
import { sendLetterPdf } from '../../api/routes/letter-pdf';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import { findLetterForActor } from '../../api/letter-access';
import type { RouteDef } from '../../api/route';
import { toDate } from '../../lib/db/to-date';
import { formatIndonesianDate } from '../../lib/documents/format-indonesian-date';
import { AppError, NotFoundError, ValidationError } from '../../lib/errors';
import { isSifat, isUrgency, SIFAT_LABELS, URGENCY_LABELS } from '../../lib/letters/letter-options';
import { listLetterRecipients, type LetterRecipient } from '../../lib/letters/list-letter-recipients';
import { letterTimeline, timelineActionLabel } from '../../lib/letters/letter-timeline';
import {
  diffLetterVersions,
  diffStats,
  diffToHtml,
  letterPlainText,
} from '../../lib/letters/letter-version-diff';
import { sanitizeLetterFields } from '../../lib/letters/sanitize-letter-fields';
import { signWithPassphrase } from '../../lib/letters/sign-with-passphrase';
import { actingForStep } from '../../lib/delegation/acting-for-step';
import { peopleActedFor } from '../../lib/delegation/people-acted-for';
import { suggestNextNumber } from '../../lib/letters/suggest-next-number';
import { adminFacts, ANY_USER, rolesOnly, type Actor } from '../../lib/rbac/policy';
import { runLetterUpdate } from '../../lib/temporal/letter-workflow-client';
import { TEMPLATES, type TemplateKind } from '../../templates';
import { assignNumberUpdate, verifyUpdate, withdrawUpdate } from '../../workflows/outgoing-letter';
import type { LetterContent, LetterStatus } from '../../workflows/outgoing-letter-types';

type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const idParam = z.coerce.number().int().positive();
const versionField = z.coerce.number().int().positive();
const verifyForm = z.object({
  decision: z.enum(['approve', 'return']),
  baseVersionNo: versionField,
  note: z.string().trim().max(2000).optional(),
});
const numberForm = z.object({
  number: z.string().trim().max(100).default(''),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Tanggal surat wajib diisi (yyyy-mm-dd).'),
});
const signForm = z.object({ passphrase: z.string().max(256).default('') });
const withdrawForm = z.object({ reason: z.string().trim().max(500).default('') });

const STATUS: Record<LetterStatus, { label: string; tone: string; icon: string }> = {
  draft: { label: 'Konsep', tone: 'secondary', icon: 'pencil-square' },
  verifying: { label: 'Sedang diverifikasi', tone: 'warning', icon: 'check2-square' },
  numbering: { label: 'Menunggu penomoran', tone: 'info', icon: '123' },
  signing: { label: 'Menunggu tanda tangan', tone: 'primary', icon: 'pen' },
  sending: { label: 'Ditandatangani, sedang dikirim', tone: 'info', icon: 'send' },
  sent: { label: 'Terkirim', tone: 'success', icon: 'send-check' },
  withdrawn: { label: 'Ditarik', tone: 'dark', icon: 'x-octagon' },
};
const RETURNED = { label: 'Dikembalikan untuk diperbaiki', tone: 'danger', icon: 'arrow-return-left' };

const STEP_STATUS: Record<string, { label: string; tone: string }> = {
  waiting: { label: 'Menunggu giliran', tone: 'secondary' },
  active: { label: 'Sedang diproses', tone: 'warning' },
  done: { label: 'Selesai', tone: 'success' },
  returned: { label: 'Dikembalikan', tone: 'danger' },
  cancelled: { label: 'Dibatalkan', tone: 'dark' },
};

const NOTICES: Record<string, string> = {
  disetujui: 'Surat telah Anda setujui dan diteruskan ke tahap berikutnya.',
  'disetujui-ubah': 'Perubahan Anda tersimpan sebagai versi baru, dan surat telah Anda setujui.',
  dikembalikan: 'Surat telah dikembalikan kepada pembuat konsep beserta catatan Anda.',
  dinomori: 'Nomor surat tersimpan. Surat kini menunggu tanda tangan pejabat.',
  ditandatangani: 'Surat telah ditandatangani secara elektronik dan dikirim ke perangkat daerah tujuan.',
  ditarik: 'Surat telah ditarik dan tidak diproses lebih lanjut.',
};

const SCRIPTS = ['/static/js/letter-detail.js'];
const WITHDRAWABLE: LetterStatus[] = ['draft', 'verifying', 'numbering', 'signing'];

/** Today's date in WIB, yyyy-mm-dd. */
function todayWib(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(now);
}

const kindLabel = (kind: string) => TEMPLATES[kind as TemplateKind]?.label ?? kind;
const progressOf = (r: LetterRecipient) => ({
  name: r.name,
  received: r.incomingStatus !== null,
  progress: r.progress,
  at: r.receivedAt,
});
const parseContent = (json: unknown) => JSON.parse(String(json)) as LetterContent;

/** The kind's fields a verifier may edit in simple inputs; the others are kept as they are. */
function editableFields(kind: string) {
  return (TEMPLATES[kind as TemplateKind]?.fields ?? []).filter((f) =>
    ['text', 'textarea', 'richtext'].includes(f.type),
  );
}

interface Viewer {
  actor: Actor;
  has: (role: string) => boolean;
}

/** What a party sees on the letter's page and which actions belong to them now. */
async function letterView(db: Knex, letter: Row, viewer: Viewer, now = new Date()) {
  const letterId = Number(letter.id);
  const { actor } = viewer;
  const [opd, drafter, steps, versions, recipients, timeline] = await Promise.all([
    db('opd').where({ id: letter.opd_id }).first('name', 'short_name', 'code'),
    db('users').where({ id: letter.drafter_id }).first('name', 'position'),
    db('letter_steps')
      .leftJoin('users', 'users.id', 'letter_steps.assignee_id')
      .leftJoin('letter_versions', 'letter_versions.id', 'letter_steps.approved_version_id')
      .where('letter_steps.letter_id', letterId)
      .orderBy('letter_steps.seq')
      .select(
        'letter_steps.*',
        'users.name as assignee_name',
        'users.position as assignee_position',
        'letter_versions.version_no as approved_version_no',
      ),
    db('letter_versions')
      .leftJoin('users', 'users.id', 'letter_versions.author_id')
      .where('letter_versions.letter_id', letterId)
      .orderBy('letter_versions.version_no')
      .select(
        'letter_versions.id',
        'letter_versions.version_no',
        'letter_versions.fields',
        'letter_versions.created_at',
        'letter_versions.author_id',
        'users.name as author_name',
      ),
    listLetterRecipients(db, letterId),
    letterTimeline(db, letterId),
  ]);

  const status = String(letter.status) as LetterStatus;
  const returned = status === 'draft' && steps.some((s: Row) => s.status === 'returned');
  const statusInfo = returned ? RETURNED : (STATUS[status] ?? STATUS.draft);
  const active: Row | undefined = steps.find((s: Row) => s.status === 'active');
  const bagianUmum = `Bagian Umum ${opd?.short_name || opd?.name || ''}`.trim();
  const signer: Row | undefined = letter.signer_id
    ? await db('users').where({ id: letter.signer_id }).first('name', 'position')
    : undefined;

  let holder: string | null = null;
  if (status === 'draft') holder = `${drafter?.name} (pembuat konsep)`;
  else if (active?.kind === 'number') holder = bagianUmum;
  else if (active) holder = active.assignee_name ?? null;
  else if (status === 'signing' && signer) holder = signer.name;
  const holderPosition =
    active && active.kind !== 'number'
      ? (active.assignee_position ?? null)
      : status === 'signing'
        ? (signer?.position ?? null)
        : null;
  const dueAt = active ? toDate(active.due_at) : null;

  const verifyCount = steps.filter((s: Row) => s.kind === 'verify').length;
  const stepItems = steps.map((s: Row) => {
    const info = STEP_STATUS[String(s.status)] ?? { label: String(s.status), tone: 'secondary' };
    const stepDue = s.status === 'active' ? toDate(s.due_at) : null;
    return {
      label:
        s.kind === 'verify'
          ? verifyCount > 1
            ? `Verifikasi ${s.seq}`
            : 'Verifikasi'
          : s.kind === 'number'
            ? 'Penomoran'
            : 'Penandatanganan',
      who: s.kind === 'number' ? bagianUmum : (s.assignee_name ?? '—'),
      position: s.kind === 'number' ? null : s.assignee_position,
      statusLabel: info.label,
      tone: info.tone,
      current: s.status === 'active',
      actedAt: toDate(s.acted_at),
      dueAt: stepDue,
      overdue: stepDue !== null && stepDue < now,
      note: s.note,
      returned: s.status === 'returned',
      approvedVersionNo: s.kind === 'verify' && s.status === 'done' ? s.approved_version_no : null,
    };
  });

  const currentVersionId = Number(letter.current_version_id);
  const contents = versions.map((v: Row) => parseContent(v.fields));
  const versionItems = versions
    .map((v: Row, i: number) => {
      const changes = diffLetterVersions(i > 0 ? contents[i - 1] : null, contents[i]);
      const stats = diffStats(changes);
      return {
        versionNo: v.version_no,
        author: v.author_name ?? '—',
        byDrafter: Number(v.author_id) === Number(letter.drafter_id),
        createdAt: toDate(v.created_at),
        current: Number(v.id) === currentVersionId,
        first: i === 0,
        previousNo: i > 0 ? versions[i - 1].version_no : null,
        diffHtml: i > 0 ? diffToHtml(changes) : null,
        plainLines: i === 0 ? letterPlainText(contents[0]).split('\n') : null,
        added: stats.added,
        removed: stats.removed,
        unchanged: i > 0 && stats.added === 0 && stats.removed === 0,
        open: i === versions.length - 1 && i > 0,
      };
    })
    .reverse();
  const currentVersion = versions.find((v: Row) => Number(v.id) === currentVersionId) ?? versions.at(-1);

  const isDrafter = Number(letter.drafter_id) === actor.id;
  // The viewer acts for themselves and, as Plt / Plh, for the officials they stand in for.
  const actsFor = await peopleActedFor(db, actor.id, now);
  const canVerify =
    status === 'verifying' &&
    active?.kind === 'verify' &&
    actsFor.includes(Number(active.assignee_id)) &&
    viewer.has('verifikator');
  const canNumber =
    status === 'numbering' && viewer.has('admin_opd') && actor.opdId === Number(letter.opd_id);
  const canSign =
    status === 'signing' && actsFor.includes(Number(letter.signer_id)) && viewer.has('penandatangan');
  const canWithdraw = isDrafter && WITHDRAWABLE.includes(status) && viewer.has('asn');
  // A draft (new or returned) is the drafter's to edit and submit, from its own page too.
  const canRevise = isDrafter && status === 'draft' && viewer.has('asn');

  const sifat = String(letter.sifat);
  const urgency = String(letter.urgency);
  return {
    letter: {
      id: letterId,
      kind: kindLabel(String(letter.kind)),
      subject: letter.subject,
      number: letter.number,
      numberDate: letter.number_date ? formatIndonesianDate(String(letter.number_date)) : null,
      classification: letter.classification,
      sifat: isSifat(sifat) ? SIFAT_LABELS[sifat] : sifat,
      sifatTone: ['rahasia', 'sangat_rahasia'].includes(sifat)
        ? 'danger'
        : sifat === 'biasa'
          ? 'secondary'
          : 'warning',
      urgency: isUrgency(urgency) ? URGENCY_LABELS[urgency] : urgency,
      urgencyTone: urgency === 'sangat_segera' ? 'danger' : urgency === 'segera' ? 'warning' : 'secondary',
      opdName: opd?.name,
      drafter: drafter?.name,
      signer: signer?.name ?? null,
      signed: letter.signed_file_id !== null && letter.signed_file_id !== undefined,
      verificationCode: letter.verification_code ?? null,
    },
    banner: {
      status,
      returned,
      ...statusInfo,
      holder,
      holderPosition,
      dueAt,
      overdue: dueAt !== null && dueAt < now,
      finished: status === 'sent' || status === 'sending' || status === 'withdrawn',
    },
    steps: stepItems,
    timeline: timeline.map((item) => ({
      actor: item.actor,
      action: timelineActionLabel(item.action),
      at: item.at,
      note: typeof item.data.note === 'string' ? item.data.note : null,
      versionNo: item.action === 'letter.edit' ? item.data.versionNo : null,
    })),
    versions: versionItems,
    currentVersionNo: currentVersion ? Number(currentVersion.version_no) : 1,
    recipients: recipients.filter((r) => r.kind === 'to').map(progressOf),
    tembusan: recipients.filter((r) => r.kind === 'cc').map(progressOf),
    showProgress: isDrafter || actor.roles.includes('superadmin'),
    // The same people findWorkflowForActor lets read the workflow's history.
    canSeeWorkflow:
      actor.roles.includes('superadmin') ||
      (viewer.has('admin_opd') && actor.opdId === Number(letter.opd_id)),
    showRecipientProgress: status === 'sending' || status === 'sent',
    actions: {
      any: canVerify || canNumber || canSign || canWithdraw || canRevise,
      revise: canRevise,
      verify: canVerify,
      number: canNumber,
      sign: canSign,
      withdraw: canWithdraw,
    },
  };
}

/** The letter's page, its forms and its PDF. Every route shows only letters the caller is party to. */
export function letterDetailPages(deps: AppDeps): RouteDef[] {
  const { db, pages, temporalClient } = deps;

  function viewerOf(ctx: AppContext): Viewer {
    const { actor } = requireAuth(ctx);
    return { actor, has: (role) => (actor.roles as readonly string[]).includes(role) };
  }

  async function partyLetter(ctx: AppContext): Promise<Row> {
    const parsed = idParam.safeParse(ctx.params.id);
    if (!parsed.success) throw new NotFoundError('Surat tidak ditemukan.');
    return findLetterForActor(db, requireAuth(ctx).actor, parsed.data);
  }

  /** The page itself; forms re-render it with `error` (and what was typed) when an action is refused. */
  async function show(ctx: AppContext, letter: Row, extra: Record<string, unknown> = {}) {
    const viewer = viewerOf(ctx);
    const view = await letterView(db, letter, viewer);
    let numbering: Record<string, unknown> | null = null;
    if (view.actions.number) {
      const today = todayWib();
      const suggestion = await suggestNextNumber(db, {
        opdId: Number(letter.opd_id),
        year: Number(today.slice(0, 4)),
        classification: String(letter.classification),
        kind: String(letter.kind),
      });
      numbering = { suggestion: suggestion.number, date: today };
    }
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'letter-detail', {
      title: `${view.letter.kind}: ${view.letter.subject}`,
      ...view,
      numbering,
      notice: NOTICES[String(ctx.query.info ?? '')],
      ...extra,
      scripts: SCRIPTS,
    });
  }

  /** Runs a form's action; a refusal or bad input is shown on the page instead of an error page. */
  async function act(
    ctx: AppContext,
    letter: Row,
    run: () => Promise<string | void>,
    done: string,
    onRefusal: (message: string) => Promise<void> = (message) => show(ctx, letter, { error: message }),
  ) {
    let info: string | void;
    try {
      info = await run();
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      ctx.status = err.status;
      await onRefusal(err.message);
      return;
    }
    ctx.redirect(`/surat/${letter.id}?info=${info || done}`);
  }

  const form = <S extends z.ZodType>(schema: S, body: unknown, message: string): z.infer<S> => {
    const parsed = schema.safeParse(body ?? {});
    if (!parsed.success) throw new ValidationError(message);
    return parsed.data;
  };

  async function currentContent(letter: Row) {
    const version = await db('letter_versions')
      .where({ id: letter.current_version_id })
      .first('version_no', 'fields');
    if (!version) throw new NotFoundError('Versi surat tidak ditemukan.');
    return { versionNo: Number(version.version_no), content: parseContent(version.fields) };
  }

  async function showEditForm(
    ctx: AppContext,
    letter: Row,
    values: { versionNo: number; subject: string; fields: Record<string, unknown>; note?: string },
    error?: string,
  ) {
    const kind = String(letter.kind);
    const template = TEMPLATES[kind as TemplateKind];
    ctx.type = 'html';
    // The detail view in its editing mode (partial letter-detail-verify-edit).
    ctx.body = pages.render(ctx, 'letter-detail', {
      title: 'Setujui dengan Perubahan',
      editing: true,
      letter: { id: letter.id, kind: kindLabel(kind), subject: letter.subject },
      subjectLabel: template?.subject.label ?? 'Perihal',
      subject: values.subject,
      baseVersionNo: values.versionNo,
      note: values.note,
      fields: editableFields(kind).map((f) => ({
        name: f.name,
        inputName: `field_${f.name}`,
        label: f.label,
        help: f.help,
        required: f.required,
        isText: f.type === 'text',
        isRichtext: f.type === 'richtext',
        value: typeof values.fields[f.name] === 'string' ? values.fields[f.name] : '',
      })),
      error,
      scripts: SCRIPTS,
    });
  }

  /** The edit page is for the current verifier only; anyone else sees the letter's page with the reason. */
  async function requireCurrentVerifier(ctx: AppContext, letter: Row): Promise<boolean> {
    const view = await letterView(db, letter, viewerOf(ctx));
    if (view.actions.verify) return true;
    ctx.status = 409;
    await show(ctx, letter, {
      error:
        letter.status === 'verifying'
          ? 'Belum giliran Anda memverifikasi surat ini.'
          : 'Surat tidak sedang dalam tahap verifikasi.',
    });
    return false;
  }

  return [
    {
      method: 'get',
      path: '/surat/:id',
      access: ANY_USER,
      summary: 'A letter’s page: where it is and who holds it, steps, timeline, versions and actions.',
      handler: async (ctx) => show(ctx, await partyLetter(ctx)),
    },
    {
      method: 'get',
      path: '/surat/:id/pdf',
      access: ANY_USER,
      summary: 'The letter as PDF (KONSEP preview or the signed document), inline.',
      handler: (ctx) => sendLetterPdf(deps, ctx),
    },
    {
      method: 'post',
      path: '/surat/:id/verifikasi',
      access: rolesOnly('verifikator'),
      summary: 'The current verifier approves, or returns the letter with a note.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const { actor } = viewerOf(ctx);
        await act(
          ctx,
          letter,
          async () => {
            const input = form(verifyForm, ctx.request.body, 'Pilih keputusan verifikasi.');
            await runLetterUpdate(await temporalClient(), Number(letter.id), verifyUpdate, {
              actorId: actor.id,
              baseVersionNo: input.baseVersionNo,
              decision: input.decision,
              ...(input.note ? { note: input.note } : {}),
              ...(await actingForStep(db, Number(letter.id), actor.id, 'verify')),
            });
            return input.decision === 'return' ? 'dikembalikan' : 'disetujui';
          },
          'disetujui',
        );
      },
    },
    {
      method: 'get',
      path: '/surat/:id/verifikasi/ubah',
      access: rolesOnly('verifikator'),
      summary: 'Approve with edits: the subject and the text fields of the current version, to change.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        if (!(await requireCurrentVerifier(ctx, letter))) return;
        const { versionNo, content } = await currentContent(letter);
        await showEditForm(ctx, letter, { versionNo, subject: content.subject, fields: content.fields });
      },
    },
    {
      method: 'post',
      path: '/surat/:id/verifikasi/ubah',
      access: rolesOnly('verifikator'),
      summary: 'Approve with edits: saves the verifier’s version (sanitised) and approves it.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const { actor } = viewerOf(ctx);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const { content } = await currentContent(letter);
        const edited: Record<string, unknown> = {};
        for (const f of editableFields(content.kind)) {
          const value = body[`field_${f.name}`];
          if (typeof value === 'string') edited[f.name] = value;
        }
        const subject = typeof body.subject === 'string' ? body.subject.trim() : '';
        const note = typeof body.note === 'string' ? body.note.trim().slice(0, 2000) : '';
        const base = versionField.safeParse(body.baseVersionNo);
        const typed = {
          versionNo: base.success ? base.data : 0,
          subject,
          fields: { ...content.fields, ...edited },
          note,
        };
        await act(
          ctx,
          letter,
          async () => {
            if (!base.success) throw new ValidationError('Versi surat tidak diketahui. Muat ulang halaman.');
            if (!subject || subject.length > 500) throw new ValidationError('Perihal wajib diisi.');
            const next: LetterContent = {
              ...content,
              subject,
              fields: sanitizeLetterFields(content.kind, { ...content.fields, ...edited }),
            };
            await runLetterUpdate(await temporalClient(), Number(letter.id), verifyUpdate, {
              actorId: actor.id,
              baseVersionNo: base.data,
              decision: 'approve',
              content: next,
              ...(note ? { note } : {}),
              ...(await actingForStep(db, Number(letter.id), actor.id, 'verify')),
            });
          },
          'disetujui-ubah',
          (message) => showEditForm(ctx, letter, typed, message),
        );
      },
    },
    {
      method: 'post',
      path: '/surat/:id/nomor',
      access: rolesOnly('admin_opd'),
      summary: 'The bagian umum of the drafter’s OPD sets the number and date.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const { actor } = viewerOf(ctx);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        await act(
          ctx,
          letter,
          async () => {
            const input = form(numberForm, body, 'Isi nomor dan tanggal surat.');
            await runLetterUpdate(await temporalClient(), Number(letter.id), assignNumberUpdate, {
              ...adminFacts(actor),
              number: input.number,
              date: input.date,
            });
          },
          'dinomori',
          (message) =>
            show(ctx, letter, {
              error: message,
              typedNumber: typeof body.number === 'string' ? body.number : undefined,
            }),
        );
      },
    },
    {
      method: 'post',
      path: '/surat/:id/tandatangan',
      access: rolesOnly('penandatangan'),
      summary: 'The chosen signer signs with the certificate passphrase.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const { actor } = viewerOf(ctx);
        await act(
          ctx,
          letter,
          async () => {
            const { passphrase } = form(signForm, ctx.request.body, 'Isi passphrase sertifikat Anda.');
            if (!passphrase) throw new ValidationError('Isi passphrase sertifikat Anda.');
            await signWithPassphrase(
              { db, files: deps.files, config: deps.config, temporal: await temporalClient() },
              { letterId: Number(letter.id), actorId: actor.id, passphrase },
            );
          },
          'ditandatangani',
        );
      },
    },
    {
      method: 'get',
      path: '/surat/:id/tarik',
      access: rolesOnly('asn'),
      summary: 'Confirmation page before the drafter withdraws the letter.',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const view = await letterView(db, letter, viewerOf(ctx));
        if (!view.actions.withdraw) {
          ctx.status = 409;
          return show(ctx, letter, {
            error:
              Number(letter.drafter_id) === viewerOf(ctx).actor.id
                ? 'Surat yang sudah ditandatangani tidak dapat ditarik.'
                : 'Hanya pembuat konsep yang dapat menarik surat ini.',
          });
        }
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'letter-withdraw', { title: 'Tarik Surat', ...view, scripts: SCRIPTS });
      },
    },
    {
      method: 'post',
      path: '/surat/:id/tarik',
      access: rolesOnly('asn'),
      summary: 'The drafter withdraws the letter (after the confirmation page, with a reason).',
      handler: async (ctx) => {
        const letter = await partyLetter(ctx);
        const viewer = viewerOf(ctx);
        const { reason } = withdrawForm.safeParse(ctx.request.body ?? {}).data ?? { reason: '' };
        const again = async (message: string) => {
          const view = await letterView(db, letter, viewer);
          ctx.type = 'html';
          ctx.body = pages.render(ctx, 'letter-withdraw', {
            title: 'Tarik Surat',
            ...view,
            reason,
            error: message,
            scripts: SCRIPTS,
          });
        };
        await act(
          ctx,
          letter,
          async () => {
            if (reason.length < 3) throw new ValidationError('Tuliskan alasan penarikan surat.');
            await runLetterUpdate(await temporalClient(), Number(letter.id), withdrawUpdate, {
              actorId: viewer.actor.id,
              reason,
            });
          },
          'ditarik',
          again,
        );
      },
    },
  ];
}
