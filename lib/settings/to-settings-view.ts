import type { SettingsValues } from './settings-values';

export type SettingsView = Omit<SettingsValues, 'mail'> & {
  mail: Omit<SettingsValues['mail'], 'password'> & { passwordSet: boolean };
};

/** The settings as shown to the superadmin: the SMTP password only as "set or not". */
export function toSettingsView(values: SettingsValues): SettingsView {
  const { password, ...mail } = values.mail;
  return { ...values, mail: { ...mail, passwordSet: password !== '' } };
}
