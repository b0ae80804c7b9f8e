import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { assertMayRegisterPaper } from '../../lib/incoming/assert-may-register-paper';
import { createPaperLetter } from '../../lib/incoming/create-paper-letter';
import { findIncomingForActor } from '../../lib/incoming/find-incoming-for-actor';
import { INCOMING_BOXES, listIncoming } from '../../lib/incoming/list-incoming';
import { dispositionActor } from '../../lib/delegation/disposition-actor';
import { peopleActedFor } from '../../lib/delegation/people-acted-for';
import { listOpenDispositions } from '../../lib/incoming/list-open-dispositions';
import { loadDispositionTree } from '../../lib/incoming/load-disposition-tree';
import { loadIncomingDetail } from '../../lib/incoming/load-incoming-detail';
import { markIncomingRead } from '../../lib/incoming/mark-incoming-read';
import { paperLetterSchema } from '../../lib/incoming/paper-letter-schema';
import { adminFacts, ANY_USER, rolesOnly, type Actor } from '../../lib/rbac/policy';
import {
  runDispositionUpdate,
  registerIncomingLetter,
  runIncomingUpdate,
} from '../../lib/temporal/incoming-workflow-client';
import { parseInput } from '../../lib/validation/parse-input';
import { fileParams, idParams, recordId } from '../../lib/validation/record-id';
import { forwardUpdate } from '../../workflows/disposition';
import { closeIncomingUpdate, disposeUpdate } from '../../workflows/incoming-letter';
import type { IncomingStatus } from '../../workflows/incoming-letter-types';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';
import { sendStoredFile } from '../send-stored-file';
import { disposeSchema, newIds, toDisposeArgs, wibDateTime } from './dispositions';

const STATUSES = ['received', 'registered', 'in_progress', 'closed'] as const satisfies IncomingStatus[];

