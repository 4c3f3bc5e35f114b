import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** Row types of the tables in migrations/, as Kysely sees them (camelCase via CamelCasePlugin). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  passwordHash: string;
  locale: Generated<string>;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  /** 0011_emails: the signature {{user.signature}} renders to */
  emailSignature: string | null;
}

export interface TeamsTable {
  id: string;
  name: string;
  leadId: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
}

export interface TeamMembersTable {
  teamId: string;
  userId: string;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  csrfToken: string;
  createdAt: CreatedAt;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: CreatedAt;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  createdAt: CreatedAt;
}

export interface IdempotencyKeysTable {
  userId: string;
  key: string;
  method: string;
  path: string;
  statusCode: number | null;
  response: unknown;
  createdAt: CreatedAt;
}

export interface AccountsTable {
  id: string;
  name: string;
  type: string;
  industry: string | null;
  size: number | null;
  website: string | null;
  email: string | null;
  phone: string | null;
  registrationNumber: string | null;
  vatNumber: string | null;
  billingStreet: string | null;
  billingCity: string | null;
  billingPostalCode: string | null;
  billingCountry: string | null;
  parentId: string | null;
  description: string | null;
  ownerId: string;
  searchText: string;
  nameKey: Generated<string>;
  mergedIntoId: Generated<string | null>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface ContactsTable {
  id: string;
  firstName: string | null;
  lastName: string;
  title: string | null;
  emails: JSONColumnType<string[], string, string>;
  phones: JSONColumnType<string[], string, string>;
  accountId: string | null;
  street: string | null;
  city: string | null;
  postalCode: string | null;
  country: string | null;
  notes: string | null;
  ownerId: string;
  searchText: string;
  personKey: Generated<string>;
  surnameKey: Generated<string | null>;
  mergedIntoId: Generated<string | null>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface StreamEntriesTable {
  id: string;
  seq: Generated<number>;
  entityType: string;
  entityId: string;
  type: string;
  actorId: string | null;
  data: JSONColumnType<Record<string, unknown>, string, string>;
  createdAt: CreatedAt;
}

export interface LeadsTable {
  id: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  registrationNumber: string | null;
  city: string | null;
  country: string | null;
  description: string | null;
  source: string;
  campaign: string | null;
  status: Generated<string>;
  statusReason: string | null;
  recontactOn: ColumnType<string | null, string | null | undefined, string | null>;
  ownerId: string | null;
  teamId: string | null;
  budget: Generated<string>;
  authority: Generated<string>;
  need: Generated<string>;
  timeline: Generated<string>;
  companySize: number | null;
  industryFit: number | null;
  engagement: number | null;
  icpFit: number | null;
  score: number | null;
  firstContactDueAt: Timestamp;
  firstContactedAt: Timestamp | null;
  slaNotifiedAt: Timestamp | null;
  convertedAt: Timestamp | null;
  convertedAccountId: string | null;
  convertedContactId: string | null;
  personKey: Generated<string>;
  surnameKey: Generated<string | null>;
  companyKey: Generated<string>;
  mergedIntoId: string | null;
  searchText: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface SettingsTable {
  key: string;
  value: unknown;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface TeamRoundRobinTable {
  teamId: string;
  lastUserId: string | null;
}

export interface FormsTable {
  id: string;
  name: string;
  active: Generated<boolean>;
  fields: JSONColumnType<Array<{ name: string; required: boolean; labels: Record<string, string | undefined> }>, string, string>;
  source: Generated<string>;
  campaign: string | null;
  teamId: string | null;
  thankYouMessage: string | null;
  redirectUrl: string | null;
  allowedOrigins: ColumnType<string[], string[] | undefined, string[]>;
  intakeUserId: string;
  submissionCount: Generated<number>;
  lastSubmissionAt: Timestamp | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  updatedBy: string | null;
  deletedAt: Timestamp | null;
}

export interface FormSubmissionCountersTable {
  formId: string;
  ipHash: string;
  windowStart: Timestamp;
  count: Generated<number>;
}

export interface MailboxesTable {
  id: string;
  name: string;
  host: string;
  port: number;
  tls: string;
  username: string;
  passwordEncrypted: string;
  folder: Generated<string>;
  pollMinutes: Generated<number>;
  teamId: string | null;
  intakeUserId: string;
  active: Generated<boolean>;
  uidValidity: number | null;
  lastUid: Generated<number>;
  lastSyncAt: Timestamp | null;
  lastSuccessAt: Timestamp | null;
  lastError: string | null;
  lastErrorAt: Timestamp | null;
  processedCount: Generated<number>;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface MailboxMessagesTable {
  mailboxId: string;
  uidValidity: number;
  uid: number;
  messageId: string | null;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  error: string | null;
  processedAt: Timestamp;
}

export interface ImportsTable {
  id: string;
  entity: Generated<string>;
  fileName: string;
  fileKind: string;
  filePath: string;
  fileSize: number;
  delimiter: string | null;
  headers: JSONColumnType<string[], string, string>;
  headerKey: string;
  mapping: JSONColumnType<Array<string | null>, string, string>;
  mappingSource: Generated<string>;
  duplicatePolicy: Generated<string>;
  defaults: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<string>;
  totalRows: number;
  processedRows: Generated<number>;
  createdCount: Generated<number>;
  updatedCount: Generated<number>;
  skippedCount: Generated<number>;
  rejectedCount: Generated<number>;
  error: string | null;
  leaseUntil: Timestamp | null;
  startedAt: Timestamp | null;
  finishedAt: Timestamp | null;
  version: Generated<number>;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface ImportRejectedRowsTable {
  importId: string;
  rowNumber: number;
  reason: string;
  cells: JSONColumnType<string[], string, string>;
}

export interface ImportMappingsTable {
  headerKey: string;
  headers: JSONColumnType<string[], string, string>;
  mapping: JSONColumnType<Record<string, string>, string, string>;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface ActivitiesTable {
  id: string;
  type: string;
  subject: string;
  description: string | null;
  status: Generated<string>;
  startsAt: Timestamp | null;
  endsAt: Timestamp | null;
  dueAt: Timestamp | null;
  at: Generated<Date | null>;
  location: string | null;
  videoUrl: string | null;
  outcome: string | null;
  reminderAt: Timestamp | null;
  relatedType: string | null;
  relatedId: string | null;
  ownerId: string;
  completedAt: Timestamp | null;
  searchText: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
  remindedAt: Timestamp | null;
  sendInvitations: Generated<boolean>;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  singletonKey: string | null;
  state: Generated<string>;
  runAt: Timestamp;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedUntil: Timestamp | null;
  lockedBy: string | null;
  lastError: string | null;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  finishedAt: Timestamp | null;
}

export interface ActivityInvitationsTable {
  activityId: string;
  method: string;
  sequence: number;
  recipients: JSONColumnType<Array<{ email: string; name: string | null }>, string, string>;
  sentAt: Timestamp;
}

export interface CalendarFeedTokensTable {
  userId: string;
  tokenHash: string;
  tokenEncrypted: string;
  createdAt: CreatedAt;
}

export interface ActivityParticipantsTable {
  activityId: string;
  participantType: string;
  participantId: string;
}

export interface PipelinesTable {
  id: string;
  name: string;
  isDefault: Generated<boolean>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface PipelineStagesTable {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: string;
  requiresApproval: Generated<boolean>;
  requiresPlanDone: Generated<boolean>;
  checklist: JSONColumnType<string[], string | undefined, string>;
  retiredAt: Timestamp | null;
}

export interface OpportunitiesTable {
  id: string;
  name: string;
  accountId: string;
  primaryContactId: string | null;
  pipelineId: string;
  stageId: string;
  stageEnteredAt: Timestamp;
  /** numeric(14,2): a decimal string, never a float */
  amount: string;
  currency: string;
  probabilityOverride: number | null;
  expectedCloseDate: ColumnType<string | null, string | null | undefined, string | null>;
  ownerId: string;
  forecastCategory: Generated<string>;
  nextStep: string | null;
  description: string | null;
  source: string | null;
  leadId: string | null;
  status: Generated<string>;
  lostReason: string | null;
  closeNote: string | null;
  closedAt: Timestamp | null;
  searchText: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
  /** 0015: management approval and stalled-deal tracking */
  assessment: ColumnType<unknown | null, string | null | undefined, string | null>;
  approvalStatus: Generated<string>;
  approvalRequestedAt: Timestamp | null;
  approvalRequestedBy: string | null;
  approvalDecidedAt: Timestamp | null;
  approvalDecidedBy: string | null;
  approvalComment: string | null;
  onHold: Generated<boolean>;
  stallResetAt: Timestamp | null;
  stallNotifiedAt: Timestamp | null;
  stallEscalatedAt: Timestamp | null;
}

export interface SavedViewsTable {
  id: string;
  ownerId: string;
  name: string;
  resource: string;
  view: string;
  filters: ColumnType<unknown, string, string>;
  columns: ColumnType<unknown, string, string>;
  sort: string | null;
  shared: boolean;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
}

export interface OpportunityContactsTable {
  opportunityId: string;
  contactId: string;
  role: string;
}

export interface OpportunityStageHistoryTable {
  id: string;
  opportunityId: string;
  stageId: string;
  enteredAt: Timestamp;
  leftAt: Timestamp | null;
  enteredBy: string | null;
}

/** 0017: a ticked checklist item of a deal in a stage (matched by the item's text; unticking deletes the row) */
export interface OpportunityChecklistTicksTable {
  opportunityId: string;
  stageId: string;
  item: string;
  tickedBy: string;
  tickedAt: CreatedAt;
}

export interface ExchangeRatesTable {
  id: string;
  currency: string;
  date: ColumnType<string, string, string>;
  /** numeric(20,8): a decimal string */
  rate: string;
  source: Generated<string>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  updatedBy: string | null;
}

export interface NotificationsTable {
  id: string;
  userId: string;
  type: string;
  title: string;
  body: string | null;
  link: string | null;
  entityType: string | null;
  entityId: string | null;
  actorId: string | null;
  dedupeKey: string | null;
  inApp: Generated<boolean>;
  readAt: Timestamp | null;
  emailStatus: string | null;
  emailAttempts: Generated<number>;
  emailNextAt: Timestamp | null;
  emailError: string | null;
  emailedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export interface NotificationPreferencesTable {
  userId: string;
  type: string;
  inApp: boolean;
  email: boolean;
  updatedAt: Timestamp;
}

export interface ActivityPlansTable {
  id: string;
  name: string;
  description: string | null;
  active: Generated<boolean>;
  items: JSONColumnType<unknown[], string, string>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface PlanApplicationsTable {
  id: string;
  planId: string;
  planName: string;
  relatedType: string;
  relatedId: string;
  appliedBy: string | null;
  appliedAt: Timestamp;
}

export interface PlanApplicationItemsTable {
  applicationId: string;
  itemId: string;
  position: number;
  activityId: string;
}

export interface EmailTemplatesTable {
  id: string;
  name: string;
  subject: string;
  body: string;
  format: Generated<string>;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Date | null;
}

export interface EmailsTable {
  id: string;
  relatedType: string;
  relatedId: string;
  ownerId: string;
  fromAddress: string;
  replyTo: string | null;
  toAddresses: JSONColumnType<string[]>;
  ccAddresses: JSONColumnType<string[]>;
  subject: string;
  format: string;
  body: string;
  templateId: string | null;
  messageId: string;
  status: Generated<string>;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastError: string | null;
  lockedUntil: Date | null;
  lockedBy: string | null;
  sentAt: Date | null;
  smtpResponse: string | null;
  activityId: string | null;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
}

export interface EmailAttachmentsTable {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
  path: string;
  emailId: string | null;
  uploadedBy: string;
  createdAt: CreatedAt;
}

export interface AttachmentsTable {
  id: string;
  relatedType: string;
  relatedId: string;
  fileName: string;
  contentType: string;
  kind: string;
  declaredType: string | null;
  size: number;
  sha256: string;
  activeContent: Generated<boolean>;
  storageKey: string;
  version: Generated<number>;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  createdBy: string | null;
  deletedAt: Timestamp | null;
}

export interface DB {
  emailTemplates: EmailTemplatesTable;
  emails: EmailsTable;
  emailAttachments: EmailAttachmentsTable;
  notifications: NotificationsTable;
  notificationPreferences: NotificationPreferencesTable;
  activityPlans: ActivityPlansTable;
  planApplications: PlanApplicationsTable;
  planApplicationItems: PlanApplicationItemsTable;
  pipelines: PipelinesTable;
  pipelineStages: PipelineStagesTable;
  opportunities: OpportunitiesTable;
  opportunityContacts: OpportunityContactsTable;
  opportunityStageHistory: OpportunityStageHistoryTable;
  opportunityChecklistTicks: OpportunityChecklistTicksTable;
  savedViews: SavedViewsTable;
  exchangeRates: ExchangeRatesTable;
  activities: ActivitiesTable;
  activityParticipants: ActivityParticipantsTable;
  jobs: JobsTable;
  activityInvitations: ActivityInvitationsTable;
  calendarFeedTokens: CalendarFeedTokensTable;
  imports: ImportsTable;
  importRejectedRows: ImportRejectedRowsTable;
  importMappings: ImportMappingsTable;
  mailboxes: MailboxesTable;
  mailboxMessages: MailboxMessagesTable;
  forms: FormsTable;
  formSubmissionCounters: FormSubmissionCountersTable;
  leads: LeadsTable;
  settings: SettingsTable;
  teamRoundRobin: TeamRoundRobinTable;
  users: UsersTable;
  teams: TeamsTable;
  teamMembers: TeamMembersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  loginFailures: LoginFailuresTable;
  idempotencyKeys: IdempotencyKeysTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  streamEntries: StreamEntriesTable;
  attachments: AttachmentsTable;
}
