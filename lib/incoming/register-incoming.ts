import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { toDate } from '../db/to-date';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import { isUniqueViolation } from '../letters/is-unique-violation';
import { agendaNumberPattern } from '../opd/agenda-number-pattern';
import { nextAgendaSequence } from '../opd/next-agenda-sequence';
import { INCOMING_REFUSAL } from '../../workflows/incoming-letter-types';
import { jakartaYear } from './jakarta-year';
import { indexArchiveText } from '../search/index-archive-text';
import { transactionRetryingDeadlocks } from '../db/transaction-retrying-deadlocks';

export interface RegisterIncomingInput {
  incomingId: number;
  actorId: number;
  /** ISO timestamp (or yyyy-mm-dd) the letter physically arrived. */
  receivedAt?: string;
}

/** Concurrent registrations in one OPD clash on (opd, year, sequence); each clash retries with the next. */
const MAX_ATTEMPTS = 20;

/**
 * Registers an incoming letter in its OPD's agenda: the next sequence of the OPD for the year (in WIB)
 * of the date received, formatted with the OPD's agenda pattern (by default `0001/2026`), the date received (the one given, else the one recorded
 * on arrival, else now), status 'registered' and the audit row, in one transaction. A letter that has
 * a number keeps it: a retry returns it unchanged.
 */
export async function registerIncoming(
  db: Knex,
  input: RegisterIncomingInput,
): Promise<{ agendaNumber: string }> {
  const given = input.receivedAt === undefined ? null : new Date(input.receivedAt);
  if (given && Number.isNaN(given.getTime())) throw new ValidationError('Tanggal diterima tidak valid.');
  for (let attempt = 1; ; attempt++) {
    try {
      return await registerOnce(db, input, given);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

async function registerOnce(
  db: Knex,
  input: RegisterIncomingInput,
  given: Date | null,
): Promise<{ agendaNumber: string }> {
  return transactionRetryingDeadlocks(db, async (trx) => {
    const row = await trx('incoming_letters').where({ id: input.incomingId }).forUpdate().first();
    if (!row) throw new NotFoundError('Surat masuk tidak ditemukan.');
    if (row.agenda_number) return { agendaNumber: String(row.agenda_number) };
    if (row.status === 'closed') throw new ConflictError(INCOMING_REFUSAL.closed);
    const receivedAt = given ?? toDate(row.received_at) ?? new Date();
    const year = jakartaYear(receivedAt);
    const sequence = await nextAgendaSequence(trx, Number(row.opd_id), year);
    const opd = await trx('opd').where({ id: row.opd_id }).first('code', 'agenda_pattern');
    const agendaNumber = agendaNumberPattern(String(opd.agenda_pattern), String(opd.code), year).format(
      sequence,
    );
    await trx('incoming_letters').where({ id: input.incomingId }).update({
      agenda_year: year,
      agenda_seq: sequence,
      agenda_number: agendaNumber,
      received_at: receivedAt,
      registered_by: input.actorId,
      status: 'registered',
      updated_at: new Date(),
    });
    await indexArchiveText(trx, 'masuk', [input.incomingId]);
    await appendAudit(trx, {
      actorId: input.actorId,
      opdId: Number(row.opd_id),
      action: 'incoming.register',
      entityType: 'incoming_letter',
      entityId: input.incomingId,
      data: { agendaNumber, receivedAt: receivedAt.toISOString() },
    });
    return { agendaNumber };
  });
}
