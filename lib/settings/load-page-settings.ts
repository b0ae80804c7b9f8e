import type { Knex } from 'knex';
import type { Next } from 'koa';
import { isApiRequest, type AppContext } from '../../api/context';
import { readStoredSettings } from './read-stored-settings';

/**
 * For pages, the instance name the layout shows, from the system settings on every request (they are
 * cached for a moment, so this rarely touches the database).
 */
export function loadPageSettings(db: Knex) {
  return async (ctx: AppContext, next: Next) => {
    if (!isApiRequest(ctx)) {
      const stored = (await readStoredSettings(db)).get('instanceName');
      // Unset: the renderer's own name (the configured default) stays.
      if (typeof stored === 'string') ctx.state.instanceName = stored;
    }
    await next();
  };
}
