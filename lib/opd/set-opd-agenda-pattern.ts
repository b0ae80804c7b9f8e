import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import { jakartaYear } from '../incoming/jakarta-year';
import { previewAgendaPattern, type AgendaPatternPreview } from './preview-agenda-pattern';

/**
 * Sets the form of an OPD's agenda numbers, for letters registered from now on (numbers already given
 * stay). An invalid pattern is refused and changes nothing; the change and its audit row are one
 * transaction.
 */
export async function setOpdAgendaPattern(
  db: Knex,
  input: { actorId: number; opd: { id: number; code: string }; pattern: string },
): Promise<AgendaPatternPreview> {
  const { actorId, opd, pattern } = input;
  return db.transaction(async (trx) => {
    const preview = await previewAgendaPattern(trx, opd, pattern, jakartaYear(new Date()));
    if (preview.error) {
      throw new ValidationError(`Pola nomor agenda tidak valid: ${preview.error}`, {
        fields: [{ field: 'pattern', message: preview.error }],
      });
    }
    const row = await trx('opd').where({ id: opd.id }).forUpdate().first('agenda_pattern');
    await trx('opd').where({ id: opd.id }).update({ agenda_pattern: pattern, updated_at: new Date() });
    await appendAudit(trx, {
      actorId,
      opdId: opd.id,
      action: 'opd.agenda_pattern',
      entityType: 'opd',
      entityId: opd.id,
      data: { from: String(row.agenda_pattern), to: pattern },
    });
    return preview;
  });
}
