import { Model, snakeCaseMappers, type Pojo } from 'objection';
import { toDate } from '../db/to-date';

/** camelCase in code, snake_case in the database; datetimes and booleans read the same on both engines. */
export class BaseModel extends Model {
  static dateColumns: string[] = [];
  static booleanColumns: string[] = [];

  static get columnNameMappers() {
    return snakeCaseMappers();
  }

  $parseDatabaseJson(json: Pojo): Pojo {
    const parsed = super.$parseDatabaseJson(json);
    const ctor = this.constructor as typeof BaseModel;
    for (const c of ctor.dateColumns) if (c in parsed) parsed[c] = toDate(parsed[c]);
    for (const c of ctor.booleanColumns) if (c in parsed) parsed[c] = Boolean(parsed[c]);
    return parsed;
  }
}
