import type { AdminTab } from './admin-i18n';

/** What a supervisor may change (the rest is read-only for them); admins change everything. */
export const SUPERVISOR_SECTIONS = ['schedule', 'limits', 'notices'] as const;

export const ADMIN_TABS: AdminTab[] = [
  'hall',
  'services',
  'windows',
  'staff',
  'devices',
  'hours',
  'rules',
  'screen',
  'audit',
];
export const SUPERVISOR_TABS: AdminTab[] = ['hours', 'rules', 'screen'];
