import type { Client, Json } from '../helpers/app.js';

export const DEFAULT_PIPELINE = '01900000-0000-7000-8000-000000000001';
export const STAGES = {
  identification: '01900000-0000-7000-8000-000000000101',
  qualification: '01900000-0000-7000-8000-000000000102',
  needsAnalysis: '01900000-0000-7000-8000-000000000103',
  presentation: '01900000-0000-7000-8000-000000000104',
  quote: '01900000-0000-7000-8000-000000000105',
  negotiation: '01900000-0000-7000-8000-000000000106',
  closure: '01900000-0000-7000-8000-000000000107',
  lost: '01900000-0000-7000-8000-000000000108',
} as const;

let n = 0;

export async function newAccount(api: Client, name = `Account ${++n}`): Promise<Json> {
  const res = await api.post('/api/v1/accounts', { name });
  if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** An opportunity via the API (its own account unless one is given); fails loudly. */
export async function newOpportunity(api: Client, fields: Record<string, unknown> = {}): Promise<Json> {
  const accountId = (fields.accountId as string | undefined) ?? (await newAccount(api)).id;
  const res = await api.post('/api/v1/opportunities', {
    name: `Deal ${++n}`,
    amount: '1000.00',
    currency: 'CZK',
    ...fields,
    accountId,
  });
  if (res.status !== 201) throw new Error(`opportunity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function streamOf(api: Client, resource: string, id: string): Promise<Json[]> {
  return (await api.get(`/api/v1/${resource}/${id}/stream?limit=200`)).body.data;
}

export const CNB_FRIDAY = `27.11.2026 #230
země|měna|množství|kód|kurz
EMU|euro|1|EUR|24,325
Japonsko|jen|100|JPY|13,512
USA|dolar|1|USD|21,874
`;

export const CNB_THURSDAY = `26.11.2026 #229
země|měna|množství|kód|kurz
EMU|euro|1|EUR|24,410
USA|dolar|1|USD|22,003
`;
