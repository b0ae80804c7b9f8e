import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { startLetterWorkflow } from '../temporal/letter-workflow-client';
import type { LetterContent } from '../../workflows/outgoing-letter-types';
import { createLetter } from './create-letter';

/** A new draft in the database, then its workflow `letter-<id>`: what "Buat Surat" does, by page or API. */
export async function startNewLetter(
  deps: { db: Knex; config: Config; temporal: Client },
  drafterId: number,
  content: LetterContent,
): Promise<{ letterId: number; versionNo: number }> {
  const { letterId, versionNo } = await createLetter(deps.db, { drafterId, content });
  const letter = await deps.db('letters').where({ id: letterId }).first('opd_id');
  await startLetterWorkflow(deps.temporal, deps.db, deps.config, {
    letterId,
    drafterId,
    opdId: Number(letter.opd_id),
    versionNo,
    urgency: content.urgency,
  });
  return { letterId, versionNo };
}
