import { formatPhone } from '../../../domain/common/phone.js';
import type { Lead } from '../../../domain/leads/lead.schema.js';
import { textOrNull } from '../../ui/forms.js';

/** The lead form edits flat strings; BANT and score factors have their own panels on the detail page. */
export type LeadFormValues = {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  email: string;
  phone: string;
  website: string;
  registrationNumber: string;
  city: string;
  country: string;
  source: string;
  campaign: string;
  ownerId: string;
  teamId: string;
  description: string;
};

export function emptyLeadValues(defaults: Partial<LeadFormValues> = {}): LeadFormValues {
  return {
    firstName: '',
    lastName: '',
    company: '',
    title: '',
    email: '',
    phone: '',
    website: '',
    registrationNumber: '',
    city: '',
    country: '',
    source: 'other',
    campaign: '',
    ownerId: '',
    teamId: '',
    description: '',
    ...defaults,
  };
}

export function leadToValues(l: Lead): LeadFormValues {
  return {
    firstName: l.firstName ?? '',
    lastName: l.lastName ?? '',
    company: l.company ?? '',
    title: l.title ?? '',
    email: l.email ?? '',
    phone: l.phone ? formatPhone(l.phone) : '',
    website: l.website ?? '',
    registrationNumber: l.registrationNumber ?? '',
    city: l.city ?? '',
    country: l.country ?? '',
    source: l.source,
    campaign: l.campaign ?? '',
    ownerId: l.ownerId ?? '',
    teamId: l.teamId ?? '',
    description: l.description ?? '',
  };
}

function fieldToInput(key: keyof LeadFormValues, v: LeadFormValues): unknown {
  switch (key) {
    case 'source':
      return v.source;
    case 'ownerId':
    case 'teamId':
      return v[key] || null;
    case 'country':
      return textOrNull(v.country)?.toUpperCase() ?? null;
    default:
      return textOrNull(v[key]);
  }
}

export function leadCreatePayload(v: LeadFormValues): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(v) as Array<keyof LeadFormValues>) {
    const value = fieldToInput(key, v);
    if (value !== null && value !== undefined) input[key] = value;
  }
  return input;
}

export function leadPatch(changed: Array<keyof LeadFormValues>, v: LeadFormValues): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const key of changed) patch[key] = fieldToInput(key, v);
  return patch;
}
