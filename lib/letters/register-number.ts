import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { parseIsoDate } from '../documents/parse-iso-date';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { REFUSAL } from '../../workflows/outgoing-letter-types';
import { findOpdNumberPattern } from '../opd/find-opd-number-pattern';
import { isUniqueViolation } from './is-unique-violation';
import { numberPattern } from './number-pattern';
import { indexArchiveText } from '../search/index-archive-text';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

export interface RegisterNumberInput {
  letterId: number;
  actorId: number;
  number: string;
  /** yyyy-mm-dd: the letter's date; its year is the register's year. */
  date: string;
}

/**
 * Registers the number the bagian umum typed for a letter: it must match the OPD's pattern for the
 * letter's kind (its own, else the OPD's default), classification and year and be free in the OPD (sequence per year, and the number itself).
 * The register row, the letter's number and date, and the audit row are written in one transaction.
 * Registering the same number for the same letter again (a retry) changes nothing.
 * Throws ValidationError (empty, bad date, mismatch) or ConflictError (taken, already numbered).
 */
export async function registerNumber(db: Knex, input: RegisterNumberInput): Promise<{ sequence: number }> {
  const number = (input.number ?? '').trim();
  if (!number) throw new ValidationError(REFUSAL.emptyNumber);
  const date = parseIsoDate(input.date ?? '');
  if (!date) throw new ValidationError('Tanggal surat harus berupa tanggal yang valid (tttt-bb-hh).');

  try {
    return await transactionRetryingDeadlocks(db, async (trx) => {
      const letter = await trx('letters').where({ id: input.letterId }).forUpdate().first();
      if (!letter) throw new NotFoundError('Surat tidak ditemukan.');
      const opd = await findOpdNumberPattern(trx, Number(letter.opd_id), String(letter.kind));
      const mine = await trx('number_register').where({ letter_id: input.letterId }).first();
      if (mine) {
        if (mine.number === number && letter.number_date === input.date)
          return { sequence: Number(mine.sequence) };
        throw new ConflictError(`Surat ini sudah bernomor ${mine.number}.`);
      }

      const pattern = numberPattern(opd.pattern, {
        classification: String(letter.classification),
        opdCode: opd.code,
        year: date.year,
      });
      const sequence = pattern.sequenceOf(number);
      if (sequence === null) {
        throw new ValidationError(
          `Nomor surat tidak sesuai pola penomoran ${opd.pattern}; contoh yang benar: ${pattern.format(1)}.`,
        );
      }
      const taken = await trx('number_register')
        .where({ opd_id: opd.opdId })
        .andWhere((q) => q.where({ year: date.year, sequence }).orWhere({ number }))
        .first('number', 'year', 'sequence');
      if (taken) throw new ConflictError(takenMessage(taken, number, sequence, date.year));

      const now = new Date();
      await trx('number_register').insert({
        opd_id: opd.opdId,
        year: date.year,
        sequence,
        number,
        letter_id: input.letterId,
        created_by: input.actorId,
        created_at: now,
      });
      await trx('letters')
        .where({ id: input.letterId })
        .update({ number, number_date: input.date, updated_at: now });
      await indexArchiveText(trx, 'keluar', [input.letterId]);
      await appendAudit(trx, {
        actorId: input.actorId,
        opdId: opd.opdId,
        // The letter's own 'letter.number' row comes from recordProgress; this one is the register's.
        action: 'number.register',
        entityType: 'opd',
        entityId: opd.opdId,
        data: { letterId: input.letterId, number, date: input.date, sequence },
      });
      return { sequence };
    });
  } catch (error) {
    // Two admins typing the same number at once: the unique keys decide.
    if (isUniqueViolation(error)) {
      throw new ConflictError(
        `Nomor ${number} atau nomor urutnya sudah dipakai surat lain. Periksa kembali.`,
      );
    }
    throw error;
  }
}

function takenMessage(
  taken: { number: string; year: number; sequence: number },
  number: string,
  sequence: number,
  year: number,
): string {
  if (taken.number === number) return `Nomor ${number} sudah terdaftar untuk surat lain.`;
  return `Nomor urut ${sequence} tahun ${year} sudah dipakai (nomor ${taken.number}). Gunakan nomor urut berikutnya yang belum dipakai.`;
}
