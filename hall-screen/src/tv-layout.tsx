import type { ConnectionStatus, HallSnapshot, Notice, PublicWindow } from '@hall/protocol';
import type { VoiceStatus } from './announcer';
import type { CallEntry } from './call-text';
import { Clock } from './clock';
import { LatestCall } from './latest-call';
import { NoticeTicker } from './notice-ticker';
import { RecentCalls } from './recent-calls';
import { OfflineMark, StatusLine } from './status-line';
import { WaitingBoard } from './waiting-board';
import { WindowBoard } from './window-board';

export interface LayoutProps {
  hall: HallSnapshot;
  calls: CallEntry[];
  notices: Notice[];
  serviceNames: ReadonlyMap<string, string>;
  hallName: string | null;
  status: ConnectionStatus;
  voice: VoiceStatus;
  now: number;
  callWindow: (c: CallEntry) => string;
  windowLabel: (w: PublicWindow) => string;
  onSwitchLang?: () => void;
}

/** 1920×1080 and similar: the newest call, the recent calls, every window, the queues, notices. */
export function TvLayout(p: LayoutProps) {
  const [latest, ...recent] = p.calls;
  return (
    <div className="tv" data-layout="tv">
      <header className="tv-header">
        <h1 className="hall-name">{p.hallName ?? p.hall.name}</h1>
        <OfflineMark status={p.status} />
        <Clock now={p.now} timeZone={p.hall.timeZone} />
      </header>
      <main className="tv-main">
        {/* left: the call and the queues, large enough to read across the hall */}
        <div className="tv-calls">
          <LatestCall call={latest} windowLabel={p.callWindow} />
          <WaitingBoard services={p.hall.services} names={p.serviceNames} />
        </div>
        <div className="tv-side">
          <WindowBoard windows={p.hall.windows} windowLabel={p.windowLabel} />
          <RecentCalls calls={recent} windowLabel={p.callWindow} />
        </div>
      </main>
      <NoticeTicker notices={p.notices} />
      <StatusLine
        status={p.status}
        voice={p.voice}
        {...(p.onSwitchLang ? { onSwitchLang: p.onSwitchLang } : {})}
      />
    </div>
  );
}
