import type { Address } from '../../domain/common/fields.js';

export function addressLines(a: Address): string {
  return [a.street, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter(Boolean).join('\n');
}
