import type { TicketStatus } from '@hall/protocol';
import type { ActionId } from './action-pad';

/**
 * The keys of every action: function keys (as on most counter keypads), a letter
 * for each, and the numeric keypad. F5 is left to the browser (reload).
 */
export const shortcutKeys: Record<ActionId, string[]> = {
  callNext: ['F1', 'C', 'Num +'],
  recall: ['F2', 'R', 'Num *'],
  start: ['F3', 'S', 'Num Enter'],
  finish: ['F4', 'F', 'Num Enter'],
  noShow: ['F6', 'N', 'Num -'],
  transfer: ['F7', 'T'],
  pause: ['F8', 'P'],
  resume: ['F9', 'U', 'Num /'],
  choose: ['F10', 'Z'],
  requeue: ['Q'],
  signOut: ['Alt+X'],
};

const byCode: Record<string, ActionId> = {
  F1: 'callNext',
  F2: 'recall',
  F3: 'start',
  F4: 'finish',
  F6: 'noShow',
  F7: 'transfer',
  F8: 'pause',
  F9: 'resume',
  F10: 'choose',
  KeyC: 'callNext',
  KeyR: 'recall',
  KeyS: 'start',
  KeyF: 'finish',
  KeyN: 'noShow',
  KeyT: 'transfer',
  KeyP: 'pause',
  KeyU: 'resume',
  KeyZ: 'choose',
  KeyQ: 'requeue',
  NumpadAdd: 'callNext',
  NumpadMultiply: 'recall',
  NumpadSubtract: 'noShow',
  NumpadDivide: 'resume',
};

/** The action a key press stands for; Num Enter starts a called ticket and finishes one in service. */
export function actionForKey(e: KeyboardEvent, current: TicketStatus | null): ActionId | null {
  if (e.altKey && e.code === 'KeyX') return 'signOut';
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.code === 'NumpadEnter') return current === 'serving' ? 'finish' : 'start';
  return byCode[e.code] ?? null;
}
