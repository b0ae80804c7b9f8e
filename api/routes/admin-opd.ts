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
  opdPatchInput,
} from '../../lib/opd/opd-input';
import { setOpdAgendaPattern } from '../../lib/opd/set-opd-agenda-pattern';
import { setOpdHead } from '../../lib/opd/set-opd-head';
import { setOpdNumberPatterns } from '../../lib/opd/set-opd-number-patterns';
import { LOGO_MAX_BYTES, LOGO_TYPES, updateOpdLogo } from '../../lib/opd/update-opd-logo';
import { updateOpdProfile } from '../../lib/opd/update-opd-profile';
import { rolesOnly } from '../../lib/rbac/policy';
import { parseInput } from '../../lib/validation/parse-input';
import { idParams } from '../../lib/validation/record-id';
import { requireAuth, type AppContext, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const ADMINS = rolesOnly('admin_opd');
const PAGE_SIZE = 25;

/**
 * OPD administration (issue 6): superadmins manage every OPD and add new ones; the bagian umum manages
 * their own OPD only (another OPD is a 404). Each change is one transaction with its audit row.
 */
export function adminOpdRoutes({ db, files }: AppDeps): RouteDef[] {
  const managed = (ctx: AppContext) => findOpdForAdmin(db, requireAuth(ctx).actor, ctx.params.id);
  const detail = async (ctx: AppContext) => {
    ctx.body = await loadOpdDetail(db, await managed(ctx));
  };

  return [
    {
      method: 'get',
      path: '/api/v1/admin/opd',
      access: rolesOnly('superadmin'),
      input: { query: opdListQuery },
      summary: 'All OPDs, active or not, by name (?q= searches code and names, &page=).',
      handler: async (ctx) => {
        const { q, page } = parseInput(opdListQuery, ctx.query);
        ctx.body = await listOpds(db, { q, page, pageSize: PAGE_SIZE });
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/opd',
      access: rolesOnly('superadmin'),
      input: { body: newOpdInput },
      summary: 'Adds an OPD {code, name, shortName, address?, phone?, email?, website?}; the code is unique.',
      handler: async (ctx) => {
        const opd = parseInput(newOpdInput, ctx.request.body);
        const { id } = await createOpd(db, { actorId: requireAuth(ctx).actor.id, opd });
        ctx.status = 201;
        ctx.body = await loadOpdDetail(db, await findOpdForAdmin(db, requireAuth(ctx).actor, id));
      },
    },
    {
      method: 'get',
      path: '/api/v1/admin/opd/:id',
      access: ADMINS,
      input: { params: idParams },
      summary: 'One OPD: kop data, logo, head and its people, numbering with examples, agenda register.',
      handler: detail,
    },
    {
      method: 'patch',
      path: '/api/v1/admin/opd/:id',
      access: ADMINS,
      input: { params: idParams, body: opdPatchInput },
      summary:
        'Changes kop data {name, shortName, address, phone, email, website}; `active` is superadmin only.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const patch = parseInput(opdPatchInput, ctx.request.body);
        await updateOpdProfile(db, { actor: requireAuth(ctx).actor, opdId: opd.id, patch });
        await detail(ctx);
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/opd/:id/logo',
      access: ADMINS,
      input: { params: idParams },
      upload: { field: 'logo', maxBytes: LOGO_MAX_BYTES, types: LOGO_TYPES },
      summary: 'Uploads the kop surat logo (multipart field `logo`: PNG or JPEG by content, at most 1 MB).',
      authorize: managed,
      handler: async (ctx) => {
        const opd = await managed(ctx);
        await updateOpdLogo(db, files, {
          actorId: requireAuth(ctx).actor.id,
          opdId: opd.id,
          logo: ctx.state.upload!,
        });
        await detail(ctx);
      },
    },
    {
      method: 'delete',
      path: '/api/v1/admin/opd/:id/logo',
      access: ADMINS,
      input: { params: idParams },
      summary: 'Removes the OPD’s logo: its kop surat shows the regency emblem again.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        await updateOpdLogo(db, files, { actorId: requireAuth(ctx).actor.id, opdId: opd.id, logo: null });
        await detail(ctx);
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/opd/:id/number-patterns',
      access: ADMINS,
      input: { params: idParams, body: numberPatternsInput },
      summary:
        'Replaces the numbering {default, byKind:{kind: pattern|null}}: kinds left out or null use the default.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const patterns = parseInput(numberPatternsInput, ctx.request.body);
        await setOpdNumberPatterns(db, { actorId: requireAuth(ctx).actor.id, opd, patterns });
        await detail(ctx);
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/opd/:id/agenda-pattern',
      access: ADMINS,
      input: { params: idParams, body: agendaPatternInput },
      summary: 'Sets the agenda number pattern {pattern} for incoming letters registered from now on.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const { pattern } = parseInput(agendaPatternInput, ctx.request.body);
        await setOpdAgendaPattern(db, { actorId: requireAuth(ctx).actor.id, opd, pattern });
        await detail(ctx);
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/opd/:id/head',
      access: ADMINS,
      input: { params: idParams, body: opdHeadInput },
      summary: 'Names the head of the OPD {userId} among its active people, or none {userId: null}.',
      handler: async (ctx) => {
        const opd = await managed(ctx);
        const { userId } = parseInput(opdHeadInput, ctx.request.body);
        await setOpdHead(db, { actorId: requireAuth(ctx).actor.id, opdId: opd.id, userId });
        await detail(ctx);
      },
    },
  ];
}
