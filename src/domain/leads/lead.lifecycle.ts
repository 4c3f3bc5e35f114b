/**
 * Lead lifecycle (seed 002): new → assigned → in_process → converted | recycled | dead; recycled → in_process on
 * re-contact; dead from new, assigned or in_process. `converted` is reached only through conversion.
 */
export const LEAD_STATUSES = ['new', 'assigned', 'in_process', 'converted', 'recycled', 'dead'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

const TRANSITIONS: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ['assigned', 'dead'],
  assigned: ['in_process', 'dead'],
  in_process: ['converted', 'recycled', 'dead'],
  recycled: ['in_process'],
  converted: [],
  dead: [],
};

export function allowedTransitions(from: LeadStatus): readonly LeadStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: LeadStatus, to: LeadStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Statuses a user sets directly; `converted` needs the conversion, `assigned` follows from an owner. */
export const MANUAL_TARGETS: readonly LeadStatus[] = ['in_process', 'recycled', 'dead'];

export const isClosedLead = (status: LeadStatus) => status === 'converted' || status === 'dead';
