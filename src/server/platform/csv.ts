import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export type CsvColumn<T> = { header: string; value: (row: T) => string | number | null | undefined };

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with a quote, so an exported
 * company named "=HYPERLINK(…)" stays text when a user opens the file (CSV/formula injection).
 */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // A plain signed number or phone ("+420 603 123 456", "-12.50") is safe and stays as it is.
  if (/^[+-][\d\s().]*$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Streams pages of records as CSV (UTF-8 with BOM so Excel shows Czech characters). */
export function csvStream<T>(pages: AsyncIterable<T[]>, columns: CsvColumn<T>[]): Readable {
  const csv = stringify({ header: true, columns: columns.map((c) => c.header), bom: true });
  (async () => {
    try {
      for await (const page of pages) {
        for (const row of page) {
          if (!csv.write(columns.map((c) => safeCell(c.value(row))))) {
            await new Promise((resolve) => csv.once('drain', resolve));
          }
        }
      }
      csv.end();
    } catch (err) {
      csv.destroy(err as Error);
    }
  })();
  return Readable.from(csv);
}

/** Walks every page of a cursor-paged list. */
export async function* allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ data: T[]; nextCursor: string | null }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}
