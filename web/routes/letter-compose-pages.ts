import type { Knex } from 'knex';
import { z } from 'zod';
import { AppError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors';
import { validateLetterFields } from '../../lib/documents/validate-letter-fields';
import { contentSchema, toContent, type ContentInput } from '../../lib/letters/letter-content-schema';
import { listLetters, type LetterBox } from '../../lib/letters/list-letters';
import { SIFAT, SIFAT_LABELS, URGENCIES, URGENCY_LABELS } from '../../lib/letters/letter-options';
import { sanitizeLetterFields } from '../../lib/letters/sanitize-letter-fields';
import { startNewLetter } from '../../lib/letters/start-new-letter';
import { validateLetterContent } from '../../lib/letters/validate-letter-content';
import { listSigners } from '../../lib/pki/list-signers';
import { ANY_USER, rolesOnly } from '../../lib/rbac/policy';
import { queryLetterState, runLetterUpdate } from '../../lib/temporal/letter-workflow-client';
import { parseInput } from '../../lib/validation/parse-input';
import { TEMPLATES, templateKinds, type TemplateKind } from '../../templates';
import type { FieldMeta, LetterTemplate } from '../../templates/letter-template';
import { saveDraftUpdate, submitUpdate } from '../../workflows/outgoing-letter';
import {
  REFUSAL,
  type LetterContent,
  type LetterState,
  type LetterStatus,
} from '../../workflows/outgoing-letter-types';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import { findLetterForActor } from '../../api/letter-access';
import type { RouteDef } from '../../api/route';
import { pagerOf } from '../pager';
import { totalLabel } from '../total-label';

/** How each status reads in the lists, with its badge colour. */
export const STATUS_LABELS: Record<LetterStatus, { label: string; badge: string }> = {
  draft: { label: 'Konsep', badge: 'text-bg-secondary' },
  verifying: { label: 'Dalam Verifikasi', badge: 'text-bg-info' },
  numbering: { label: 'Menunggu Penomoran', badge: 'text-bg-warning' },
  signing: { label: 'Menunggu Tanda Tangan', badge: 'text-bg-primary' },
  sending: { label: 'Sedang Dikirim', badge: 'text-bg-success' },
  sent: { label: 'Terkirim', badge: 'text-bg-success' },
  withdrawn: { label: 'Ditarik', badge: 'text-bg-danger' },
};

/** The boxes of "Surat Saya", by the Indonesian name in the address. */
const BOXES: { key: string; box: LetterBox; label: string; icon: string; empty: string }[] = [
  {
    key: 'konsep',
    box: 'drafts',
    label: 'Konsep',
    icon: 'pencil-square',
    empty: 'Belum ada konsep surat. Mulai dengan “Buat Surat”.',
  },
  { key: 'terkirim', box: 'sent', label: 'Terkirim', icon: 'send', empty: 'Belum ada surat yang terkirim.' },
  {
    key: 'arsip',
    box: 'archive',
    label: 'Arsip',
    icon: 'archive',
    empty: 'Arsip masih kosong: surat yang terkirim atau ditarik akan tampil di sini.',
  },
];

const listQuery = z.object({
  kotak: z.enum(BOXES.map((b) => b.key) as [string, ...string[]]).default('konsep'),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
});
const PAGE_SIZE = 20;

const TOP_LABELS: Record<string, string> = {
  sifat: 'Sifat',
  urgency: 'Urgensi',
  classification: 'Klasifikasi',
  recipients: 'Tujuan',
  cc: 'Tembusan',
  kind: 'Jenis naskah',
};

/** What the form sent, normalised (kept as typed, for showing the form again). */
interface FormValues {
  subject: string;
  sifat: string;
  urgency: string;
  classification: string;
  recipients: number[];
  cc: number[];
  fields: Record<string, unknown>;
}

type Errors = Map<string, string>;

// ---- reading the urlencoded form (qs: `a[]=x`, `a[0][b]=y`, repeated names, or one plain value) ----

const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';

function entries(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v && typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    return Object.keys(obj)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => obj[k]);
  }
  return v === undefined || v === '' ? [] : [v];
}

