import { requireAuth, type AppContext, type AppDeps } from '../../api/context';
import type { RouteDef } from '../../api/route';
import { formatIndonesianDate } from '../../lib/documents/format-indonesian-date';
import { AppError, ValidationError } from '../../lib/errors';
import { URGENCIES, URGENCY_LABELS } from '../../lib/letters/letter-options';
import { rolesOnly } from '../../lib/rbac/policy';
import { loadSettingsValues } from '../../lib/settings/load-settings-values';
import { parseHolidayLines } from '../../lib/settings/parse-holiday-lines';
import { saveSystemSettings } from '../../lib/settings/save-system-settings';
import { sendTestEmail } from '../../lib/settings/send-test-email';
import { settingsInput } from '../../lib/settings/settings-input';
import { flattenSettings } from '../../lib/settings/flatten-settings';
import { toSettingsView, type SettingsView } from '../../lib/settings/to-settings-view';
import type { Holiday } from '../../lib/settings/settings-values';

const SUPERADMIN = rolesOnly('superadmin');
const PATH = '/admin/pengaturan';
const WEEKDAYS = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const NOTICES: Record<string, string> = {
  disimpan: 'Pengaturan disimpan.',
  'tidak-berubah': 'Tidak ada pengaturan yang berubah.',
  'email-terkirim': 'E-mail uji terkirim ke alamat e-mail akun Anda. Periksa kotak masuknya.',
};
/** Form fields named like the settings' dotted keys, so a validation error lands at its field. */
const TEXT_FIELDS = [
  'instanceName',
  'verificationBaseUrl',
  'mail.host',
  'mail.port',
  'mail.user',
  'mail.from',
  ...URGENCIES.flatMap((u) => [`stepHours.${u}`, `reminderBeforeHours.${u}`]),
  'dispositionReminderBeforeHours',
];

