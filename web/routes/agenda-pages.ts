import { z } from 'zod';
import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { AGENDA_FILE_TYPES } from '../../api/routes/agenda';
import { wibDateOf } from '../../lib/archive/wib-date-of';
import { agendaCalendarRange } from '../../lib/agenda/agenda-calendar-range';
import type { AgendaItem } from '../../lib/agenda/agenda-item-of';
import { agendaItemInput, type AgendaItemInput } from '../../lib/agenda/agenda-item-input';
import {
  AGENDA_FILTER_LABELS,
  AGENDA_FILTERS,
  AGENDA_SOURCE_LABELS,
  AGENDA_STATUS_LABELS,
} from '../../lib/agenda/agenda-labels';
import { agendaListQuery } from '../../lib/agenda/agenda-list-query';
import { cancelAgendaItem } from '../../lib/agenda/cancel-agenda-item';
import { countAgendaItems } from '../../lib/agenda/count-agenda-items';
import { describeAgendaTime } from '../../lib/agenda/describe-agenda-time';
import { findAgendaItemForActor } from '../../lib/agenda/find-agenda-item-for-actor';
import { findOpenAgendaItem } from '../../lib/agenda/find-open-agenda-item';
import { listAgendaItems } from '../../lib/agenda/list-agenda-items';
import { listAgendaPeople } from '../../lib/agenda/list-agenda-people';
import { listAgendaUnits } from '../../lib/agenda/list-agenda-units';
import { loadAgendaViewer, type AgendaViewer } from '../../lib/agenda/load-agenda-viewer';
import { markAgendaItemDone } from '../../lib/agenda/mark-agenda-item-done';
import { planAgendaItem } from '../../lib/agenda/plan-agenda-item';
import { updateAgendaItem } from '../../lib/agenda/update-agenda-item';
import { wibDateTime } from '../../lib/agenda/wib-date-time';
import { wibPartsOf } from '../../lib/agenda/wib-parts-of';
import { AppError, ForbiddenError, NotFoundError } from '../../lib/errors';
import { ANY_USER } from '../../lib/rbac/policy';
import { fieldErrorsOf } from '../../lib/users/field-errors-of';
import { parseInput } from '../../lib/validation/parse-input';
import { filteredPager } from '../filtered-pager';

const FILTERS = ['unit', 'person', 'status', 'from', 'to'] as const;
const PAGE_SIZE = 20;
/** A calendar shows every item of its days; a division rarely has more in six weeks. */
const CALENDAR_LIMIT = 1000;
const idParam = z.coerce.number().int().positive();
const calendarQuery = z.object({
  bulan: z.string().max(10).optional(),
  minggu: z.string().max(10).optional(),
});
const NOTICES: Record<string, string> = {
  dibuat: 'Kegiatan telah dicatat. Pengingat akan dikirim sebelum kegiatan dimulai.',
  diubah: 'Perubahan kegiatan telah disimpan; pengingat mengikuti jadwal yang baru.',
  selesai: 'Kegiatan ditandai selesai dan hasilnya tersimpan. Pengingat dihentikan.',
  dibatalkan: 'Kegiatan dibatalkan. Pengingat dihentikan.',
};
const timeOnly = new Intl.DateTimeFormat('id-ID', { timeZone: 'Asia/Jakarta', timeStyle: 'short' });

type Values = Record<string, string | string[]>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown) =>
  Array.isArray(v) ? v.map(String) : v === undefined || v === '' ? [] : [String(v)];

/**
 * The form's WIB dates and times as instants, then the API's schema: every problem comes back on its
 * field (start and end each on their own), with the typed values kept for the form.
 */
