import { useCheckInTexts } from './check-in-i18n';

/**
 * A large on-screen keypad (a kiosk has no keyboard). `phone`: 1–9, then 清除 0 退格 as on a
 * telephone; `code`: the appointment code's digits and letters in order, then 清除 and 退格.
 * Each key's accessible name is the character itself.
 */
export function Keypad({
  layout,
  onKey,
  onClear,
  onBackspace,
}: {
  layout: 'phone' | 'code';
  onKey: (key: string) => void;
  onClear: () => void;
  onBackspace: () => void;
}) {
  const t = useCheckInTexts();
  const key = (k: string) => (
    <button key={k} type="button" className="key" onClick={() => onKey(k)}>
      {k}
    </button>
  );
  const clear = (
    <button key="clear" type="button" className="key key-word" onClick={onClear}>
      {t.clear}
    </button>
  );
  const back = (
    <button key="back" type="button" className="key key-word" onClick={onBackspace}>
      {t.backspace}
    </button>
  );
  return (
    <div className={`keypad big-keypad keypad-${layout}`}>
      {layout === 'phone'
        ? [...PHONE_KEYS.map(key), clear, key('0'), back]
        : [...CODE_KEYS.map(key), clear, back]}
    </div>
  );
}

const PHONE_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The characters of an appointment code: digits 2–9 and letters without I, L, O. */
const CODE_KEYS = [...'23456789ABCDEFGHJKMNPQRSTUVWXYZ'];

/** The length of an appointment code and of a mainland mobile number. */
export const CODE_LENGTH = 8;
export const PHONE_LENGTH = 11;
