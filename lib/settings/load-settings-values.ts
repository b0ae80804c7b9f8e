import type { Knex } from 'knex';
import type { Config } from '../config';
import { decryptSettingSecret } from './decrypt-setting-secret';
import type { SealedSecret } from './encrypt-setting-secret';
import { flattenSettings } from './flatten-settings';
import { readStoredSettings } from './read-stored-settings';
import { settingsSecretKey } from './settings-secret-key';
import { defaultSettingsValues, type SettingsValues } from './settings-values';
import { unflattenSettings } from './unflatten-settings';

/** The one secret setting: stored encrypted, never shown back. */
export const SMTP_PASSWORD_KEY = 'mail.password';

/**
 * The settings in force: configuration with what the superadmin changed laid over it, the SMTP
 * password decrypted. `stored` names the keys that come from the database.
 */
export async function loadSettingsValues(
  db: Knex,
  config: Config,
  options: { fresh?: boolean } = {},
): Promise<{ values: SettingsValues; stored: ReadonlySet<string> }> {
  const defaults = flattenSettings(defaultSettingsValues(config));
  const rows = await readStoredSettings(db, options);
  // Keys this version does not know (a newer one wrote them) are left alone.
  const stored = new Set([...rows.keys()].filter((k) => k in defaults));
  const merged = { ...defaults };
  for (const key of stored) merged[key] = rows.get(key);
  if (stored.has(SMTP_PASSWORD_KEY)) {
    merged[SMTP_PASSWORD_KEY] = await openPassword(config, rows.get(SMTP_PASSWORD_KEY) as SealedSecret);
  }
  return { values: unflattenSettings(merged) as unknown as SettingsValues, stored };
}

/** A password sealed under another CA secret cannot be opened: then there is none, and e-mail login fails visibly. */
async function openPassword(config: Config, sealed: SealedSecret): Promise<string> {
  try {
    const key = await settingsSecretKey(config.pki, { create: false });
    return decryptSettingSecret(key, SMTP_PASSWORD_KEY, sealed);
  } catch {
    return '';
  }
}
