// Activities registered on the worker, grouped by concern (letters, documents, delivery, notify, incoming).
import type { IncomingActivities } from '../workflows/incoming-letter-types';
import type { LetterActivities } from '../workflows/outgoing-letter-types';
import { createDeliveryActivities } from './delivery';
import type { ActivityDeps } from './deps';
import { createDocumentActivities } from './documents';
import { createIncomingActivities } from './incoming';
import { createLetterStepActivities } from './letters';
import { createNotifyActivities } from './notify';

export type { ActivityDeps } from './deps';

/** Every activity of the outgoing- and incoming-letter workflows, bound to the worker's dependencies. */
export function createActivities(deps: ActivityDeps): LetterActivities & IncomingActivities {
  return {
    ...createLetterStepActivities(deps),
    ...createDocumentActivities(deps),
    ...createDeliveryActivities(deps),
    ...createNotifyActivities(deps),
    ...createIncomingActivities(deps),
  };
}
