import type { Lang } from './i18n';

export type LayoutChoice = 'auto' | 'tv' | 'led';

/** What the screen's address says: /hall?hall=demo&device=TOKEN&layout=led&size=384x192 … */
export interface ScreenParams {
  hallId: string | null;
  token: string | undefined;
  /** Overrides the hall configuration's layout. */
  layout: LayoutChoice | null;
  /** The LED wall's region of the page, in CSS pixels, from the top-left corner (or x, y). */
  size: { width: number; height: number } | null;
  x: number;
  y: number;
  lang: Lang;
  /** voice=off: this screen stays silent (another screen in the hall speaks). */
  voice: boolean;
}

/** Parses WIDTHxHEIGHT such as 384x192. */
export function parseSize(
  text: string | null | undefined,
): { width: number; height: number } | null {
  const m = /^(\d{2,4})x(\d{2,4})$/.exec(text ?? '');
  if (!m) return null;
  return { width: Number(m[1]), height: Number(m[2]) };
}

const TOKEN_KEY = 'hall-screen:device';

export function readParams(location: Location = window.location): ScreenParams {
  const q = new URLSearchParams(location.search);
  const layout = q.get('layout');
  let token = q.get('device') ?? undefined;
  try {
    // the device token is kept so that the address on the wall need not show it
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else token = localStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    // storage may be off in a locked-down browser
  }
  return {
    hallId: q.get('hall'),
    token,
    layout: layout === 'tv' || layout === 'led' || layout === 'auto' ? layout : null,
    size: parseSize(q.get('size')),
    x: Number(q.get('x') ?? 0) || 0,
    y: Number(q.get('y') ?? 0) || 0,
    lang: q.get('lang') === 'en' ? 'en' : 'zh',
    voice: q.get('voice') !== 'off',
  };
}
