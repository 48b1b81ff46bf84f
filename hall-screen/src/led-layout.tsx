import type { CallEntry } from './call-text';
import { useTexts } from './i18n';
import type { LayoutProps } from './tv-layout';
import { LatestCall } from './latest-call';
import { NoticeTicker } from './notice-ticker';
import { RecentCalls } from './recent-calls';
import { OfflineMark } from './status-line';
import { WindowBoard, windowState } from './window-board';

export interface LedBox {
  width: number;
  height: number;
  x: number;
  y: number;
}

/**
 * Low-resolution LED walls (384×192 up to 1024×512): the controller captures this
 * box of the page. Bold type sized from the box's height, no thin lines, and only
 * what can be read at that size: small walls show the newest call, two before it
 * and the notices; larger ones add more calls and the windows that are not serving.
 */
export function LedLayout({ box, ...p }: LayoutProps & { box: LedBox }) {
  const t = useTexts();
  const shortWindow = (c: CallEntry) => t.windowShort(c.windowId, c.windowName);
  const [latest, ...recent] = p.calls;
  const large = box.height >= 300;
  const unit = box.height / (large ? 384 : 192);
  const unusual = p.hall.windows.filter((w) => {
    const s = windowState(w);
    return s === 'brief' || s === 'paused';
  });
  return (
    <div
      className={`led ${large ? 'led-large' : 'led-small'}`}
      data-layout="led"
      style={{
        left: box.x,
        top: box.y,
        width: box.width,
        height: box.height,
        ['--u' as string]: `${unit}px`,
      }}
    >
      <LatestCall call={latest} windowLabel={p.callWindow} short />
      <RecentCalls calls={recent.slice(0, large ? 6 : 2)} windowLabel={shortWindow} title={false} />
      {large && unusual.length > 0 ? (
        <WindowBoard windows={unusual} windowLabel={p.windowLabel} title={false} />
      ) : null}
      <NoticeTicker notices={p.notices} />
      <OfflineMark status={p.status} />
    </div>
  );
}
