export { Bridge, selectorFor, type BridgeOptions } from './bridge.js';
export {
  BridgeConfigSchema,
  ConfigError,
  loadConfig,
  parseConfig,
  type BridgeConfig,
} from './config.js';
export {
  DeviceLink,
  describeDevice,
  explainHidLoadError,
  findDevices,
  HidLibraryError,
  loadNodeHid,
  type DeviceInfo,
  type DeviceSelector,
  type HidDevice,
  type HidDeviceOpener,
} from './hid.js';
export { draftProfile, formatReportLine, Recording, recordingReports } from './learn.js';
export { Outbox, type QueuedRating, type RatingSender, type SendResult } from './outbox.js';
export { fromHex, PressDecoder, toHex, type DecoderEvent, type IgnoreReason } from './parse.js';
export {
  listBuiltinProfiles,
  loadBuiltinProfiles,
  loadProfile,
  parseProfile,
  ProfileError,
  type Profile,
} from './profile.js';
export { PromptState } from './prompt-state.js';
export { connectRealtime, type RealtimeLink } from './realtime.js';
export { describeScore, Score, scoreNames } from './score.js';
export { createHttpSender, ratingsUrl } from './server-api.js';
