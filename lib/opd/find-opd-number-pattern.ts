import type { Knex } from 'knex';
import { NotFoundError } from '../errors';

export interface OpdNumberPattern {
  opdId: number;
  code: string;
  /** The kind's own pattern when the OPD set one, else the OPD's default pattern. */
  pattern: string;
}

/**
 * The pattern an OPD numbers a kind of letter with. Pass the caller's transaction when the number is
 * registered in it, so the pattern checked is the one in force at that moment.
 */
export async function findOpdNumberPattern(
  db: Knex | Knex.Transaction,
  opdId: number,
  kind: string | undefined,
): Promise<OpdNumberPattern> {
  const opd = await db('opd').where({ id: opdId }).first('id', 'code', 'number_pattern');
  if (!opd) throw new NotFoundError('Perangkat daerah tidak ditemukan.');
  const own = kind
    ? await db('opd_number_patterns').where({ opd_id: opdId, kind }).first('pattern')
    : undefined;
  return {
    opdId: Number(opd.id),
    code: String(opd.code),
    pattern: String(own?.pattern ?? opd.number_pattern),
  };
}