function readAgendaForm(body: Record<string, unknown>): {
  values: Values;
  input?: AgendaItemInput;
  errors: Record<string, string>;
} {
  const values: Values = {
    title: text(body.title),
    place: text(body.place),
    startDate: text(body.startDate),
    startTime: text(body.startTime),
    endDate: text(body.endDate) || text(body.startDate),
    endTime: text(body.endTime),
    targetOutput: text(body.targetOutput),
    responsibleId: text(body.responsibleId),
    participantIds: list(body.participantIds),
    unit: text(body.unit),
    letter: text(body.letter),
  };
  const errors: Record<string, string> = {};
  const at = (date: string, time: string, field: string, label: string) => {
    const when =
      /^\d{4}-\d{2}-\d{2}$/.test(date) && /^\d{2}:\d{2}$/.test(time) ? wibDateTime(date, time) : null;
    if (!when || Number.isNaN(when.getTime())) errors[field] = `Isi tanggal dan jam ${label} (WIB).`;
    return when?.toISOString();
  };
  const startsAt = at(String(values.startDate), String(values.startTime), 'startsAt', 'mulai');
  const endsAt = at(String(values.endDate), String(values.endTime), 'endsAt', 'selesai');
  const parsed = agendaItemInput.safeParse({
    title: values.title,
    place: values.place,
    startsAt,
    endsAt,
    targetOutput: values.targetOutput,
    responsibleId: values.responsibleId || undefined,
    participantIds: values.participantIds,
    unit: values.unit,
    letter: values.letter,
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '(body)');
      errors[field] ??= issue.message;
    }
  return { values, errors, input: parsed.success && !Object.keys(errors).length ? parsed.data : undefined };
}

/** Badge of an item at `now`: its stored status, or for a planned one whether it is running or overdue. */
function stateOf(item: AgendaItem, now: Date) {
  if (item.status !== 'planned') return AGENDA_STATUS_LABELS[item.status];
  if (item.endsAt.getTime() < now.getTime())
    return { label: 'Lewat waktu, hasil belum dilaporkan', tone: 'danger' };
  if (item.startsAt.getTime() <= now.getTime()) return { label: 'Sedang berlangsung', tone: 'warning' };
  return AGENDA_STATUS_LABELS.planned;
}

const rowOf = (item: AgendaItem, now: Date) => ({
  ...item,
  when: describeAgendaTime(item.startsAt, item.endsAt),
  state: stateOf(item, now),
});

