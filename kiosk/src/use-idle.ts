import { useEffect, useRef } from 'react';

/**
 * Calls `onIdle` after `seconds` without a touch, a click or a key while `active`,
 * so that a kiosk left half-way always goes back to its start screen.
 */
export function useIdle(active: boolean, seconds: number, onIdle: () => void): void {
  const callback = useRef(onIdle);
  callback.current = onIdle;
  useEffect(() => {
    if (!active) return undefined;
    let timer = setTimeout(() => callback.current(), seconds * 1000);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(() => callback.current(), seconds * 1000);
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, touched);
    };
  }, [active, seconds]);
}
