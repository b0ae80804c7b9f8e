import type { Knex } from 'knex';
import { appendAudit } from '../audit/append-audit';
import { ValidationError } from '../errors';
import { jakartaYear } from '../incoming/jakarta-year';
import type { NumberPatternsInput } from './opd-input';
import { previewNumberPatterns, type NumberPatternsPreview } from './preview-number-patterns';

/**
 * Replaces an OPD's numbering: its default pattern and the kinds with a pattern of their own (a kind
 * left out, or null, uses the default). Every pattern is checked first; one invalid pattern refuses
 * the whole change with a message per field. The change and its audit row are one transaction.
 */
export async function setOpdNumberPatterns(
  db: Knex,
  input: { actorId: number; opd: { id: number; code: string }; patterns: NumberPatternsInput },
): Promise<NumberPatternsPreview> {
  const { actorId, opd, patterns } = input;
  return db.transaction(async (trx) => {
    const preview = await previewNumberPatterns(trx, opd, patterns, jakartaYear(new Date()));
    if (preview.errors.length) {
      throw new ValidationError(
        `Pola penomoran tidak valid: ${preview.errors.map((e) => e.message).join('; ')}`,
        {
          fields: preview.errors,
        },
      );
    }
    const row = await trx('opd').where({ id: opd.id }).forUpdate().first('number_pattern');
    const before = {
      default: String(row.number_pattern),
      byKind: Object.fromEntries(
        (
          await trx('opd_number_patterns').where({ opd_id: opd.id }).orderBy('kind').select('kind', 'pattern')
        ).map((r) => [r.kind, r.pattern]),
      ),
    };
    const own = preview.byKind.filter((k) => k.own);
    const after = {
      default: patterns.default,
      byKind: Object.fromEntries(own.map((k) => [k.kind, k.pattern])),
    };
    const now = new Date();
    await trx('opd').where({ id: opd.id }).update({ number_pattern: patterns.default, updated_at: now });
    await trx('opd_number_patterns').where({ opd_id: opd.id }).delete();
    if (own.length) {
      await trx('opd_number_patterns').insert(
        own.map((k) => ({ opd_id: opd.id, kind: k.kind, pattern: k.pattern, updated_at: now })),
      );
    }
    await appendAudit(trx, {
      actorId,
      opdId: opd.id,
      action: 'opd.number_patterns',
      entityType: 'opd',
      entityId: opd.id,
      data: { before, after },
    });
    return preview;
  });
}
