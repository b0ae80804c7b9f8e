import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { setTimeout as realSleep } from 'node:timers/promises';
import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { NotFoundError } from '../errors';
import type { FileStore } from '../storage/file-store';
import { assertCertificateUsable } from './assert-certificate-usable';
import { DecryptionFailedError, WrongPassphraseError } from './pki-errors';
import { readPkcs12 } from './read-pkcs12';
import { runExclusive } from './run-exclusive';

export interface UnlockSigningKeyDeps {
  db: Knex;
  files: FileStore;
  /** Injected by tests to observe the delays without waiting them out. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

export interface UnlockSigningKeyInput {
  certificateId: number;
  passphrase: string;
  /** Who tried, for the audit entry of a wrong passphrase. */
  actorId?: number | null;
}

export interface UnlockedSigningKey {
  privateKey: KeyObject;
  certificatePem: string;
  /** Leaf first, then the root. */
  chainPem: string[];
}

export const UNLOCK_DELAY_STEP_MS = 500;
export const UNLOCK_DELAY_MAX_MS = 5_000;

/** Attempts on one certificate take turns, so parallel guesses queue behind each other's delays. */
const attempts = new Map<number, Promise<unknown>>();

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

async function attempt(
  deps: UnlockSigningKeyDeps,
  input: UnlockSigningKeyInput,
): Promise<UnlockedSigningKey> {
  const now = deps.now?.() ?? new Date();
  const row = await deps
    .db('certificates')
    .join('users', 'users.id', 'certificates.user_id')
    .where('certificates.id', input.certificateId)
    .first(
      'certificates.id',
      'certificates.status',
      'certificates.not_after',
      'certificates.certificate_pem',
      'certificates.p12_file_id',
      'certificates.unlock_failures',
      'users.opd_id',
    );
  if (!row || row.p12_file_id === null) throw new NotFoundError('Sertifikat tidak ditemukan.');
  assertCertificateUsable(row, now);

  const p12 = await deps.files.read(await deps.files.get(Number(row.p12_file_id)));
  let opened: Awaited<ReturnType<typeof readPkcs12>>;
  try {
    opened = await readPkcs12(p12, input.passphrase);
  } catch (err) {
    if (!(err instanceof DecryptionFailedError)) throw err;
    const failures = await deps.db.transaction(async (trx) => {
      await trx('certificates')
        .where({ id: row.id })
        .update({ unlock_failures: trx.raw('unlock_failures + 1'), last_unlock_failure_at: now });
      const { unlock_failures } = await trx('certificates').where({ id: row.id }).first('unlock_failures');
      await appendAudit(trx, {
        actorId: input.actorId ?? null,
        opdId: row.opd_id === null ? null : Number(row.opd_id),
        action: 'certificate.unlock_failed',
        entityType: 'certificate',
        entityId: Number(row.id),
        data: { failures: Number(unlock_failures) },
      });
      return Number(unlock_failures);
    });
    await (deps.sleep ?? realSleep)(Math.min(failures * UNLOCK_DELAY_STEP_MS, UNLOCK_DELAY_MAX_MS));
    throw new WrongPassphraseError();
  }

  const leaf = new X509Certificate(String(row.certificate_pem));
  if (!spki(createPublicKey(opened.privateKey)).equals(spki(leaf.publicKey))) {
    throw new Error(`certificate ${row.id}: the key in its PKCS#12 belongs to another certificate`);
  }
  if (Number(row.unlock_failures) > 0) {
    await deps
      .db('certificates')
      .where({ id: row.id })
      .update({ unlock_failures: 0, last_unlock_failure_at: null });
  }
  const rest = opened.certificates.filter((der) => !der.equals(leaf.raw));
  return {
    privateKey: opened.privateKey,
    certificatePem: leaf.toString(),
    chainPem: [leaf.toString(), ...rest.map((der) => new X509Certificate(der).toString())],
  };
}

/**
 * Opens an official's signing key with their passphrase, for one signature. Refuses revoked and
 * expired certificates. A wrong passphrase is counted and answered only after a delay that grows with
 * the failures since the last success (0.5 s more each, at most 5 s), and parallel attempts on one
 * certificate queue up, so guessing stays slow; a success resets the count. The passphrase appears in
 * no error, log or row.
 */
export function unlockSigningKey(
  deps: UnlockSigningKeyDeps,
  input: UnlockSigningKeyInput,
): Promise<UnlockedSigningKey> {
  return runExclusive(attempts, input.certificateId, () => attempt(deps, input));
}
