import { z } from 'zod';
import { agendaItemInput, agendaItemPatch } from '../../lib/agenda/agenda-item-input';
import { agendaListQuery } from '../../lib/agenda/agenda-list-query';
import { cancelAgendaItem } from '../../lib/agenda/cancel-agenda-item';
import { findAgendaItemForActor } from '../../lib/agenda/find-agenda-item-for-actor';
import { listAgendaItems } from '../../lib/agenda/list-agenda-items';
import { markAgendaItemDone } from '../../lib/agenda/mark-agenda-item-done';
import { planAgendaItem } from '../../lib/agenda/plan-agenda-item';
import { updateAgendaItem } from '../../lib/agenda/update-agenda-item';
import { NotFoundError } from '../../lib/errors';
import { ANY_USER } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { fileParams, idParams, recordId } from '../../lib/validation/record-id';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { sendStoredFile } from '../send-stored-file';

const doneBody = z.object({ output: z.string({ error: 'Tuliskan hasil (keluaran) kegiatan.' }) });
const cancelBody = z.object({ reason: z.string({ error: 'Tuliskan alasan pembatalan.' }) });
export const AGENDA_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

/** The item's page data without what only the server needs. */
async function detailOf(deps: AppDeps, ctx: AppContext, itemId: number) {
  const detail = await findAgendaItemForActor(deps.db, requireAuth(ctx).actor, itemId);
  return { ...detail, viewer: undefined };
}

/** Activity agenda (kegiatan) of divisions and people: list, add, change, mark done, cancel. */
export function agendaRoutes(deps: AppDeps): RouteDef[] {
  const { db, files, config } = deps;
  /** Those who do not see the item get its 404 before their input is read. */
  const visibleItem = (ctx: AppContext) =>
    findAgendaItemForActor(db, requireAuth(ctx).actor, parseInput(recordId, ctx.params.id));
  return [
    {
      method: 'get',
      path: '/api/v1/agenda',
      access: ANY_USER,
      input: { query: agendaListQuery },
      summary:
        'Activities the caller may see (own, named on, own division; the whole OPD for its head and admin_opd), ?unit=, person=, status=upcoming|today|overdue|done|cancelled, from=, to= (WIB dates), page=.',
      handler: async (ctx) => {
        ctx.body = await listAgendaItems(db, requireAuth(ctx).actor, parseInput(agendaListQuery, ctx.query));
      },
    },
    {
      method: 'post',
      path: '/api/v1/agenda',
      access: ANY_USER,
      input: { body: agendaItemInput },
      summary:
        'Add an activity {title, place?, startsAt, endsAt (ISO with offset), targetOutput?, responsibleId? (default: caller), participantIds?, unit? (default: caller’s division; "" the whole OPD), letter? (letter number)}; its reminders start.',
      handler: async (ctx) => {
        const input = parseInput(agendaItemInput, ctx.request.body);
        const created = await planAgendaItem(deps, requireAuth(ctx).actor, input);
        ctx.status = 201;
        ctx.body = await detailOf(deps, ctx, created.id);
      },
    },
    {
      method: 'get',
      path: '/api/v1/agenda/:id',
      access: ANY_USER,
      input: { params: idParams },
      summary:
        'One activity: dates, place, target output, responsible, participants, linked letter, status, output.',
      handler: async (ctx) => {
        ctx.body = await detailOf(deps, ctx, parseInput(recordId, ctx.params.id));
      },
    },
    {
      method: 'patch',
      path: '/api/v1/agenda/:id',
      access: ANY_USER,
      input: { params: idParams, body: agendaItemPatch },
      summary:
        'Change a planned activity (responsible, creator, head or admin_opd): any of the fields of POST; new dates move its reminders.',
      authorize: visibleItem,
      handler: async (ctx) => {
        const itemId = parseInput(recordId, ctx.params.id);
        const patch = parseInput(agendaItemPatch, ctx.request.body);
        const { changed } = await updateAgendaItem(deps, requireAuth(ctx).actor, itemId, patch);
        ctx.body = { ...(await detailOf(deps, ctx, itemId)), changed };
      },
    },
    {
      method: 'post',
      path: '/api/v1/agenda/:id/done',
      access: ANY_USER,
      input: { params: idParams, body: doneBody },
      summary:
        'Mark a planned activity done with its output: JSON {output}, or a form with output and an optional file (PDF, JPEG, PNG); the reminders stop.',
      upload: {
        field: 'file',
        maxBytes: config.uploadMaxBytes,
        types: [...AGENDA_FILE_TYPES],
        optional: true,
      },
      authorize: visibleItem,
      handler: async (ctx) => {
        const itemId = parseInput(recordId, ctx.params.id);
        const { output } = parseInput(doneBody, ctx.request.body);
        const upload = ctx.state.upload;
        await markAgendaItemDone(deps, requireAuth(ctx).actor, itemId, {
          output,
          files: upload ? [{ bytes: upload.bytes, mime: upload.type, name: upload.originalName }] : [],
        });
        ctx.body = await detailOf(deps, ctx, itemId);
      },
    },
    {
      method: 'post',
      path: '/api/v1/agenda/:id/cancel',
      access: ANY_USER,
      input: { params: idParams, body: cancelBody },
      summary: 'Cancel a planned activity {reason}; the reminders stop. It cannot be reopened.',
      authorize: visibleItem,
      handler: async (ctx) => {
        const itemId = parseInput(recordId, ctx.params.id);
        const { reason } = parseInput(cancelBody, ctx.request.body);
        await cancelAgendaItem(deps, requireAuth(ctx).actor, itemId, reason);
        ctx.body = await detailOf(deps, ctx, itemId);
      },
    },
    {
      method: 'get',
      path: '/api/v1/agenda/:id/files/:fileId',
      access: ANY_USER,
      input: { params: fileParams },
      summary: 'A file reported as an activity’s output, shown inline (to those who see the activity).',
      handler: async (ctx) => {
        const detail = await detailOf(deps, ctx, parseInput(recordId, ctx.params.id));
        const fileId = parseInput(recordId, ctx.params.fileId);
        const attached = detail.files.find((f) => f.fileId === fileId);
        if (!attached) throw new NotFoundError('Berkas tidak ditemukan.');
        await sendStoredFile(ctx, files, fileId, `hasil-kegiatan-${detail.item.id}-${fileId}`);
      },
    },
  ];
}
