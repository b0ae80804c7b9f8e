import type { Knex } from 'knex';

/** Narrows a query on `delegations` to those in force at `at`: started, not over, not ended early. */
export function inForce(q: Knex.QueryBuilder, at: Date): Knex.QueryBuilder {
  return q
    .where('delegations.starts_at', '<=', at)
    .where('delegations.ends_at', '>', at)
    .whereNull('delegations.ended_at');
}