type Form = Record<string, unknown>;
const textOf = (form: Form, name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
const listOf = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** What the form shows: the saved settings, or on a refused save the values just typed. */
interface FormState {
  texts: Record<string, string>;
  secure: boolean;
  clearPassword: boolean;
  workingDays: string[];
  removed: string[];
  holidayLines: string;
}

function stateOf(view: SettingsView): FormState {
  const flat = flattenSettings(view);
  return {
    texts: Object.fromEntries(TEXT_FIELDS.map((f) => [f, String(flat[f])])),
    secure: view.mail.secure,
    clearPassword: false,
    workingDays: view.workingDays.map(String),
    removed: [],
    holidayLines: '',
  };
}

function typedState(form: Form): FormState {
  return {
    texts: Object.fromEntries(TEXT_FIELDS.map((f) => [f, textOf(form, f)])),
    secure: form['mail.secure'] === '1',
    clearPassword: form['mail.clearPassword'] === '1',
    workingDays: listOf(form.workingDays),
    removed: listOf(form.removeHolidays),
    holidayLines: textOf(form, 'holidayLines'),
  };
}

/** The settings change a submitted form asks for: saved holidays minus the ticked ones, plus pasted lines. */
function inputOf(form: Form, state: FormState, saved: Holiday[], added: Holiday[]) {
  const holidays = new Map(saved.filter((h) => !state.removed.includes(h.date)).map((h) => [h.date, h]));
  for (const h of added) holidays.set(h.date, h);
  const t = state.texts;
  return {
    instanceName: t.instanceName,
    verificationBaseUrl: t.verificationBaseUrl,
    mail: {
      host: t['mail.host'],
      port: t['mail.port'],
      secure: state.secure,
      user: t['mail.user'],
      password: textOf(form, 'mail.password'),
      clearPassword: state.clearPassword,
      from: t['mail.from'],
    },
    stepHours: Object.fromEntries(URGENCIES.map((u) => [u, t[`stepHours.${u}`]])),
    reminderBeforeHours: Object.fromEntries(URGENCIES.map((u) => [u, t[`reminderBeforeHours.${u}`]])),
    dispositionReminderBeforeHours: t.dispositionReminderBeforeHours,
    workingDays: state.workingDays,
    holidays: [...holidays.values()],
  };
}

const fieldErrorsOf = (err: ValidationError) =>
  Object.fromEntries(
    ((err.details as { fields?: { field: string; message: string }[] })?.fields ?? []).map((f) => [
      f.field,
      f.message,
    ]),
  );

/** "Pengaturan Sistem": one form for every setting, and the test e-mail. */
export function adminSettingsPages({ db, config, pages }: AppDeps): RouteDef[] {
  async function show(
    ctx: AppContext,
    options: { state?: FormState; errors?: Record<string, string>; error?: string } = {},
  ) {
    const view = toSettingsView((await loadSettingsValues(db, config, { fresh: true })).values);
    const state = options.state ?? stateOf(view);
    const errors = options.errors ?? {};
    const field = (name: string) => ({
      name,
      id: `f-${name.replace(/\./g, '-')}`,
      value: state.texts[name],
      error: errors[name],
    });
    const shownErrors = new Set([...TEXT_FIELDS, 'workingDays', 'holidayLines', 'holidays', 'mail.password']);
    ctx.type = 'html';
    ctx.body = pages.render(ctx, 'admin-settings', {
      title: 'Pengaturan Sistem',
      notice: NOTICES[String(ctx.query.info ?? '')],
      error: options.error,
      otherErrors: Object.entries(errors)
        .filter(([f]) => !shownErrors.has(f))
        .map(([f, message]) => `${f}: ${message}`),
      f: Object.fromEntries(TEXT_FIELDS.map((n) => [n.replace(/\./g, '_'), field(n)])),
      urgencies: URGENCIES.map((u) => ({
        label: URGENCY_LABELS[u],
        step: field(`stepHours.${u}`),
        reminder: field(`reminderBeforeHours.${u}`),
      })),
      secure: state.secure,
      passwordSet: view.mail.passwordSet,
      passwordError: errors['mail.password'],
      clearPassword: state.clearPassword,
      days: WEEKDAYS.map((label, i) => ({
        value: i + 1,
        label,
        checked: state.workingDays.includes(String(i + 1)),
      })),
      workingDaysError: errors.workingDays,
      holidays: view.holidays.map((h) => ({
        ...h,
        label: formatIndonesianDate(h.date, { weekday: true }),
        removed: state.removed.includes(h.date),
      })),
      holidaysError: errors.holidays,
      holidayLines: state.holidayLines,
      holidayLinesError: errors.holidayLines,
    });
  }

  return [
    {
      method: 'get',
      path: PATH,
      access: SUPERADMIN,
      summary:
        'System settings: instance name, verification address, e-mail, deadlines, working days, holidays.',
      handler: (ctx) => show(ctx),
    },
    {
      method: 'post',
      path: PATH,
      access: SUPERADMIN,
      summary:
        'Saves the settings form; a refused one comes back with each field’s problem and nothing saved.',
      handler: async (ctx) => {
        // The body parser nests dotted names ({mail: {host}}); the form's fields are the dotted leaves.
        const form: Form = flattenSettings((ctx.request.body ?? {}) as object);
        const state = typedState(form);
        const lines = parseHolidayLines(state.holidayLines);
        const saved = (await loadSettingsValues(db, config, { fresh: true })).values.holidays;
        const input = inputOf(form, state, saved, lines.holidays);
        try {
          if (lines.errors.length) {
            const others = settingsInput.safeParse(input);
            throw new ValidationError('Data tidak valid.', {
              fields: [
                { field: 'holidayLines', message: lines.errors.join('; ') },
                ...(others.error?.issues ?? []).map((i) => ({ field: i.path.join('.'), message: i.message })),
              ],
            });
          }
          const { changed } = await saveSystemSettings(db, config, requireAuth(ctx).actor.id, input);
          ctx.redirect(`${PATH}?info=${changed.length ? 'disimpan' : 'tidak-berubah'}`);
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          ctx.status = 400;
          await show(ctx, {
            state,
            errors: fieldErrorsOf(err),
            error: 'Pengaturan belum disimpan. Perbaiki isian yang ditandai.',
          });
        }
      },
    },
    {
      method: 'post',
      path: `${PATH}/uji-email`,
      access: SUPERADMIN,
      summary: 'Sends a test e-mail through the saved SMTP settings to the admin’s own address.',
      handler: async (ctx) => {
        try {
          await sendTestEmail(db, config, requireAuth(ctx).actor.id);
          ctx.redirect(`${PATH}?info=email-terkirim`);
        } catch (err) {
          // What the admin can fix is shown on the page; anything else stays an error page.
          if (!(err instanceof AppError) || !(err instanceof ValidationError || err.code === 'mail_failed'))
            throw err;
          ctx.status = err.status;
          await show(ctx, { error: err.message });
        }
      },
    },
  ];
}