/** Agenda kegiatan: list with filters and counters, month/week calendar, add, details, edit, done, cancel. */
export function agendaPages(deps: AppDeps): RouteDef[] {
  const { db, pages, config } = deps;

  /** The OPD whose people and divisions the actor's forms and filters offer. */
  function opdOf(viewer: AgendaViewer, itemOpdId?: number): number {
    const opdId = itemOpdId ?? viewer.actor.opdId;
    if (opdId === null) throw new ForbiddenError('Akun Anda belum terdaftar pada OPD mana pun.');
    return opdId;
  }

  async function filterChoices(viewer: AgendaViewer, filters: Record<string, string>) {
    if (viewer.actor.opdId === null) return { units: [], people: [] };
    const opdId = viewer.actor.opdId;
    return {
      units: (await listAgendaUnits(db, viewer, opdId))
        .filter((u) => u !== '')
        .map((u) => ({ value: u, selected: u === filters.unit })),
      people: (await listAgendaPeople(db, opdId)).map((p) => ({
        ...p,
        selected: String(p.id) === filters.person,
      })),
    };
  }

  async function showForm(
    ctx: AppContext,
    options: {
      values: Values;
      errors?: Record<string, string>;
      error?: string;
      item?: { id: number; opdId: number; unit: string; title: string };
    },
  ) {
    const viewer = await loadAgendaViewer(db, requireAuth(ctx).actor);
    const opdId = opdOf(viewer, options.item?.opdId);
    const units = await listAgendaUnits(db, viewer, opdId);
    if (options.item && !units.includes(options.item.unit)) units.push(options.item.unit);
    const { values } = options;
    const chosen = new Set(list(values.participantIds));
    const people = await listAgendaPeople(db, opdId);
    const errors = options.errors ?? {};
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'agenda-form', {
      title: options.item ? `Ubah Kegiatan: ${options.item.title}` : 'Tambah Kegiatan',
      heading: options.item ? 'Ubah Kegiatan' : 'Tambah Kegiatan',
      action: options.item ? `/agenda/${options.item.id}/ubah` : '/agenda/baru',
      cancelHref: options.item ? `/agenda/${options.item.id}` : '/agenda',
      item: options.item,
      values,
      error: options.error ?? (Object.keys(errors).length ? 'Periksa isian yang ditandai.' : undefined),
      errors: Object.entries(errors).map(([field, message]) => ({ field, message })),
      fieldError: errors,
      units: units.map((u) => ({
        value: u,
        label: u || 'Seluruh perangkat daerah (tanpa bidang)',
        selected: u === values.unit,
      })),
      responsibles: people.map((p) => ({ ...p, selected: String(p.id) === values.responsibleId })),
      participants: people.map((p) => ({ ...p, checked: chosen.has(String(p.id)) })),
    });
  }

  /** Runs a change from a form; bad input or a refusal re-renders the form with the reason. */
  async function attempt(
    ctx: AppContext,
    run: () => Promise<unknown>,
    again: (err: AppError) => Promise<void>,
  ) {
    try {
      await run();
      return true;
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err;
      ctx.status = err.status;
      await again(err);
      return false;
    }
  }

  const itemId = (ctx: AppContext) => {
    const parsed = idParam.safeParse(ctx.params.id);
    if (!parsed.success) throw new NotFoundError('Kegiatan tidak ditemukan.');
    return parsed.data;
  };
  const body = (ctx: AppContext) => (ctx.request.body ?? {}) as Record<string, unknown>;

  async function showOutcome(
    ctx: AppContext,
    view: 'agenda-done' | 'agenda-cancel',
    values: Values = {},
    err?: AppError,
  ) {
    const found = await findOpenAgendaItem(db, requireAuth(ctx).actor, itemId(ctx));
    ctx.type = 'html';
    ctx.body = pages.render(ctx, view, {
      title: view === 'agenda-done' ? 'Tandai Kegiatan Selesai' : 'Batalkan Kegiatan',
      item: { ...found.item, when: describeAgendaTime(found.item.startsAt, found.item.endsAt) },
      values,
      error: err?.message,
      fieldError: fieldErrorsOf(err) ?? {},
      maxMb: Math.round(config.uploadMaxBytes / 1048576),
    });
  }

  return [
    {
      method: 'get',
      path: '/agenda',
      access: ANY_USER,
      summary:
        'The agenda list the caller may see, with filters (division, person, status, dates) and counters.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const now = new Date();
        const query = parseInput(agendaListQuery, { ...ctx.query, pageSize: PAGE_SIZE });
        const result = await listAgendaItems(db, actor, query, now);
        const { filters, pager } = filteredPager(FILTERS, query, result, PAGE_SIZE);
        const viewer = await loadAgendaViewer(db, actor);
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'agenda', {
          title: 'Agenda Kegiatan',
          notice: NOTICES[String(ctx.query.info ?? '')],
          counters: await countAgendaItems(db, actor, now),
          filters,
          ...(await filterChoices(viewer, filters)),
          statuses: AGENDA_FILTERS.map((s) => ({
            value: s,
            label: AGENDA_FILTER_LABELS[s],
            selected: s === filters.status,
          })),
          items: result.items.map((i) => rowOf(i, now)),
          total: result.total,
          pager,
          thisWeek: agendaCalendarRange({}, now).thisWeek,
        });
      },
    },
    {
      method: 'get',
      path: '/agenda/kalender',
      access: ANY_USER,
      summary: 'The agenda as a month grid (?bulan=2026-12) or a week list (?minggu=2026-W49), in WIB.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const now = new Date();
        const range = agendaCalendarRange(parseInput(calendarQuery, ctx.query), now);
        const query = parseInput(agendaListQuery, {
          unit: ctx.query.unit,
          person: ctx.query.person,
          from: range.from,
          to: range.to,
        });
        const { items } = await listAgendaItems(db, actor, { ...query, pageSize: CALENDAR_LIMIT }, now);
        const shown = items
          .filter((i) => i.status !== 'cancelled')
          .map((i) => ({
            ...rowOf(i, now),
            time: timeOnly.format(i.startsAt),
            from: wibDateOf(i.startsAt),
            to: wibDateOf(i.endsAt),
          }));
        const onDay = (date: string) => shown.filter((i) => i.from <= date && date <= i.to);
        const weeks = range.weeks.map((w) => ({
          ...w,
          days: w.days.map((d) => ({ ...d, items: onDay(d.date) })),
        }));
        const viewer = await loadAgendaViewer(db, actor);
        const filters = { unit: String(ctx.query.unit ?? ''), person: String(ctx.query.person ?? '') };
        const keep = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
        const link = (q: string) => `/agenda/kalender?${q}${keep ? `&${keep}` : ''}`;
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'agenda-calendar', {
          title: `Kalender Kegiatan: ${range.label}`,
          range,
          isWeek: range.mode === 'week',
          weeks: weeks.map((w) => ({ ...w, href: link(`minggu=${w.week}`) })),
          daysWithItems: weeks.flatMap((w) => w.days).filter((d) => d.inRange && d.items.length),
          weekDays: weeks.flatMap((w) => w.days),
          total: shown.length,
          prevHref: link(range.prev),
          nextHref: link(range.next),
          monthHref: link(range.thisMonth),
          weekHref: link(range.thisWeek),
          week: range.mode === 'week' ? range.current.value : null,
          filters,
          ...(await filterChoices(viewer, filters)),
        });
      },
    },
    {
      method: 'get',
      path: '/agenda/baru',
      access: ANY_USER,
      summary: 'The form to add an activity.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const viewer = await loadAgendaViewer(db, actor);
        const today = wibDateOf(new Date());
        await showForm(ctx, {
          values: {
            startDate: today,
            endDate: today,
            startTime: '09:00',
            endTime: '11:00',
            responsibleId: String(actor.id),
            unit: viewer.unit,
            participantIds: [],
          },
        });
      },
    },
    {
      method: 'post',
      path: '/agenda/baru',
      access: ANY_USER,
      summary: 'Add an activity from the form; its reminders start.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const form = readAgendaForm(body(ctx));
        if (!form.input) {
          ctx.status = 400;
          return showForm(ctx, { values: form.values, errors: form.errors });
        }
        let id = 0;
        const ok = await attempt(
          ctx,
          async () => ({ id } = await planAgendaItem(deps, actor, form.input!)),
          (err) =>
            showForm(ctx, { values: form.values, errors: fieldErrorsOf(err) ?? {}, error: err.message }),
        );
        if (ok) ctx.redirect(`/agenda/${id}?info=dibuat`);
      },
    },
    {
      method: 'get',
      path: '/agenda/:id',
      access: ANY_USER,
      summary:
        'One activity: when, where, who, the linked letter, status, output and files, and its actions.',
      handler: async (ctx) => {
        const now = new Date();
        const found = await findAgendaItemForActor(db, requireAuth(ctx).actor, itemId(ctx));
        ctx.type = 'html';
        ctx.body = pages.render(ctx, 'agenda-detail', {
          title: found.item.title,
          notice: NOTICES[String(ctx.query.info ?? '')],
          ...found,
          item: rowOf(found.item, now),
          sourceLabel: AGENDA_SOURCE_LABELS[found.item.source],
          isPlanned: found.item.status === 'planned',
          canAct: found.canManage && found.item.status === 'planned',
        });
      },
    },
    {
      method: 'get',
      path: '/agenda/:id/ubah',
      access: ANY_USER,
      summary: 'The form to change a planned activity.',
      handler: async (ctx) => {
        const found = await findOpenAgendaItem(db, requireAuth(ctx).actor, itemId(ctx));
        const { item } = found;
        const [start, end] = [wibPartsOf(item.startsAt), wibPartsOf(item.endsAt)];
        await showForm(ctx, {
          item,
          values: {
            title: item.title,
            place: item.place,
            startDate: start.date,
            startTime: start.time,
            endDate: end.date,
            endTime: end.time,
            targetOutput: item.targetOutput,
            responsibleId: String(item.responsible.id),
            participantIds: found.participants.map((p) => String(p.id)),
            unit: item.unit,
            letter:
              found.letter?.number ??
              (found.letter ? String(found.letter.id) : (found.incoming?.number ?? '')),
          },
        });
      },
    },
    {
      method: 'post',
      path: '/agenda/:id/ubah',
      access: ANY_USER,
      summary: 'Change a planned activity from the form; new dates move its reminders.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const found = await findOpenAgendaItem(db, actor, itemId(ctx));
        const form = readAgendaForm(body(ctx));
        if (!form.input) {
          ctx.status = 400;
          return showForm(ctx, { item: found.item, values: form.values, errors: form.errors });
        }
        const input = form.input;
        const ok = await attempt(
          ctx,
          () =>
            updateAgendaItem(deps, actor, found.item.id, {
              ...input,
              responsibleId: input.responsibleId ?? found.item.responsible.id,
              unit: input.unit ?? found.item.unit,
              letter: input.letter ?? '',
            }),
          (err) =>
            showForm(ctx, {
              item: found.item,
              values: form.values,
              errors: fieldErrorsOf(err) ?? {},
              error: err.message,
            }),
        );
        if (ok) ctx.redirect(`/agenda/${found.item.id}?info=diubah`);
      },
    },
    {
      method: 'get',
      path: '/agenda/:id/selesai',
      access: ANY_USER,
      summary: 'The form that marks an activity done: its output (text) and an optional file.',
      handler: (ctx) => showOutcome(ctx, 'agenda-done'),
    },
    {
      method: 'post',
      path: '/agenda/:id/selesai',
      access: ANY_USER,
      upload: {
        field: 'file',
        maxBytes: config.uploadMaxBytes,
        types: [...AGENDA_FILE_TYPES],
        optional: true,
      },
      summary: 'Mark an activity done with its output and an optional file; its reminders stop.',
      handler: async (ctx) => {
        const id = itemId(ctx);
        const output = text(body(ctx).output);
        const upload = ctx.state.upload;
        const ok = await attempt(
          ctx,
          () =>
            markAgendaItemDone(deps, requireAuth(ctx).actor, id, {
              output,
              files: upload ? [{ bytes: upload.bytes, mime: upload.type, name: upload.originalName }] : [],
            }),
          (err) => showOutcome(ctx, 'agenda-done', { output }, err),
        );
        if (ok) ctx.redirect(`/agenda/${id}?info=selesai`);
      },
    },
    {
      method: 'get',
      path: '/agenda/:id/batal',
      access: ANY_USER,
      summary: 'Confirmation before cancelling an activity, asking the reason.',
      handler: (ctx) => showOutcome(ctx, 'agenda-cancel'),
    },
    {
      method: 'post',
      path: '/agenda/:id/batal',
      access: ANY_USER,
      summary: 'Cancel an activity with the reason; its reminders stop.',
      handler: async (ctx) => {
        const id = itemId(ctx);
        const reason = text(body(ctx).reason);
        const ok = await attempt(
          ctx,
          () => cancelAgendaItem(deps, requireAuth(ctx).actor, id, reason),
          (err) => showOutcome(ctx, 'agenda-cancel', { reason }, err),
        );
        if (ok) ctx.redirect(`/agenda/${id}?info=dibatalkan`);
      },
    },
  ];
}