const ids = (v: unknown): number[] =>
  entries(v)
    .map((x) => Number(str(x)))
    .filter((n) => Number.isInteger(n) && n > 0);

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text typed without the editor (no JavaScript) becomes paragraphs; HTML is left to the sanitiser. */
function richText(value: string): string {
  if (!value.trim() || /<[a-z][\s\S]*>/i.test(value)) return value;
  return value
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

function readFields(template: LetterTemplate, raw: unknown): Record<string, unknown> {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of template.fields) {
    const v = source[field.name];
    if (field.type === 'list') {
      // Repeatable inputs send an array; the plain textarea one item per line.
      const lines = typeof v === 'string' ? v.split(/\r?\n/) : entries(v).map(str);
      const items = lines.map((s) => s.trim()).filter(Boolean);
      if (items.length || field.required) out[field.name] = items;
    } else if (field.type === 'list-of-people') {
      const people = entries(v)
        .map((entry) => {
          const e = (entry && typeof entry === 'object' ? entry : {}) as Record<string, unknown>;
          return Object.fromEntries(
            (field.itemFields ?? []).map((sub) => [sub.name, str(e[sub.name]).trim()]),
          );
        })
        .filter((person) => Object.values(person).some((s) => s !== ''));
      if (people.length || field.required) out[field.name] = people;
    } else if (field.type === 'richtext') {
      out[field.name] = richText(str(v));
    } else {
      out[field.name] = str(v);
    }
  }
  return out;
}

