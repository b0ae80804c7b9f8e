import { holidayInput } from './settings-input';
import type { Holiday } from './settings-values';

/**
 * Holidays pasted as lines of "2026-12-25 Hari Raya Natal" (a tab, comma or semicolon also separates);
 * blank lines are skipped. Each bad line is named in `errors`.
 */
export function parseHolidayLines(text: string): { holidays: Holiday[]; errors: string[] } {
  const holidays: Holiday[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const match = /^\s*(\S+)[\s,;]+(.*)$/.exec(line);
    const parsed = holidayInput.safeParse({ date: match?.[1], name: match?.[2] });
    if (parsed.success) holidays.push(parsed.data);
    else
      errors.push(
        `baris ${i + 1}: ${match ? parsed.error.issues[0].message : 'tulis "tttt-bb-hh Nama hari libur"'}`,
      );
  });
  return { holidays, errors };
}