const listQuery = z.object({
  box: z.enum(INCOMING_BOXES).optional(),
  q: z.string().trim().max(200).optional(),
  status: z.enum(STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** The date the letter physically arrived (a date: 00:00 WIB), not in the future. */
const registerSchema = z.object({
  receivedAt: wibDateTime('00:00:00')
    .refine((d) => d.getTime() <= Date.now() + 60_000, 'tanggal diterima tidak boleh di masa depan')
    .transform((d) => d.toISOString())
    .optional(),
});
const closeSchema = z.object({ note: z.string().trim().max(2000).optional() });

const isAdminOf = (actor: Actor, opdId: number) => actor.roles.includes('admin_opd') && actor.opdId === opdId;
const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

export function incomingRoutes({ db, files, config, temporalClient }: AppDeps): RouteDef[] {
  /** The incoming letter from the path, after checking the caller is involved (else 404). */
  async function involvedLetter(ctx: AppContext) {
    const { actor } = requireAuth(ctx);
    const letter = await findIncomingForActor(db, actor, parseInput(recordId, ctx.params.id));
    return { actor, incomingId: Number(letter.id), opdId: Number(letter.opd_id), letter };
  }
  async function isHead(actor: Actor, opdId: number): Promise<boolean> {
    const opd = await db('opd').where({ id: opdId }).first('head_user_id');
    // The head's Plt / Plh closes as the head.
    return (
      opd?.head_user_id != null && (await peopleActedFor(db, actor.id)).includes(Number(opd.head_user_id))
    );
  }
  const registerArgs = (actor: Actor, receivedAt?: string) => ({
    ...adminFacts(actor),
    ...(receivedAt ? { receivedAt } : {}),
  });
  const registered = (
    incomingId: number,
    state: { status: IncomingStatus; agendaNumber: string | null },
  ) => ({
    id: incomingId,
    agendaNumber: state.agendaNumber,
    status: state.status,
  });

  return [
    {
      method: 'get',
      path: '/api/v1/incoming',
      access: ANY_USER,
      input: { query: listQuery },
      summary:
        'Incoming letters: `box=opd` the OPD’s register (admin_opd), `box=mine` those dispositioned to the caller; `q`, `status`, `page`.',
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        const query = parseInput(listQuery, ctx.query);
        // The bagian umum sees the OPD's register by default; listIncoming refuses it to anyone else.
        const box = query.box ?? (actor.roles.includes('admin_opd') ? 'opd' : 'mine');
        ctx.body = await listIncoming(db, actor, { ...query, box });
      },
    },
    {
      method: 'post',
      path: '/api/v1/incoming',
      access: rolesOnly('admin_opd'),
      input: { body: paperLetterSchema },
      summary:
        'Register a paper letter: multipart with `scan` (PDF, JPEG or PNG) and its metadata; answers its agenda number.',
      upload: { field: 'scan', maxBytes: config.uploadMaxBytes, types: [...SCAN_TYPES] },
      authorize: (ctx) => assertMayRegisterPaper(requireAuth(ctx).actor),
      handler: async (ctx) => {
        const { actor } = requireAuth(ctx);
        assertMayRegisterPaper(actor);
        // Everything is validated before anything is stored.
        const meta = parseInput(paperLetterSchema, ctx.request.body);
        const scan = ctx.state.upload;
        if (!scan) throw new ValidationError('Pilih berkas pindaian surat (kolom "scan").');
        const { incomingId } = await createPaperLetter(db, files, {
          actorId: actor.id,
          opdId: actor.opdId,
          meta,
          scan,
        });
        // The date received is already on the row (createPaperLetter): the register keeps it.
        const state = await registerIncomingLetter(
          await temporalClient(),
          db,
          config,
          { incomingId, opdId: actor.opdId },
          registerArgs(actor),
        );
        ctx.status = 201;
        ctx.body = registered(incomingId, state);
      },
    },
    {
      method: 'get',
      path: '/api/v1/incoming/:id',
      access: ANY_USER,
      input: { params: idParams },
      summary:
        'One incoming letter (to those involved): details, the disposition tree, the caller’s open dispositions and what the caller may do.',
      handler: async (ctx) => {
        const { actor, incomingId, opdId } = await involvedLetter(ctx);
        const admin = isAdminOf(actor, opdId);
        if (admin) await markIncomingRead(db, actor.id, incomingId);
        const [detail, tree, mine] = await Promise.all([
          loadIncomingDetail(db, incomingId),
          loadDispositionTree(db, incomingId),
          listOpenDispositions(db, incomingId, actor.id),
        ]);
        const { status } = detail;
        const live = status === 'registered' || status === 'in_progress';
        const head = await isHead(actor, opdId);
        ctx.body = {
          ...detail,
          dispositions: tree,
          myOpenDispositions: mine.map((m) => Number(m.id)),
          can: {
            register: admin && status === 'received',
            dispose: live && (admin || mine.length > 0),
            close: head && status !== 'closed',
          },
        };
      },
    },
    {
      method: 'get',
      path: '/api/v1/incoming/:id/scan',
      access: ANY_USER,
      input: { params: idParams },
      summary: 'The scan of a paper letter, shown inline (to those involved).',
      handler: async (ctx) => {
        const { letter } = await involvedLetter(ctx);
        if (letter.scan_file_id == null) throw new NotFoundError('Surat masuk ini tidak memiliki pindaian.');
        await sendStoredFile(ctx, files, Number(letter.scan_file_id), `pindaian-surat-${Number(letter.id)}`);
      },
    },
    {
      method: 'get',
      path: '/api/v1/incoming/:id/files/:fileId',
      access: ANY_USER,
      input: { params: fileParams },
      summary: 'A file attached to a follow-up report of the letter, shown inline (to those involved).',
      handler: async (ctx) => {
        const { incomingId } = await involvedLetter(ctx);
        const fileId = parseInput(recordId, ctx.params.fileId);
        const attached = await db('follow_up_files as ff')
          .join('disposition_follow_ups as f', 'f.id', 'ff.follow_up_id')
          .join('dispositions as d', 'd.id', 'f.disposition_id')
          .where({ 'd.incoming_letter_id': incomingId, 'ff.file_id': fileId })
          .first('ff.id');
        if (!attached) throw new NotFoundError('Berkas tidak ditemukan.');
        await sendStoredFile(ctx, files, fileId, `tindak-lanjut-${fileId}`);
      },
    },
    {
      method: 'post',
      path: '/api/v1/incoming/:id/register',
      access: rolesOnly('admin_opd'),
      input: { params: idParams, body: registerSchema },
      summary:
        'The bagian umum registers a delivered letter `{receivedAt?}`: agenda number and date received.',
      handler: async (ctx) => {
        const { actor, incomingId, opdId } = await involvedLetter(ctx);
        const { receivedAt } = parseInput(registerSchema, ctx.request.body);
        const state = await registerIncomingLetter(
          await temporalClient(),
          db,
          config,
          { incomingId, opdId },
          registerArgs(actor, receivedAt),
        );
        ctx.body = registered(incomingId, state);
      },
    },
    {
      method: 'post',
      path: '/api/v1/incoming/:id/dispositions',
      access: ANY_USER,
      input: { params: idParams, body: disposeSchema },
      summary:
        'Disposition the letter `{toUserIds, instruction, note?, dueAt?, dispositionId?}`: the bagian umum from the letter, a receiver by forwarding their own disposition.',
      handler: async (ctx) => {
        const { actor, incomingId } = await involvedLetter(ctx);
        const body = parseInput(disposeSchema, ctx.request.body);
        const args = toDisposeArgs(actor.id, body);
        const client = await temporalClient();
        const open = await listOpenDispositions(db, incomingId, actor.id);
        const openIds = open.map((d) => Number(d.id));
        let from = body.dispositionId;
        if (from !== undefined && !openIds.includes(from)) {
          throw new ValidationError(
            'Disposisi yang diteruskan bukan disposisi terbuka milik Anda pada surat ini.',
          );
        }
        if (from === undefined && openIds.length === 1) from = openIds[0];
        if (from === undefined && openIds.length > 1 && !actor.roles.includes('admin_opd')) {
          throw new ValidationError('Pilih disposisi yang diteruskan (dispositionId).');
        }
        if (from !== undefined) {
          const state = await runDispositionUpdate(client, from, forwardUpdate, {
            ...args,
            ...(await dispositionActor(db, actor.id, from)),
          });
          ctx.status = 201;
          ctx.body = { ids: newIds(state.childIds, args.toUserIds), state };
          return;
        }
        const state = await runIncomingUpdate(client, incomingId, disposeUpdate, {
          ...args,
          ...adminFacts(actor),
        });
        ctx.status = 201;
        ctx.body = { ids: newIds(state.rootDispositionIds, args.toUserIds), state };
      },
    },
    {
      method: 'post',
      path: '/api/v1/incoming/:id/close',
      access: ANY_USER,
      input: { params: idParams, body: closeSchema },
      summary: 'The head of the OPD closes the letter `{note?}`; open dispositions are closed with it.',
      handler: async (ctx) => {
        const { actor, incomingId, opdId } = await involvedLetter(ctx);
        const { note } = parseInput(closeSchema, ctx.request.body);
        ctx.body = await runIncomingUpdate(await temporalClient(), incomingId, closeIncomingUpdate, {
          actorId: actor.id,
          actorIsHead: await isHead(actor, opdId),
          ...(note ? { note } : {}),
        });
      },
    },
  ];
}
