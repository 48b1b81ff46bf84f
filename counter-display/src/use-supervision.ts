import type { Alert, HallEvent, SupervisionView } from '@hall/protocol';
import { useCallback, useEffect, useRef, useState } from 'react';
import { alertsApi } from './alerts-api';
import { ApiFailure } from './api';
import type { Lang } from './i18n';

const SOUND_KEY = 'hall.supervisor.alertSound';

/** A short two-tone chime through Web Audio (no sound file to ship or fetch). */
function chime(): void {
  try {
    const AudioCtx =
      window.AudioContext ??
      (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!AudioCtx) return;
    const ctx = new AudioCtx();
    [880, 660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(ctx.destination);
      const at = ctx.currentTime + i * 0.25;
      osc.start(at);
      osc.stop(at + 0.2);
    });
    setTimeout(() => void ctx.close(), 1200);
  } catch {
    // no audio on this PC: the red card on screen still shows
  }
}

/**
 * The board's alerts (open ones and today's) and timers: read at start, read again (batched)
 * after the events that change them; a new red alert plays a chime unless switched off.
 */
export function useSupervision(o: {
  hallId: string;
  token: string;
  lang: Lang;
  day: string;
  onEvent: (listener: (event: HallEvent) => void) => () => void;
  onUnauthorized: () => void;
}) {
  const { hallId, token, lang, day, onEvent, onUnauthorized } = o;
  const [view, setView] = useState<SupervisionView | null>(null);
  // the server's clock minus this PC's: timers count from the server's times
  const [skew, setSkew] = useState(0);
  const [open, setOpen] = useState<Alert[]>([]);
  const [today, setToday] = useState<Alert[]>([]);
  const [sound, setSoundState] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  const soundRef = useRef(sound);
  soundRef.current = sound;

  const guard = useCallback(
    async (work: () => Promise<void>) => {
      try {
        await work();
      } catch (err) {
        if (err instanceof ApiFailure && err.status === 401) onUnauthorized();
      }
    },
    [onUnauthorized],
  );
  const loadAlerts = useCallback(
    () =>
      guard(async () => {
        const [o1, o2] = await Promise.all([
          alertsApi.open(hallId, token, lang),
          alertsApi.ofDay(hallId, day, token, lang),
        ]);
        setOpen(o1);
        setToday(o2);
      }),
    [guard, hallId, token, lang, day],
  );
  const loadView = useCallback(
    () =>
      guard(async () => {
        const next = await alertsApi.supervision(hallId, token, lang);
        setSkew(Date.parse(next.now) - Date.now());
        setView(next);
      }),
    [guard, hallId, token, lang],
  );
  useEffect(() => {
    void loadAlerts();
    void loadView();
  }, [loadAlerts, loadView]);

  useEffect(() => {
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const later = (key: string, load: () => Promise<void>) => {
      if (timers.has(key)) return;
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          void load();
        }, 250),
      );
    };
    const off = onEvent((event) => {
      if (event.type.startsWith('alert.')) {
        later('alerts', loadAlerts);
        later('view', loadView);
        const red =
          (event.type === 'alert.raised' && event.data.level === 'red') ||
          event.type === 'alert.escalated';
        if (red && soundRef.current) chime();
      } else if (
        event.type.startsWith('ticket.') ||
        event.type.startsWith('window.') ||
        event.type === 'day.rolled_over'
      ) {
        later('view', loadView);
      }
    });
    return () => {
      off();
      for (const timer of timers.values()) clearTimeout(timer);
    };
  }, [onEvent, loadAlerts, loadView]);

  const ack = useCallback(
    async (alertId: string, note: string) => {
      const done = await alertsApi.ack(hallId, alertId, note, token, lang);
      setOpen((list) => list.filter((a) => a.id !== done.id));
      setToday((list) => list.map((a) => (a.id === done.id ? done : a)));
    },
    [hallId, token, lang],
  );
  const setSound = useCallback((on: boolean) => {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off');
    setSoundState(on);
  }, []);

  return { view, skew, open, today, ack, sound, setSound };
}
