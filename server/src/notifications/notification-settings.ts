// The hall file's `notifications:` section is part of the hall file's schema (protocol).
export { NotificationSettings } from '@hall/protocol';
