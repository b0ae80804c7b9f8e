import { isDeepStrictEqual } from 'node:util';
import type { Knex } from 'knex';
import { z } from 'zod';
import { appendAudit } from '../audit/append-audit';
import type { Config } from '../config';
import { URGENCIES, URGENCY_LABELS } from '../letters/letter-options';
import { parseInput } from '../validation/parse-input';
import { encryptSettingSecret } from './encrypt-setting-secret';
import { flattenSettings } from './flatten-settings';
import { loadSettingsValues, SMTP_PASSWORD_KEY } from './load-settings-values';
import { readStoredSettings } from './read-stored-settings';
import { settingsInput, type SettingsInput } from './settings-input';
import { settingsSecretKey } from './settings-secret-key';
import { defaultSettingsValues, type SettingsValues } from './settings-values';

function applyInput(current: SettingsValues, input: SettingsInput): SettingsValues {
  const mail = input.mail ?? {};
  return {
    instanceName: input.instanceName ?? current.instanceName,
    verificationBaseUrl: input.verificationBaseUrl ?? current.verificationBaseUrl,
    mail: {
      host: mail.host ?? current.mail.host,
      port: mail.port ?? current.mail.port,
      secure: mail.secure ?? current.mail.secure,
      user: mail.user ?? current.mail.user,
      // Write-only: an empty field keeps the stored password.
      password: mail.password ? mail.password : mail.clearPassword ? '' : current.mail.password,
      from: mail.from ?? current.mail.from,
    },
    stepHours: { ...current.stepHours, ...input.stepHours },
    reminderBeforeHours: { ...current.reminderBeforeHours, ...input.reminderBeforeHours },
    dispositionReminderBeforeHours:
      input.dispositionReminderBeforeHours ?? current.dispositionReminderBeforeHours,
    workingDays: [...(input.workingDays ?? current.workingDays)].sort((a, b) => a - b),
    holidays: [...(input.holidays ?? current.holidays)].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** A reminder at or before the start of a step would never be sent. */
const consistent = z.custom<SettingsValues>().superRefine((next, ctx) => {
  for (const u of URGENCIES) {
    if (next.reminderBeforeHours[u] >= next.stepHours[u]) {
      ctx.addIssue({
        code: 'custom',
        path: ['reminderBeforeHours', u],
        message: `harus lebih kecil dari batas waktu langkah ${URGENCY_LABELS[u]} (${next.stepHours[u]} jam)`,
      });
    }
  }
});

async function writeSetting(trx: Knex.Transaction, key: string, value: unknown, actorId: number) {
  const row = { value: JSON.stringify(value), updated_by: actorId, updated_at: new Date() };
  const updated = await trx('system_settings').where({ key }).update(row);
  if (!updated) await trx('system_settings').insert({ key, ...row });
}

/**
 * Validates a change of the system settings and stores it with one audit row naming the keys that
 * changed (never a value of the SMTP password); nothing is stored if any part is invalid. A setting
 * set back to its configured value loses its row, so the table holds only what differs.
 */
export async function saveSystemSettings(
  db: Knex,
  config: Config,
  actorId: number,
  raw: unknown,
): Promise<{ changed: string[] }> {
  const input = parseInput(settingsInput, raw);
  const { values: current } = await loadSettingsValues(db, config, { fresh: true });
  const next = applyInput(current, input);
  parseInput(consistent, next);
  const before = flattenSettings(current);
  const after = flattenSettings(next);
  const defaults = flattenSettings(defaultSettingsValues(config));
  const changed = Object.keys(after).filter((k) => !isDeepStrictEqual(before[k], after[k]));
  if (!changed.length) return { changed };
  const sealing = changed.includes(SMTP_PASSWORD_KEY)
    ? await settingsSecretKey(config.pki, { create: true })
    : undefined;
  await db.transaction(async (trx) => {
    for (const key of changed) {
      if (isDeepStrictEqual(after[key], defaults[key])) {
        await trx('system_settings').where({ key }).delete();
      } else {
        const value =
          key === SMTP_PASSWORD_KEY ? encryptSettingSecret(sealing!, key, String(after[key])) : after[key];
        await writeSetting(trx, key, value, actorId);
      }
    }
    await appendAudit(trx, {
      actorId,
      action: 'settings.update',
      entityType: 'system_settings',
      data: { changed },
    });
  });
  await readStoredSettings(db, { fresh: true });
  return { changed };
}
