import { watchDeviceToken, type PublicWindow, type ScreenSettings } from '@hall/protocol';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Announcer, type VoiceStatus } from './announcer';
import { ApiFailure, getScreenSettings } from './api';
import { callText, type CallEntry } from './call-text';
import { LangContext, texts, type Lang } from './i18n';
import { LedLayout, type LedBox } from './led-layout';
import { activeNotices } from './notice-ticker';
import { parseSize, readParams } from './params';
import { TvLayout } from './tv-layout';
import { useHallScreen } from './use-hall-screen';
import { useNow } from './use-now';

const SETTINGS_RETRY_MS = 3000;

function useViewport(): { width: number; height: number } {
  const [size, setSize] = useState({ width: window.innerWidth, height: window.innerHeight });
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}

/**
 * Checks the screen's device token on start-up and every minute: a wrong token says 本机未配置
 * and a disabled or revoked one 本机已停用, instead of an endless 连接中断 that looks like a
 * network fault.
 */
function useDeviceCheck(
  hallId: string | null,
  token: string | undefined,
): 'refused' | 'disabled' | null {
  const [problem, setProblem] = useState<'refused' | 'disabled' | null>(null);
  useEffect(() => {
    if (!token) return undefined;
    return watchDeviceToken({
      token,
      hallId,
      kind: 'screen',
      onStanding: (s) => setProblem(s === 'ok' ? null : s),
    });
  }, [hallId, token]);
  return problem;
}

/** The hall screen: layout from the address and the hall's settings, live data, voice. */
export function HallScreenApp() {
  const params = useMemo(() => readParams(), []);
  const [lang, setLang] = useState<Lang>(params.lang);
  const [settings, setSettings] = useState<ScreenSettings | null>(null);
  const [settingsError, setSettingsError] = useState<string | null>(null);
  const [voice, setVoice] = useState<VoiceStatus>('chime');
  const announcer = useRef<Announcer | null>(null);
  const timeZone = useRef('Asia/Shanghai');
  const viewport = useViewport();
  const now = useNow(1000);
  const t = texts[lang];

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t.title;
  }, [lang, t]);

  // the settings come once; a screen switched on before the server keeps asking
  useEffect(() => {
    if (!params.hallId) return undefined;
    const hallId = params.hallId;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      getScreenSettings(hallId, 'zh')
        .then((s) => {
          if (!stopped) setSettings(s);
        })
        .catch((err: unknown) => {
          if (stopped) return;
          if (err instanceof ApiFailure && err.code === 'hall_not_found') {
            setSettingsError('hall_not_found');
            return;
          }
          timer = setTimeout(load, SETTINGS_RETRY_MS);
        });
    };
    load();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [params.hallId]);

  useEffect(() => {
    if (!settings) return undefined;
    const a = new Announcer(settings, () => timeZone.current, params.voice);
    announcer.current = a;
    setVoice(a.status);
    const off = a.onStatus(setVoice);
    const unlock = () => a.unlock();
    window.addEventListener('pointerdown', unlock);
    window.addEventListener('keydown', unlock);
    return () => {
      off();
      window.removeEventListener('pointerdown', unlock);
      window.removeEventListener('keydown', unlock);
      a.close();
      announcer.current = null;
    };
  }, [settings, params.voice]);

  const onCall = useCallback(
    (call: CallEntry, speak: boolean) => {
      if (speak && settings) announcer.current?.announce(callText(settings.callTemplate, call));
    },
    [settings],
  );
  const device = useDeviceCheck(params.hallId, params.token);
  const data = useHallScreen(params.hallId, params.token, lang, settings, onCall);
  if (data.hall) timeZone.current = data.hall.timeZone;

  const windowLabel = useCallback(
    (w: Pick<PublicWindow, 'id' | 'name'>) => t.windowName(w.id, w.name),
    [t],
  );
  const callWindow = useCallback((c: CallEntry) => t.windowName(c.windowId, c.windowName), [t]);

  if (!params.hallId) return <div className="message">{texts.zh.noHall}</div>;
  if (device)
    return (
      <div className="message" role="alert" data-device={device}>
        {device === 'disabled' ? t.deviceDisabled : t.deviceRefused}
      </div>
    );
  if (settingsError === 'hall_not_found' || data.error === 'hall_not_found')
    return <div className="message">{t.hallNotFound}</div>;
  if (!settings || !data.hall) {
    return (
      <LangContext.Provider value={lang}>
        <div className="message">
          {data.status === 'offline' && settings ? t.offline : t.loading}
        </div>
      </LangContext.Provider>
    );
  }

  const layout = params.layout ?? settings.layout;
  const ledSize = params.size ?? parseSize(settings.ledSize);
  const useLed =
    layout === 'led' ||
    (layout === 'auto' && (ledSize !== null || viewport.width < 1100 || viewport.height < 560));
  const props = {
    hall: data.hall,
    calls: data.calls.slice(0, settings.recentCalls + 1),
    notices: activeNotices(data.notices, now),
    serviceNames: data.serviceNames,
    hallName: data.hallName,
    status: data.status,
    voice,
    now,
    callWindow,
    windowLabel,
  };
  return (
    <LangContext.Provider value={lang}>
      {useLed ? (
        <LedLayout
          {...props}
          box={
            {
              width: ledSize?.width ?? viewport.width,
              height: ledSize?.height ?? viewport.height,
              x: params.x,
              y: params.y,
            } satisfies LedBox
          }
        />
      ) : (
        <TvLayout {...props} onSwitchLang={() => setLang(lang === 'zh' ? 'en' : 'zh')} />
      )}
    </LangContext.Provider>
  );
}
