import type { HallSnapshot } from '@hall/protocol';
import { useEffect, useState } from 'react';
import { useTexts } from './i18n';
import type { Settings } from './kiosk-app';

/** The hall's name, the time, and the resident's switches: language, large text, contrast, voice. */
export function KioskHeader({
  hall,
  settings,
  onChange,
}: {
  hall: HallSnapshot | null;
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}) {
  const t = useTexts();
  const clock = useClock(hall?.timeZone ?? 'Asia/Shanghai');
  return (
    <header className="kiosk-header">
      <div className="hall-name">{hallName(hall) ?? t.appTitle}</div>
      <div className="clock" aria-hidden="true">
        {clock}
      </div>
      <nav className="switches" aria-label="settings">
        <button
          type="button"
          className="switch lang-switch"
          lang={settings.lang === 'zh' ? 'en' : 'zh-CN'}
          onClick={() => onChange({ lang: settings.lang === 'zh' ? 'en' : 'zh' })}
        >
          {t.language}
        </button>
        <button
          type="button"
          className="switch"
          aria-pressed={settings.large}
          onClick={() => onChange({ large: !settings.large })}
        >
          <span className="switch-mark" aria-hidden="true">
            {settings.large ? '✓' : ''}
          </span>
          {t.largeText}
        </button>
        <button
          type="button"
          className="switch"
          aria-pressed={settings.contrast}
          onClick={() => onChange({ contrast: !settings.contrast })}
        >
          <span className="switch-mark" aria-hidden="true">
            {settings.contrast ? '✓' : ''}
          </span>
          {t.contrast}
        </button>
        <button
          type="button"
          className="switch"
          aria-pressed={settings.voice}
          onClick={() => onChange({ voice: !settings.voice })}
        >
          <span className="switch-mark" aria-hidden="true">
            {settings.voice ? '✓' : ''}
          </span>
          {t.speech}
        </button>
      </nav>
    </header>
  );
}

const NAME_KEY = 'hall-kiosk.hall-name';

/** The hall's name, remembered for the screens shown while the server cannot be reached. */
function hallName(hall: HallSnapshot | null): string | null {
  try {
    if (hall) localStorage.setItem(NAME_KEY, hall.name);
    return hall?.name ?? localStorage.getItem(NAME_KEY);
  } catch {
    return hall?.name ?? null;
  }
}

function useClock(timeZone: string): string {
  const format = () =>
    new Date().toLocaleTimeString('zh-CN', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
  const [now, setNow] = useState(format);
  useEffect(() => {
    const id = setInterval(() => setNow(format()), 10_000);
    return () => clearInterval(id);
  }, [timeZone]);
  return now;
}
