import type { Client } from '@temporalio/client';
import { createAgendaItem } from '../../lib/agenda/create-agenda-item';
import { createDelegation } from '../../lib/delegation/create-delegation';
import { FileStore } from '../../lib/storage/file-store';
import { actorOf } from './incoming';
import { tinyPdf } from './incoming-api';
import { issueTestCertificate, setupTestCa } from './pki';
import type { TestDatabase } from './test-database';

/** Records of DISKOMINFO's people that a user of another OPD (or another person) must not reach. */
export interface PrivateRecords {
  /** A planned activity of staf1.diskominfo's, with kepala.diskominfo taking part. */
  agendaItemId: number;
  /** A file attached to that activity. */
  agendaFileId: number;
  /** verifikator2.diskominfo to stand in (Plh., from tomorrow) for verifikator1.diskominfo, appointed by admin.diskominfo. */
  delegationId: number;
  /** kepala.diskominfo's signing certificate. */
  certificateId: number;
  /** A notification of staf2.diskominfo's (none of the callers). */
  notificationId: number;
}

/** Agenda reminders are Temporal workflows: a client that accepts the start is enough here. */
const acceptingTemporal = async () => ({ workflow: { start: async () => ({}) } }) as unknown as Client;
const wibDate = (days: number) =>
  new Date(Date.now() + days * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);

/** Creates them through the services that make them in use (the CA and the certificate through pki). */
export async function createPrivateRecords(
  t: TestDatabase,
  user: Record<string, number>,
): Promise<PrivateRecords> {
  const opdId = (await t.db('users').where({ id: user['staf1.diskominfo'] }).first('opd_id')).opd_id;
  const start = new Date(Date.now() + 3 * 86_400_000);
  const { id: agendaItemId } = await createAgendaItem(
    { db: t.db, config: t.config, temporalClient: acceptingTemporal },
    {
      opdId,
      unit: '',
      title: 'Rapat Rahasia Diskominfo',
      place: 'Ruang Rapat',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3_600_000),
      targetOutput: 'Notulen',
      responsibleId: user['staf1.diskominfo'],
      participantIds: [user['kepala.diskominfo']],
      kind: 'event',
      source: 'manual',
      createdBy: user['staf1.diskominfo'],
    },
  );
  const file = await new FileStore(t.db, t.config.filesDir).put(tinyPdf('agenda-rahasia'), {
    mime: 'application/pdf',
    originalName: 'bahan.pdf',
    createdBy: user['staf1.diskominfo'],
  });
  await t
    .db('agenda_output_files')
    .insert({ agenda_item_id: agendaItemId, file_id: file.id, name: 'bahan.pdf' });

  const delegation = await createDelegation(t.db, await actorOf(t.db, 'admin.diskominfo'), {
    principalId: user['verifikator1.diskominfo'],
    actingId: user['verifikator2.diskominfo'],
    kind: 'plh',
    startDate: wibDate(1),
    endDate: wibDate(5),
    reason: 'Dinas luar daerah',
  });

  await setupTestCa(t);
  const certificate = await issueTestCertificate(t, { username: 'kepala.diskominfo' });

  const [notificationId] = await t.db('notifications').insert({
    user_id: user['staf2.diskominfo'],
    kind: 'letter',
    title: 'Pemberitahuan Rahasia Diskominfo',
    link: '/surat',
    created_at: new Date(),
  });
  return {
    agendaItemId,
    agendaFileId: file.id,
    delegationId: Number(delegation.id),
    certificateId: certificate.certificateId,
    notificationId: Number(notificationId),
  };
}
