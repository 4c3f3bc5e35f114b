/** What other modules mount from here (the opportunity page mounts the approval panel). */
export { ApprovalPanel, type ApprovalPanelProps } from './ApprovalPanel.js';
export { HandoverButton } from './HandoverModal.js';
export { SavedViewsMenu, type ViewSettings } from './SavedViewsMenu.js';
export { ResolveModal as StallResolveModal } from './StalledDealsPage.js';
export { StallRulesCard } from './StallRulesCard.js';
