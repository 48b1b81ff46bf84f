import type { ConnectionStatus } from '@hall/protocol';
import type { VoiceStatus } from './announcer';
import { useTexts, type Texts } from './i18n';

export function voiceText(t: Texts, v: VoiceStatus): string {
  switch (v) {
    case 'voice':
      return t.voiceOn;
    case 'chime':
      return t.voiceChimeOnly;
    case 'quiet':
      return t.voiceQuiet;
    case 'muted':
      return t.voiceMuted;
    case 'blocked':
      return t.voiceBlocked;
  }
}

/** The small "连接中断" mark: shown while the screen is away from the server; it keeps the last state. */
export function OfflineMark({ status }: { status: ConnectionStatus }) {
  const t = useTexts();
  if (status !== 'offline') return null;
  return (
    <div className="offline-mark" role="status" data-testid="offline">
      {t.offline}
    </div>
  );
}

/** Connection and voice, in words. */
export function StatusLine({
  status,
  voice,
  onSwitchLang,
}: {
  status: ConnectionStatus;
  voice: VoiceStatus;
  onSwitchLang?: () => void;
}) {
  const t = useTexts();
  const conn = status === 'live' ? t.live : status === 'offline' ? t.offline : t.connecting;
  return (
    <footer className="status-line">
      <span
        className={`status-conn status-${status}`}
        data-testid="connection"
        data-status={status}
      >
        {conn}
      </span>
      <span className={`status-voice voice-${voice}`} data-testid="voice" data-voice={voice}>
        {voiceText(t, voice)}
      </span>
      {onSwitchLang ? (
        <button type="button" className="lang-switch" onClick={onSwitchLang}>
          {t.switchLang}
        </button>
      ) : null}
    </footer>
  );
}
