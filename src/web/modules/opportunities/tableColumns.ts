/** The table's columns, in the order it shows them. */
export const ALL_COLUMNS = [
  'name',
  'account',
  'stage',
  'status',
  'amount',
  'amountBase',
  'probability',
  'expectedCloseDate',
  'forecastCategory',
  'owner',
  'nextStep',
  'daysInStage',
  'updatedAt',
  'createdAt',
] as const;
export type ColumnKey = (typeof ALL_COLUMNS)[number];
export const columnsStorageKey = (userId: string) => `stride.opportunities.columns.${userId}`;

const DEFAULT_COLUMNS: ColumnKey[] = [
  'name',
  'account',
  'stage',
  'amount',
  'amountBase',
  'probability',
  'expectedCloseDate',
  'owner',
];

const isColumn = (c: string): c is ColumnKey => (ALL_COLUMNS as readonly string[]).includes(c);

function validColumns(list: readonly string[] | null | undefined): ColumnKey[] | null {
  const valid = list?.filter(isColumn);
  return valid?.length ? valid : null;
}

function storedColumns(userId: string): ColumnKey[] | null {
  try {
    return validColumns(JSON.parse(localStorage.getItem(columnsStorageKey(userId)) ?? 'null') as string[] | null);
  } catch {
    return null;
  }
}

/**
 * The columns the table shows, in this order: the URL's `cols` (put there by a saved view, a shared link or the
 * column menu), else this user's last choice in this browser, else the defaults. This is what a saved view keeps.
 */
export function tableColumns(userId: string, fromUrl: string | null | undefined): ColumnKey[] {
  return validColumns(fromUrl?.split(',')) ?? storedColumns(userId) ?? DEFAULT_COLUMNS;
}

/**
 * Shows or hides one column and remembers the choice in this browser; returns the new `cols`, or null when that
 * would leave no column.
 */
export function toggleColumn(userId: string, c: ColumnKey): string | null {
  // start from the address bar, not this render: router updates are transitions, and a second quick click must
  // not undo the first
  const now = tableColumns(userId, new URLSearchParams(window.location.search).get('cols'));
  const next = now.includes(c) ? now.filter((x) => x !== c) : ALL_COLUMNS.filter((x) => x === c || now.includes(x));
  if (next.length === 0) return null;
  // remembered for the next visit, and in the URL so the choice is part of the view (saved views, shared links)
  localStorage.setItem(columnsStorageKey(userId), JSON.stringify(next));
  return next.join(',');
}
