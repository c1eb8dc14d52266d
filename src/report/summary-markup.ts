// What every part of the job summary writes with: the writer it is given, table cells, and escaping.

export type Cell = string | { data: string; header?: boolean };

/** The subset of @actions/core's Summary this module writes to, so tests can pass the real one. */
export interface SummaryWriter {
  addHeading(text: string, level?: number | string): SummaryWriter;
  addRaw(text: string, addEOL?: boolean): SummaryWriter;
  addTable(rows: Cell[][]): SummaryWriter;
  addList(items: string[], ordered?: boolean): SummaryWriter;
}

/** Group names, emails and details come from users and Apple: never let them become markup. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

export const header = (...names: string[]): Cell[] => names.map((data) => ({ data, header: true }));
