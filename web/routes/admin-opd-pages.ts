import type { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { ConflictError, ForbiddenError, ValidationError } from '../../lib/errors';
import type { Opd } from '../../lib/models/opd';
import { createOpd } from '../../lib/opd/create-opd';
import { findOpdForAdmin } from '../../lib/opd/find-opd-for-admin';
import { listOpds } from '../../lib/opd/list-opds';
import { loadOpdDetail } from '../../lib/opd/load-opd-detail';
import {
  agendaPatternInput,
  newOpdInput,
  numberPatternsInput,
  opdHeadInput,
  opdListQuery,
  opdProfileInput,
  type NumberPatternsInput,
} from '../../lib/opd/opd-input';
import { previewAgendaPattern } from '../../lib/opd/preview-agenda-pattern';
import { previewNumberPatterns } from '../../lib/opd/preview-number-patterns';
import { setOpdAgendaPattern } from '../../lib/opd/set-opd-agenda-pattern';
import { setOpdHead } from '../../lib/opd/set-opd-head';
import { setOpdNumberPatterns } from '../../lib/opd/set-opd-number-patterns';
import { LOGO_MAX_BYTES, LOGO_TYPES, updateOpdLogo } from '../../lib/opd/update-opd-logo';
import { updateOpdProfile } from '../../lib/opd/update-opd-profile';
import { jakartaYear } from '../../lib/incoming/jakarta-year';
import { NUMBER_PATTERN_TOKENS } from '../../lib/letters/number-pattern';
import { rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { pagerOf } from '../pager';
import { todayWib } from './incoming-view';

const ADMINS = rolesOnly('admin_opd');
const SUPERADMIN = rolesOnly('superadmin');
const PAGE_SIZE = 20;

interface FieldError {
  field: string;
  message: string;
}

const NOTICES: Record<string, string> = {
  dibuat: 'Perangkat daerah baru telah ditambahkan.',
  kop: 'Data kop surat disimpan.',
  status: 'Status perangkat daerah diubah.',
  logo: 'Logo disimpan. Kop surat dan lembar disposisi kini memakai logo ini.',
  'logo-dihapus': 'Logo dihapus. Kop surat kembali memakai lambang daerah.',
  kepala: 'Kepala OPD disimpan.',
  penomoran: 'Pola penomoran disimpan.',
  agenda: 'Pola nomor agenda disimpan.',
};

const KOP_FIELDS: [name: string, label: string, extra?: Record<string, unknown>][] = [
  ['name', 'Nama perangkat daerah', { required: true, col: 'col-12', maxlength: 200 }],
  ['shortName', 'Nama singkat', { required: true, maxlength: 64 }],
  ['address', 'Alamat', { col: 'col-12', maxlength: 300 }],
  ['phone', 'Telepon', { type: 'tel', maxlength: 64 }],
  ['email', 'E-mail', { type: 'email', maxlength: 200 }],
  ['website', 'Laman (website)', { maxlength: 200, help: 'Mis. diskominfo.kuansing.go.id' }],
];
const CODE_FIELD: (typeof KOP_FIELDS)[number] = [
  'code',
  'Kode OPD',
  {
    required: true,
    maxlength: 32,
    help: 'Huruf kapital, angka dan tanda hubung; dipakai dalam nomor surat ({kode}) dan tidak dapat diubah.',
  },
];

/** The fields of a kop form, with what was typed and each field's error. */
function formFields(
  fields: typeof KOP_FIELDS,
  values: Record<string, unknown>,
  errors: FieldError[],
): Record<string, unknown>[] {
  return fields.map(([name, label, extra]) => ({
    name,
    label,
    type: 'text',
    col: 'col-md-6',
    value: values[name] ?? '',
    error: errors.find((e) => e.field === name)?.message,
    ...extra,
  }));
}

/** A form's input checked by a schema: the data, or the problem of each field for the page. */
function checkForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
): { data: z.infer<S>; errors: null } | { data: null; errors: FieldError[] } {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { data: result.data, errors: null };
  return {
    data: null,
    errors: result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
  };
}

/** The patterns as typed, for a preview of a form the schema refused (e.g. one pattern too long). */
function typedPatterns(body: Record<string, unknown>): NumberPatternsInput {
  const byKind = (typeof body.byKind === 'object' && body.byKind) || {};
  return {
    default: String(body.default ?? '').trim(),
    byKind: Object.fromEntries(
      Object.entries(byKind)
        .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
        .map(([k, v]) => [k, String(v).trim()]),
    ),
  };
}

const bodyOf = (ctx: AppContext) => (ctx.request.body ?? {}) as Record<string, unknown>;
const previewing = (ctx: AppContext) => bodyOf(ctx).intent === 'preview';

/**
 * "Perangkat Daerah": the superadmin's list of OPDs and the form to add one; each OPD's page with its
 * kop surat data, logo, head, numbering patterns and agenda register. The bagian umum goes straight
 * to their own OPD; any other OPD is a 404 for them.
 */
export function adminOpdPages({ db, files, pages }: AppDeps): RouteDef[] {
  const managed = (ctx: AppContext) => findOpdForAdmin(db, requireAuth(ctx).actor, ctx.params.id);

  /** The OPD page; forms re-render it (status 400) with their typed values and errors in `extra`. */
  async function show(ctx: AppContext, opd: Opd, extra: Record<string, unknown> = {}) {
    const { actor } = requireAuth(ctx);
    const detail = await loadOpdDetail(db, opd);
    const numbering = (extra.numbering as typeof detail.numbering | undefined) ?? detail.numbering;
    const agenda = { ...detail.agenda, ...(extra.agenda as object | undefined) };
    const kopErrors = (extra.kopErrors as FieldError[] | undefined) ?? [];
    const today = todayWib();
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-opd', {
      title: `Perangkat Daerah: ${detail.shortName}`,
      isSuperadmin: actor.roles.includes('superadmin'),
      opd: detail,
      notice: NOTICES[String(ctx.query.info ?? '')],
      ...extra,
      kopFields: formFields(KOP_FIELDS, (extra.kopValues as Record<string, unknown>) ?? detail, kopErrors),
      kopErrors,
      logoMaxMb: LOGO_MAX_BYTES / 1048576,
      people: detail.people.map((p) => ({ ...p, selected: p.id === detail.head?.id })),
      tokens: NUMBER_PATTERN_TOKENS.map((t) => `{${t}}`),
      numbering,
      agenda,
      agendaBook: {
        from: `${today.slice(0, 4)}-01-01`,
        to: today,
      },
    });
  }

  const showNew = (ctx: AppContext, values: Record<string, unknown> = {}, errors: FieldError[] = []) => {
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-opd-new', {
      title: 'Tambah Perangkat Daerah',
      fields: formFields([CODE_FIELD, ...KOP_FIELDS], values, errors),
      errors,
    });
  };

  return [
    {
      method: 'get',
      path: '/admin/opd',
      access: ADMINS,
      summary: 'OPDs: the superadmin’s searchable list; the bagian umum goes to their own OPD.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        if (!actor.roles.includes('superadmin')) {
          if (actor.opdId === null) throw new ForbiddenError('Akun Anda belum terdaftar pada OPD mana pun.');
          return ctx.redirect(`/admin/opd/${actor.opdId}`);
        }
        const { q, page } = parseInput(opdListQuery, ctx.query);
        const result = await listOpds(db, { q, page, pageSize: PAGE_SIZE });
        const link = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'admin-opd-list', {
          title: 'Perangkat Daerah',
          q: q ?? '',
          ...result,
          pager: pagerOf(page, result.total, PAGE_SIZE, link),
        });
      },
    },
    {
      method: 'get',
      path: '/admin/opd/baru',
      access: SUPERADMIN,
      summary: 'The form to add an OPD.',
      handler: (ctx) => showNew(ctx),
    },
    {
      method: 'post',
      path: '/admin/opd/baru',
      access: SUPERADMIN,
      summary: 'Adds an OPD, then opens its page; errors are shown per field with the typed values.',
      handler: async (ctx) => {
        const body = bodyOf(ctx);
        const form = checkForm(newOpdInput, body);
        if (form.errors) {
          ctx.status = 400;
          return showNew(ctx, body, form.errors);
        }
        try {
          const { id } = await createOpd(db, { actorId: requireAuth(ctx).actor.id, opd: form.data });
          ctx.redirect(`/admin/opd/${id}?info=dibuat`);
        } catch (error) {
          if (!(error instanceof ConflictError)) throw error;
          ctx.status = 409;
          showNew(ctx, body, [{ field: 'code', message: error.message }]);
        }
      },
    },
    {
      method: 'get',
      path: '/admin/opd/:id',
      access: ADMINS,
      summary: 'One OPD: kop data, logo, head, numbering patterns and the agenda register.',
      handler: async (ctx) => show(ctx, await managed(ctx)),
    },
    {
      method: 'get',
      path: '/admin/opd/:id/logo',
      access: ADMINS,
      summary: 'The OPD’s uploaded logo, for the preview on its page.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        if (opd.logoFileId === null) return;
        const logo = await files.get(opd.logoFileId);
        ctx.type = logo.mime;
        ctx.set('Cache-Control', 'private, no-cache');
        ctx.body = await files.read(logo);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/kop',
      access: ADMINS,
      summary: 'Saves the kop surat data; errors are shown per field with the typed values.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const body = bodyOf(ctx);
        const form = checkForm(opdProfileInput, body);
        if (form.errors) {
          ctx.status = 400;
          return show(ctx, opd, {
            error: 'Periksa kembali data kop surat.',
            kopValues: body,
            kopErrors: form.errors,
          });
        }
        await updateOpdProfile(db, { actor: requireAuth(ctx).actor, opdId: opd.id, patch: form.data });
        ctx.redirect(`/admin/opd/${opd.id}?info=kop#kop`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/status',
      access: SUPERADMIN,
      summary: 'Activates or deactivates an OPD (an inactive OPD leaves the recipient choices).',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const active = bodyOf(ctx).active === '1';
        await updateOpdProfile(db, { actor: requireAuth(ctx).actor, opdId: opd.id, patch: { active } });
        ctx.redirect(`/admin/opd/${opd.id}?info=status`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/logo',
      access: ADMINS,
      upload: { field: 'logo', maxBytes: LOGO_MAX_BYTES, types: LOGO_TYPES },
      summary: 'Uploads the kop surat logo (PNG or JPEG by content, at most 1 MB).',
      authorize: managed,
      handler: async (ctx) => {
        const opd = await managed(ctx);
        await updateOpdLogo(db, files, {
          actorId: requireAuth(ctx).actor.id,
          opdId: opd.id,
          logo: ctx.state.upload!,
        });
        ctx.redirect(`/admin/opd/${opd.id}?info=logo#logo`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/logo/hapus',
      access: ADMINS,
      summary: 'Removes the logo: the kop surat shows the regency emblem again.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        await updateOpdLogo(db, files, { actorId: requireAuth(ctx).actor.id, opdId: opd.id, logo: null });
        ctx.redirect(`/admin/opd/${opd.id}?info=logo-dihapus#logo`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/kepala',
      access: ADMINS,
      summary: 'Names the head of the OPD among its active people.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const { userId } = parseInput(opdHeadInput, bodyOf(ctx));
        try {
          await setOpdHead(db, { actorId: requireAuth(ctx).actor.id, opdId: opd.id, userId });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          ctx.status = 400;
          return show(ctx, opd, { error: error.message, headError: error.message });
        }
        ctx.redirect(`/admin/opd/${opd.id}?info=kepala#kepala`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/penomoran',
      access: ADMINS,
      summary: 'Previews (intent=preview) or saves the numbering patterns: the default and per kind.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const body = bodyOf(ctx);
        const form = checkForm(numberPatternsInput, body);
        const ref = { id: opd.id, code: opd.code };
        // A form the schema refuses is still previewed as typed, so nothing the admin wrote is lost.
        const patterns = form.data ?? typedPatterns(body);
        const numbering = await previewNumberPatterns(db, ref, patterns, jakartaYear(new Date()));
        const errors = [...(form.errors ?? []), ...numbering.errors];
        if (previewing(ctx) || errors.length) {
          if (errors.length) ctx.status = 400;
          return show(ctx, opd, {
            numbering,
            numberingPreviewed: true,
            ...(errors.length && { error: 'Pola penomoran belum disimpan: periksa pola yang ditandai.' }),
            numberingErrors: form.errors,
          });
        }
        await setOpdNumberPatterns(db, { actorId: requireAuth(ctx).actor.id, opd: ref, patterns });
        ctx.redirect(`/admin/opd/${opd.id}?info=penomoran#penomoran`);
      },
    },
    {
      method: 'post',
      path: '/admin/opd/:id/agenda',
      access: ADMINS,
      summary: 'Previews (intent=preview) or saves the agenda number pattern of incoming letters.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const body = bodyOf(ctx);
        const form = checkForm(agendaPatternInput, body);
        const ref = { id: opd.id, code: opd.code };
        const pattern = form.data?.pattern ?? String(body.pattern ?? '');
        const preview = await previewAgendaPattern(db, ref, pattern, jakartaYear(new Date()));
        const agenda = { ...preview, error: form.errors?.[0]?.message ?? preview.error };
        if (previewing(ctx) || agenda.error) {
          if (agenda.error) ctx.status = 400;
          return show(ctx, opd, {
            agenda,
            agendaPreviewed: true,
            ...(agenda.error && { error: 'Pola nomor agenda belum disimpan: periksa pola yang ditandai.' }),
          });
        }
        await setOpdAgendaPattern(db, { actorId: requireAuth(ctx).actor.id, opd: ref, pattern });
        ctx.redirect(`/admin/opd/${opd.id}?info=agenda#agenda`);
      },
    },
  ];
}
