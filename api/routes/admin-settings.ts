import { loadSettingsValues } from '../../lib/settings/load-settings-values';
import { saveSystemSettings } from '../../lib/settings/save-system-settings';
import { settingsInput } from '../../lib/settings/settings-input';
import { sendTestEmail } from '../../lib/settings/send-test-email';
import { toSettingsView } from '../../lib/settings/to-settings-view';
import { rolesOnly } from '../../lib/rbac/policy';
import { requireAuth, type AppDeps } from '../context';
import type { RouteDef } from '../route';

const SUPERADMIN = rolesOnly('superadmin');

/** System settings (superadmin only): read, change, and try the e-mail settings. */
export function adminSettingsRoutes({ db, config }: AppDeps): RouteDef[] {
  const current = async () => toSettingsView((await loadSettingsValues(db, config, { fresh: true })).values);
  return [
    {
      method: 'get',
      path: '/api/v1/admin/settings',
      access: SUPERADMIN,
      summary:
        'System settings in force: instance name, verification base URL, SMTP (password only as passwordSet), deadlines and reminders per urgency, working days, holidays.',
      handler: async (ctx) => {
        ctx.body = await current();
      },
    },
    {
      method: 'put',
      path: '/api/v1/admin/settings',
      access: SUPERADMIN,
      input: { body: settingsInput },
      summary:
        'Changes system settings; parts left out are kept, an empty mail.password keeps the stored one, mail.clearPassword removes it. Answers {changed, settings}.',
      handler: async (ctx) => {
        const { changed } = await saveSystemSettings(db, config, requireAuth(ctx).actor.id, ctx.request.body);
        ctx.body = { changed, settings: await current() };
      },
    },
    {
      method: 'post',
      path: '/api/v1/admin/settings/test-email',
      access: SUPERADMIN,
      summary: 'Sends a test e-mail through the saved SMTP settings to the caller’s own address: {to}.',
      handler: async (ctx) => {
        ctx.body = await sendTestEmail(db, config, requireAuth(ctx).actor.id);
      },
    },
  ];
}
