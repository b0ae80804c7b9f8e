import ExcelJS from 'exceljs';
import type { AgendaBook } from './load-agenda-book';

/** The agenda book as an XLSX workbook: a bold header row, sized columns, calendar dates as dates. */
export async function agendaBookXlsx(book: AgendaBook): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'e-Office Kabupaten Kuantan Singingi';
  // Sheet names are limited to 31 characters.
  const sheet = workbook.addWorksheet('Buku Agenda', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = book.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    ...(c.date ? { style: { numFmt: 'dd/mm/yyyy' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of book.rows) {
    sheet.addRow(
      Object.fromEntries(
        book.columns.map((c) => {
          const value = row[c.key];
          // A calendar day, not an instant: midnight UTC keeps the day whatever the reader's zone.
          return [c.key, c.date && value ? new Date(`${value}T00:00:00Z`) : value];
        }),
      ),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
