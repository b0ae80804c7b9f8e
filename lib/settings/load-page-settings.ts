import type { Knex } from 'knex';
import type { Next } from 'koa';
import { isApiRequest, type AppContext } from '../../api/context';
import { readStoredSettings } from './read-stored-settings';
import { DEFAULT_INSTANCE_NAME } from './settings-values';

/**
 * For pages, the instance name the layout shows, from the system settings on every request (they are
 * cached for a moment, so this rarely touches the database).
 */
export function loadPageSettings(db: Knex) {
  return async (ctx: AppContext, next: Next) => {
    if (!isApiRequest(ctx)) {
      const stored = (await readStoredSettings(db)).get('instanceName');
      ctx.state.instanceName = typeof stored === 'string' ? stored : DEFAULT_INSTANCE_NAME;
    }
    await next();
  };
}
