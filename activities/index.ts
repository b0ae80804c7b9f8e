// Activities registered on the worker, grouped by concern (letters, documents, delivery, notify, incoming,
// staff sync, certificates, agenda).
import type { AgendaActivities } from '../workflows/agenda-item-types';
import type { CertificateExpiryActivities } from '../workflows/certificate-expiry';
import type { IncomingActivities } from '../workflows/incoming-letter-types';
import type { LetterActivities } from '../workflows/outgoing-letter-types';
import type { StaffSyncActivities } from '../workflows/staff-sync';
import { createAgendaActivities } from './agenda';
import { createCertificateActivities } from './certificates';
import { createDeliveryActivities } from './delivery';
import type { ActivityDeps } from './deps';
import { createDocumentActivities } from './documents';
import { createIncomingActivities } from './incoming';
import { createLetterStepActivities } from './letters';
import { createNotifyActivities } from './notify';
import { createStaffSyncActivities } from './staff-sync';

export type { ActivityDeps } from './deps';

/** Every activity of e-Office's workflows, bound to the worker's dependencies. */
export function createActivities(
  deps: ActivityDeps,
): LetterActivities &
  IncomingActivities &
  StaffSyncActivities &
  CertificateExpiryActivities &
  AgendaActivities {
  return {
    ...createLetterStepActivities(deps),
    ...createDocumentActivities(deps),
    ...createDeliveryActivities(deps),
    ...createNotifyActivities(deps),
    ...createIncomingActivities(deps),
    ...createStaffSyncActivities(deps),
    ...createCertificateActivities(deps),
    ...createAgendaActivities(deps),
  };
}
