/** An instant as the API shows it: ISO 8601 in UTC. */
export const iso = (d: Date | string): string => new Date(d).toISOString();

/** `iso` for an instant that may be unset. */
export const isoOrNull = (d: Date | string | null): string | null => (d ? iso(d) : null);

/** The fields every stored record carries (domain `recordMeta`), as the API shows them. */
export function recordMetaOf<CreatedBy extends string | null>(r: {
  id: string;
  version: number;
  createdAt: Date | string;
  updatedAt: Date | string;
  createdBy: CreatedBy;
}) {
  return { id: r.id, version: r.version, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), createdBy: r.createdBy };
}
