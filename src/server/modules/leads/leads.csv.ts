import type { Lead } from '../../../domain/leads/lead.schema.js';
import type { CsvColumn } from '../../platform/csv.js';

export const LEAD_CSV_COLUMNS: CsvColumn<Lead>[] = [
  { header: 'id', value: (l) => l.id },
  { header: 'firstName', value: (l) => l.firstName },
  { header: 'lastName', value: (l) => l.lastName },
  { header: 'company', value: (l) => l.company },
  { header: 'email', value: (l) => l.email },
  { header: 'phone', value: (l) => l.phone },
  { header: 'status', value: (l) => l.status },
  { header: 'source', value: (l) => l.source },
  { header: 'campaign', value: (l) => l.campaign },
  { header: 'score', value: (l) => l.score },
  { header: 'owner', value: (l) => l.owner?.name },
  { header: 'firstContactDueAt', value: (l) => l.firstContactDueAt },
  { header: 'slaBreached', value: (l) => (l.slaBreached ? 'yes' : 'no') },
  { header: 'createdAt', value: (l) => l.createdAt },
];
