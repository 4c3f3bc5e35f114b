/** What other modules mount from here (the opportunity page mounts the approval panel). */
export { ApprovalPanel, type ApprovalPanelProps } from './ApprovalPanel.js';
