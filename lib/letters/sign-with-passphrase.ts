import type { Client } from '@temporalio/client';
import type { Knex } from 'knex';
import type { Config } from '../config';
import { AppError } from '../errors';
import type { FileStore } from '../storage/file-store';
import { queryLetterState, runLetterUpdate } from '../temporal/letter-workflow-client';
import { signUpdate } from '../../workflows/outgoing-letter';
import { REFUSAL, type LetterState } from '../../workflows/outgoing-letter-types';
import { createSigningGrant } from './create-signing-grant';
import { findActingFor } from '../delegation/find-acting-for';

export interface SignWithPassphraseDeps {
  db: Knex;
  files: FileStore;
  config: Config;
  temporal: Client;
}

/**
 * The signer's "Tandatangani": refused before the passphrase is even looked at unless the letter waits
 * for this signer or for the official this signer stands in for as Plt / Plh (the workflow checks the
 * same again); then the passphrase is checked against the
 * signer's certificate and exchanged for a one-time grant, and only the grant id goes to the workflow.
 * A wrong passphrase throws WrongPassphraseError (422) and changes nothing. Shared by the API and the page.
 */
export async function signWithPassphrase(
  deps: SignWithPassphraseDeps,
  input: { letterId: number; actorId: number; passphrase: string },
): Promise<LetterState> {
  const state = await queryLetterState(deps.temporal, input.letterId);
  if (state.status !== 'signing') throw new AppError(409, 'refused', REFUSAL.notSigning);
  const acting =
    state.signerId !== null && state.signerId !== input.actorId
      ? await findActingFor(deps.db, input.actorId, state.signerId)
      : undefined;
  if (state.signerId !== input.actorId && !acting) throw new AppError(409, 'refused', REFUSAL.notSigner);
  // The acting official signs with their own certificate and passphrase.
  const { grantId } = await createSigningGrant(
    { db: deps.db, files: deps.files, pki: deps.config.pki },
    { letterId: input.letterId, signerId: input.actorId, passphrase: input.passphrase },
  );
  return runLetterUpdate(deps.temporal, input.letterId, signUpdate, {
    actorId: input.actorId,
    grantId,
    ...(acting ? { actingFor: acting } : {}),
  });
}
