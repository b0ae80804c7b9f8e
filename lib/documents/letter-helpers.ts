import Handlebars from 'handlebars';
import { diktumOrdinal } from './diktum-ordinal';
import { formatIndonesianDate } from './format-indonesian-date';
import { formatNip } from './format-nip';

/** Printed where a number or date will come later (numbering happens after verification). */
const NOT_YET = '……';

/**
 * Helpers of the letter templates. Each returns plain text, which Handlebars escapes, except
 * `paragraphs`, which escapes the text itself before adding its own <p> and <br>.
 */
export const letterHelpers: Record<string, Handlebars.HelperDelegate> = {
  formatDate: (iso: string | null | undefined, options: Handlebars.HelperOptions) =>
    iso ? formatIndonesianDate(iso, { weekday: options.hash.weekday === true }) : NOT_YET,
  /** "09:00" → "09.00", the Indonesian way of writing the time. */
  formatTime: (time: string) => time.replace(':', '.'),
  formatNip: (nip: string) => formatNip(nip),
  orDots: (value: string | null | undefined) => value || NOT_YET,
  upper: (text: string) => text.toLocaleUpperCase('id-ID'),
  or: (a: unknown, b: unknown) => a || b,
  withYth: (addressee: string) => (/^yth\.?\s/i.test(addressee) ? addressee : `Yth. ${addressee}`),
  /** "Kepala Dinas Pendidikan" → "Kepala Dinas Pendidikan Kabupaten Kuantan Singingi", as a keputusan is titled. */
  withRegency: (position: string) =>
    /kuantan singingi/i.test(position) ? position : `${position} Kabupaten Kuantan Singingi`,
  /** Takes the 0-based @index of {{#each}}. */
  diktum: (index: number) => diktumOrdinal(index + 1),
  /** Plain text from a textarea: a blank line starts a paragraph, a line break stays a line break. */
  paragraphs: (text: string | null | undefined) =>
    new Handlebars.SafeString(
      (text ?? '')
        .split(/\n\s*\n/)
        .map((block) => block.trim())
        .filter(Boolean)
        .map((block) => `<p>${Handlebars.escapeExpression(block).replace(/\r?\n/g, '<br>')}</p>`)
        .join('\n'),
    ),
};
