/**
 * Parses RFC 4180 CSV (what Python's csv module writes): quoted fields may hold commas, doubled
 * quotes and line breaks. Returns the rows as arrays of fields; a trailing line break ends no row.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i += 1;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endRow();
      i += 1;
    } else if (c === '\n') endRow();
    else field += c;
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field (truncated output?)');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** A CSV table: its header row's names and every other row as a record keyed by them. */
export function csvTable(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  const records = rows.map((fields, index) => {
    if (fields.length !== header.length) {
      throw new Error(`CSV row ${index + 2} has ${fields.length} fields, the header ${header.length}`);
    }
    return Object.fromEntries(header.map((name, j) => [name, fields[j] as string]));
  });
  return { header, records };
}