function readForm(template: LetterTemplate, body: unknown): FormValues {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return {
    subject: str(b.subject),
    sifat: str(b.sifat),
    urgency: str(b.urgency),
    classification: str(b.classification),
    recipients: ids(b.recipients),
    cc: ids(b.cc),
    fields: readFields(template, b.fields),
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Checks the whole form at once, so every problem is shown next to its field: the API's content schema,
 * then the template's own field schema. Returns the content to save, or the problems by field path.
 */
function checkForm(
  template: LetterTemplate,
  values: FormValues,
): { content?: LetterContent; errors: Errors } {
  const errors: Errors = new Map();
  const input = {
    kind: template.kind,
    subject: values.subject,
    sifat: values.sifat,
    urgency: values.urgency,
    classification: values.classification,
    fields: values.fields,
    recipients: values.recipients,
    cc: values.cc,
  };
  let parsed: ContentInput | undefined;
  const top = contentSchema.safeParse(input);
  if (top.success) parsed = top.data;
  else {
    for (const issue of top.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      const label = key === 'subject' ? template.subject.label : TOP_LABELS[key];
      const message = /^(wajib|harus)/.test(issue.message)
        ? `${label ?? capitalise(key)} ${issue.message}.`
        : `${capitalise(issue.message)}.`;
      if (!errors.has(key)) errors.set(key, message);
    }
  }
  const overlap = values.cc.filter((id) => values.recipients.includes(id));
  if (overlap.length) errors.set('cc', 'Perangkat daerah tujuan tidak boleh sekaligus menjadi tembusan.');
  try {
    validateLetterFields(template.kind as TemplateKind, sanitizeLetterFields(template.kind, values.fields));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    addFieldErrors(errors, err);
  }
  if (errors.size || !parsed) return { errors };
  return { content: toContent(parsed), errors };
}

/** A ValidationError's field details (paths inside the template's fields) under `fields.`. */
function addFieldErrors(errors: Errors, err: ValidationError): boolean {
  const details = (err.details as { fields?: { field: string; message: string }[] } | undefined)?.fields;
  if (!details?.length) return false;
  for (const { field, message } of details) {
    const key = `fields.${field}`;
    if (!errors.has(key)) errors.set(key, message);
  }
  return true;
}

// ---- the form's view model ----

interface Options {
  opds: { id: number; name: string }[];
  classifications: { code: string; name: string }[];
}

function fieldView(field: FieldMeta, value: unknown, errors: Errors, extraPerson: boolean) {
  const name = field.name;
  const base = {
    name,
    label: field.label,
    required: field.required,
    help: field.help,
    id: `f-${name}`,
    inputName: `fields[${name}]`,
    error: errors.get(`fields.${name}`),
    [`is_${field.type.replace(/-/g, '_')}`]: true,
  };
  if (field.type === 'list') {
    const items = Array.isArray(value) ? value.map(String) : [];
    return { ...base, itemsText: items.join('\n'), rows: Math.max(3, items.length + 1) };
  }
  if (field.type === 'list-of-people') {
    const people = (Array.isArray(value) ? value : []) as Record<string, unknown>[];
    const list = people.length === 0 || extraPerson ? [...people, {}] : people;
    return {
      ...base,
      people: list.map((person, index) => ({
        index,
        number: index + 1,
        subs: (field.itemFields ?? []).map((sub) => ({
          id: `f-${name}-${index}-${sub.name}`,
          inputName: `fields[${name}][${index}][${sub.name}]`,
          label: sub.label,
          required: sub.required,
          help: sub.help,
          pattern: sub.pattern?.source,
          patternMessage: sub.pattern?.message,
          value: typeof person[sub.name] === 'string' ? person[sub.name] : '',
          error: errors.get(`fields.${name}.${index}.${sub.name}`),
        })),
      })),
    };
  }
  const text = typeof value === 'string' ? value : (field.defaultValue ?? '');
  return {
    ...base,
    value: text,
    pattern: field.pattern?.source,
    patternMessage: field.pattern?.message,
  };
}

function formView(
  template: LetterTemplate,
  values: FormValues | null,
  errors: Errors,
  options: Options,
  extraPeople?: string,
) {
  const v: FormValues = values ?? {
    subject: '',
    sifat: 'biasa',
    urgency: 'biasa',
    classification: '',
    recipients: [],
    cc: [],
    fields: {},
  };
  const fields = template.fields.map((f) =>
    fieldView(f, values ? v.fields[f.name] : undefined, errors, extraPeople === f.name),
  );
  const summary = [...errors.entries()].map(([key, message]) => {
    const [head, name, index, sub] = key.split('.');
    const anchor =
      head === 'fields'
        ? sub
          ? `f-${name}-${index}-${sub}`
          : `f-${name}`
        : ({ recipients: 'tujuan', cc: 'tembusan', subject: 'subject' }[head] ?? head);
    const field = template.fields.find((f) => f.name === name);
    const where = field && index !== undefined ? `${field.label} ${Number(index) + 1}: ` : '';
    return { href: `#${anchor}`, message: where + message };
  });
  return {
    template: { kind: template.kind, label: template.label, description: template.description },
    subject: { ...template.subject, value: v.subject, error: errors.get('subject') },
    sifat: {
      options: SIFAT.map((s) => ({ value: s, label: SIFAT_LABELS[s], selected: s === v.sifat })),
      error: errors.get('sifat'),
    },
    urgency: {
      options: URGENCIES.map((u) => ({ value: u, label: URGENCY_LABELS[u], selected: u === v.urgency })),
      error: errors.get('urgency'),
    },
    classification: {
      options: options.classifications.map((c) => ({
        value: c.code,
        label: `${c.code} – ${c.name}`,
        selected: c.code === v.classification,
      })),
      error: errors.get('classification'),
    },
    recipients: {
      options: options.opds.map((o) => ({ ...o, checked: v.recipients.includes(o.id) })),
      error: errors.get('recipients'),
    },
    cc: {
      options: options.opds.map((o) => ({ ...o, checked: v.cc.includes(o.id) })),
      error: errors.get('cc'),
    },
    fields,
    hasRichtext: template.fields.some((f) => f.type === 'richtext'),
    errorSummary: summary,
  };
}

const FORM_ASSETS = {
  styles: ['/static/vendor/quill/quill.snow.css', '/static/css/letters.css'],
  scripts: ['/static/vendor/quill/quill.js', '/static/js/letter-form.js'],
};

function templateOf(kind: string): LetterTemplate {
  if (!(templateKinds as readonly string[]).includes(kind))
    throw new NotFoundError('Jenis naskah tidak dikenal.');
  return TEMPLATES[kind as TemplateKind];
}

async function formOptions(db: Knex, ownOpdId: number | null): Promise<Options> {
  const [opds, classifications] = await Promise.all([
    db('opd').where({ active: true }).orderBy('name').select('id', 'name'),
    db('classifications').where({ active: true }).orderBy('code').select('code', 'name'),
  ]);
  return {
    opds: opds.map((o) => ({ id: Number(o.id), name: o.name })).filter((o) => o.id !== ownOpdId),
    classifications,
  };
}

/** Which problem a refusal from the domain is about, when its message names it. */
function generalError(errors: Errors, err: AppError): string | undefined {
  if (err instanceof ValidationError && addFieldErrors(errors, err)) return undefined;
  return err.message;
}

export function letterComposePages({ db, config, pages, temporalClient }: AppDeps): RouteDef[] {
  function renderForm(
    ctx: AppContext,
    template: LetterTemplate,
    data: {
      values: FormValues | null;
      errors?: Errors;
      options: Options;
      error?: string;
      extraPeople?: string;
      letterId?: number;
      baseVersionNo?: number;
    },
  ) {
    const errors = data.errors ?? new Map();
    const editing = data.letterId !== undefined;
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'letter-form', {
      title: editing ? `Ubah Konsep ${template.label}` : `Buat ${template.label}`,
      ...FORM_ASSETS,
      ...formView(template, data.values, errors, data.options, data.extraPeople),
      error: data.error ?? (errors.size ? 'Periksa kembali isian yang ditandai.' : undefined),
      editing,
      letterId: data.letterId,
      baseVersionNo: data.baseVersionNo,
      action: editing ? `/surat/${data.letterId}/ubah` : `/surat/baru/${template.kind}`,
      cancelHref: editing ? `/surat/${data.letterId}` : '/surat/baru',
    });
  }

  /** The letter and its workflow state, if the caller drafted it and it is (again) a draft. */
  async function ownDraft(ctx: AppContext) {
    const { actor } = requireAuth(ctx);
    const letter = await findLetterForActor(db, actor, Number(ctx.params.id));
    if (Number(letter.drafter_id) !== actor.id) throw new ForbiddenError(REFUSAL.notDrafter);
    const state = await queryLetterState(await temporalClient(), Number(letter.id));
    if (state.status !== 'draft') throw new AppError(409, 'refused', REFUSAL.notEditable);
    return { letter, state, actor };
  }

  // ---- submit page ----

  async function verifierCandidates(opdId: number, drafterId: number) {
    const rows = await db('users')
      .where({ opd_id: opdId, active: true })
      .whereNot('id', drafterId)
      .whereExists((q) =>
        q.from('user_roles').whereRaw('user_roles.user_id = users.id').where('role', 'verifikator'),
      )
      .orderBy('name')
      .select('id', 'name', 'position');
    return rows.map((r) => ({ id: Number(r.id), name: r.name as string, position: r.position as string }));
  }

  async function renderSubmit(
    ctx: AppContext,
    letter: { id: number; subject: string; opd_id: number; drafter_id: number },
    state: LetterState,
    chosen: { verifierIds: number[]; signerId?: number; error?: string },
  ) {
    const names = async (idList: number[]) => {
      const rows = await db('users').whereIn('id', idList).select('id', 'name', 'position');
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return idList.map((id, i) => ({
        number: i + 1,
        name: byId.get(id)?.name ?? `#${id}`,
        position: byId.get(id)?.position ?? '',
        resumesHere: i === state.resumeAt,
      }));
    };
    const resubmission = state.verifierIds.length > 0;
    let data: Record<string, unknown>;
    if (resubmission) {
      const verifiers = await names(state.verifierIds);
      const signer = state.signerId ? (await names([state.signerId]))[0] : null;
      data = {
        resubmission,
        verifiers,
        signer,
        resumeName: verifiers[state.resumeAt]?.name,
      };
    } else {
      const candidates = await verifierCandidates(Number(letter.opd_id), Number(letter.drafter_id));
      // Chosen ones first, in the chosen order; then the rest by name.
      const ordered = [
        ...chosen.verifierIds.map((id) => candidates.find((c) => c.id === id)).filter((c) => c !== undefined),
        ...candidates.filter((c) => !chosen.verifierIds.includes(c.id)),
      ];
      const signers = await listSigners(db);
      data = {
        candidates: ordered.map((c, i) => ({
          ...c,
          order: i + 1,
          checked: chosen.verifierIds.includes(c.id),
        })),
        signers: signers.map((s) => ({
          id: s.id,
          name: s.name,
          position: s.position,
          opdName: s.opd?.name,
          checked: s.id === chosen.signerId,
        })),
      };
    }
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'letter-submit', {
      title: 'Ajukan Surat',
      styles: ['/static/css/letters.css'],
      scripts: ['/static/js/verifier-order.js'],
      letter: { id: Number(letter.id), subject: letter.subject },
      baseVersionNo: state.versionNo,
      error: chosen.error,
      ...data,
    });
  }

  /** The verifiers in order: the script's hidden `verifierIds`, or the ticked boxes sorted by their numbers. */
  function chosenVerifiers(body: Record<string, unknown>): number[] {
    if (body.verifierIds !== undefined) return [...new Set(ids(body.verifierIds))];
    const ticked = ids(body.verifier);
    // `urutan_<id>`, not `urutan[<id>]`: the body parser would read small numeric keys as an array.
    const rank = (id: number) => {
      const typed = str(body[`urutan_${id}`]).trim();
      const n = Number(typed);
      return typed !== '' && Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
    };
    return [...new Set(ticked)]
      .map((id, i) => ({ id, i }))
      .sort((a, b) => rank(a.id) - rank(b.id) || a.i - b.i)
      .map((x) => x.id);
  }

  return [
    {
      method: 'get',
      path: '/surat',
      access: ANY_USER,
      summary: 'Surat Saya: drafts, sent letters and the archive, searchable.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const { kotak, q, page } = parseInput(listQuery, ctx.query);
        const current = BOXES.find((b) => b.key === kotak)!;
        const result = await listLetters(db, actor, { box: current.box, q, page, pageSize: PAGE_SIZE });
        const href = (p: number) =>
          `/surat?kotak=${kotak}${q ? `&q=${encodeURIComponent(q)}` : ''}${p > 1 ? `&page=${p}` : ''}`;
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'letters-list', {
          title: 'Surat Saya',
          styles: ['/static/css/letters.css'],
          tabs: BOXES.map((b) => ({ ...b, href: `/surat?kotak=${b.key}`, active: b.key === kotak })),
          box: current,
          q,
          canCompose: actor.roles.includes('asn') || actor.roles.includes('superadmin'),
          items: result.items.map((item) => ({
            ...item,
            kindLabel: TEMPLATES[item.kind as TemplateKind]?.label ?? item.kind,
            statusLabel: STATUS_LABELS[item.status]?.label ?? item.status,
            statusBadge: STATUS_LABELS[item.status]?.badge ?? 'text-bg-light',
            editable: current.box === 'drafts' && item.status === 'draft',
          })),
          totalLabel: totalLabel(result.total, result.totalCapped),
          totalCapped: result.totalCapped,
          pager: pagerOf(page, result.total, PAGE_SIZE, href, result.totalCapped),
        });
      },
    },
    {
      method: 'get',
      path: '/surat/baru',
      access: rolesOnly('asn'),
      summary: 'Buat Surat: choose the kind of naskah dinas.',
      handler: (ctx) => {
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'letter-form', {
          title: 'Buat Surat',
          styles: ['/static/css/letters.css'],
          choosing: true,
          kinds: Object.values(TEMPLATES).map((t) => ({
            kind: t.kind,
            label: t.label,
            description: t.description,
          })),
        });
      },
    },
    {
      method: 'get',
      path: '/surat/baru/:kind',
      access: rolesOnly('asn'),
      summary: 'The form of one kind of naskah dinas.',
      handler: async (ctx) => {
        const template = templateOf(ctx.params.kind);
        const options = await formOptions(db, requireAuth(ctx).actor.opdId);
        renderForm(ctx, template, { values: null, options });
      },
    },
    {
      method: 'post',
      path: '/surat/baru/:kind',
      access: rolesOnly('asn'),
      summary: 'Save a new draft from the form and start its workflow.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const template = templateOf(ctx.params.kind);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const values = readForm(template, body);
        const options = await formOptions(db, actor.opdId);
        const add = str(body._tambah);
        if (add) return renderForm(ctx, template, { values, options, extraPeople: add });
        const { content, errors } = checkForm(template, values);
        if (!content) {
          ctx.status = 400;
          return renderForm(ctx, template, { values, options, errors });
        }
        try {
          const { letterId } = await startNewLetter(
            { db, config, temporal: await temporalClient() },
            actor.id,
            content,
          );
          ctx.redirect(`/surat/${letterId}`);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          const fieldErrors: Errors = new Map();
          ctx.status = err.status;
          renderForm(ctx, template, {
            values,
            options,
            errors: fieldErrors,
            error: generalError(fieldErrors, err),
          });
        }
      },
    },
    {
      method: 'get',
      path: '/surat/:id/ubah',
      access: rolesOnly('asn'),
      summary: 'Edit one’s draft: the form filled with the current version.',
      handler: async (ctx) => {
        const { letter } = await ownDraft(ctx);
        const version = await db('letter_versions')
          .where({ id: letter.current_version_id })
          .first('version_no', 'fields');
        if (!version) throw new NotFoundError('Versi surat tidak ditemukan.');
        const content = JSON.parse(version.fields) as LetterContent;
        const template = templateOf(content.kind);
        renderForm(ctx, template, {
          values: {
            subject: content.subject,
            sifat: content.sifat,
            urgency: content.urgency,
            classification: content.classification,
            recipients: content.recipientOpdIds,
            cc: content.ccOpdIds,
            fields: content.fields,
          },
          options: await formOptions(db, Number(letter.opd_id)),
          letterId: Number(letter.id),
          baseVersionNo: Number(version.version_no),
        });
      },
    },
    {
      method: 'post',
      path: '/surat/:id/ubah',
      access: rolesOnly('asn'),
      summary: 'Save an edit of one’s draft as a new version (refused if someone saved meanwhile).',
      handler: async (ctx) => {
        const { letter, actor } = await ownDraft(ctx);
        const template = templateOf(letter.kind);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const values = readForm(template, body);
        const baseVersionNo = Number(str(body.baseVersionNo));
        const options = await formOptions(db, Number(letter.opd_id));
        const letterId = Number(letter.id);
        const again = (extra: { errors?: Errors; error?: string; extraPeople?: string }) =>
          renderForm(ctx, template, { values, options, letterId, baseVersionNo, ...extra });
        const add = str(body._tambah);
        if (add) return again({ extraPeople: add });
        const { content, errors } = checkForm(template, values);
        if (!content || !Number.isInteger(baseVersionNo) || baseVersionNo < 1) {
          ctx.status = 400;
          return again({ errors });
        }
        try {
          // Checked here first, so problems come back field by field rather than as one refusal.
          await validateLetterContent(db, Number(letter.opd_id), content);
          await runLetterUpdate(await temporalClient(), letterId, saveDraftUpdate, {
            actorId: actor.id,
            baseVersionNo,
            content,
          });
          ctx.redirect(`/surat/${letterId}`);
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          const fieldErrors: Errors = new Map();
          ctx.status = err.status;
          again({ errors: fieldErrors, error: generalError(fieldErrors, err) });
        }
      },
    },
    {
      method: 'get',
      path: '/surat/:id/ajukan',
      access: rolesOnly('asn'),
      summary: 'Submit one’s draft: ordered verifiers and a signer (or resubmit after a return).',
      handler: async (ctx) => {
        const { letter, state } = await ownDraft(ctx);
        await renderSubmit(ctx, letter, state, { verifierIds: [] });
      },
    },
    {
      method: 'post',
      path: '/surat/:id/ajukan',
      access: rolesOnly('asn'),
      summary: 'Submit for verification in the chosen order.',
      handler: async (ctx) => {
        const { letter, state, actor } = await ownDraft(ctx);
        const body = (ctx.request.body ?? {}) as Record<string, unknown>;
        const baseVersionNo = Number(str(body.baseVersionNo));
        const letterId = Number(letter.id);
        const resubmission = state.verifierIds.length > 0;
        const verifierIds = resubmission ? [] : chosenVerifiers(body);
        const signerId = Number(str(body.signerId)) || undefined;
        const refuse = (status: number, error: string) => {
          ctx.status = status;
          return renderSubmit(ctx, letter, state, { verifierIds, signerId, error });
        };
        if (!resubmission) {
          if (verifierIds.length < 2)
            return refuse(400, 'Pilih minimal dua verifikator dan tentukan urutannya.');
          if (!signerId) return refuse(400, REFUSAL.noSigner);
        }
        try {
          await runLetterUpdate(
            await temporalClient(),
            letterId,
            submitUpdate,
            resubmission
              ? { actorId: actor.id, baseVersionNo }
              : { actorId: actor.id, baseVersionNo, verifierIds, signerId },
          );
        } catch (err) {
          if (!(err instanceof AppError) || err.status >= 500) throw err;
          return refuse(err.status, err.message);
        }
        ctx.redirect(`/surat/${letterId}`);
      },
    },
  ];
}
