import type { HallConfig } from '../config/hall-config.js';

/** What the landing page shows of one hall. */
export interface LandingHall {
  id: string;
  name: string;
  nameEn?: string | undefined;
  /** The demo devices still paired with their README tokens (shown as ready-made links). */
  demoDevices: { kiosk: boolean; screen: boolean; display3: boolean };
  /** The demo accounts still have the README's password (demo1234): list them. */
  demoLogins: string[] | null;
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/** A link whose label is Chinese first with the English beside it. */
const link = (href: string, zh: string, en: string, note = '') =>
  `<li><a href="${esc(href)}"><span class="zh">${zh}</span> <span class="en" lang="en">${en}</span></a>` +
  `${note ? ` <span class="note">${note}</span>` : ''}<code>${esc(href)}</code></li>`;

function hallSection(h: LandingHall): string {
  const q = `hall=${encodeURIComponent(h.id)}`;
  const d = h.demoDevices;
  const apps = [
    d.kiosk
      ? link(`/kiosk?${q}&device=demo-kiosk`, '取号机', 'Kiosk')
      : link(`/kiosk?${q}`, '取号机', 'Kiosk', '需设备令牌配对（管理后台 → 设备）'),
    d.screen
      ? link(`/hall?${q}&device=demo-screen`, '大厅屏', 'Hall screen')
      : link(`/hall?${q}`, '大厅屏', 'Hall screen', '需设备令牌配对'),
    d.display3
      ? link(`/counter/display/3?${q}&device=demo-display-3`, '3号窗口屏', 'Window display 3')
      : '',
    link(`/counter?${q}`, '窗口工作台', 'Clerk console'),
    link(`/counter/supervisor?${q}`, '值班长工作台', 'Supervisor console'),
    link(`/counter/supervisor/reports?${q}`, '统计报表', 'Reports'),
    link(`/counter/booking?${q}`, '预约登记', 'Bookings'),
    link(`/counter/admin?${q}`, '管理后台', 'Administration'),
    link(`/api/v1/halls/${encodeURIComponent(h.id)}`, '大厅状态接口', 'Hall API'),
  ].join('');
  const logins = h.demoLogins
    ? `<div class="demo"><h3>演示账户 <span class="en" lang="en">Demo logins</span></h3>
<p>${h.demoLogins.map((u) => `<code>${esc(u)}</code>`).join('、')}</p>
<p>密码 <span class="en" lang="en">Password</span> <code>demo1234</code></p>
<p>演示专用：正式使用前请在管理后台为每个账户重置密码。
<span class="en" lang="en">For trying the system only: reset every password in the admin console before real use.</span></p></div>`
    : '';
  return `<section aria-labelledby="hall-${esc(h.id)}">
<h2 id="hall-${esc(h.id)}">${esc(h.name)}${h.nameEn ? ` <span class="en" lang="en">${esc(h.nameEn)}</span>` : ''}</h2>
<ul class="apps">${apps}</ul>${logins}</section>`;
}

/** The server's front page (/): what this is and where each app lives; static HTML, no script. */
export function renderLanding(halls: LandingHall[]): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>排队叫号系统 · Hall queue and counter calling</title>
<style>
:root{--ink:#1a2433;--muted:#4a5568;--line:#d5dbe3;--accent:#0b5cad;font-size:18px}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",system-ui,sans-serif;color:var(--ink);background:#f4f6f9;line-height:1.6}
header{background:#0b3d73;color:#fff;padding:1.5rem 2rem}
header h1{margin:0;font-size:2rem}header p{margin:.3rem 0 0;max-width:60rem}
main{padding:1rem 2rem 2rem;max-width:72rem}
section{background:#fff;border:1px solid var(--line);border-radius:.6rem;padding:1rem 1.5rem;margin:1rem 0}
h2{margin:.2rem 0 .8rem;font-size:1.5rem}h3{margin:.5rem 0;font-size:1.1rem}
.en{color:var(--muted);font-weight:normal}header .en{color:#dbe6f3}
.apps{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(19rem,1fr));gap:.6rem}
.apps li{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem}
.apps a{color:var(--accent);font-size:1.15rem;font-weight:600;text-decoration:none}
.apps a:hover,.apps a:focus{text-decoration:underline}
.apps code{display:block;font-size:.8rem;color:var(--muted);word-break:break-all}
.note{display:block;font-size:.85rem;color:var(--muted)}
.demo{background:#fff8e1;border:1px solid #e8d28a;border-radius:.5rem;padding:.4rem 1rem;margin-top:1rem}
footer{padding:0 2rem 2rem;color:var(--muted);font-size:.9rem}
footer a{color:var(--accent)}
</style></head><body>
<header><h1>排队叫号系统 <span class="en" lang="en">Hall queue and counter calling</span></h1>
<p>便民服务大厅的取号、叫号、大厅屏、窗口评价与实时监控。本服务器上的大厅如下，点开相应的应用即可使用。</p>
<p class="en" lang="en">Ticketing, counter calling, hall screens, ratings and live supervision for public service halls. The halls on this server and their apps:</p></header>
<main>${halls.map(hallSection).join('\n')}</main>
<footer><a href="/api/v1/openapi.json">OpenAPI</a> · <a href="/healthz">/healthz</a></footer>
</body></html>`;
}

/** The landing view of a hall's configuration (the demo checks are the caller's). */
export function landingHall(
  config: Pick<HallConfig, 'id' | 'name' | 'nameEn'>,
  demoDevices: LandingHall['demoDevices'],
  demoLogins: string[] | null,
): LandingHall {
  return { id: config.id, name: config.name, nameEn: config.nameEn, demoDevices, demoLogins };
}
