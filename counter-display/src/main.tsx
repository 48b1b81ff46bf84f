import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BookingApp } from './booking-app';
import { ConsoleApp } from './console-app';
import { DisplayApp } from './display-app';
import { SupervisorApp } from './supervisor-app';
import './styles.css';

// /counter/display/{windowId}: the display above a window; /counter/supervisor: the duty officer;
// /counter/supervisor/reports: the reports area (统计报表); /counter/admin: the admin console;
// everything else: the clerk's console
const match = /\/display\/([^/?#]+)/.exec(window.location.pathname);
const supervisor = /\/supervisor\/?$/.test(window.location.pathname);
const reports = /\/supervisor\/reports\/?$/.test(window.location.pathname);
// the reports area brings ECharts and is loaded only there
const ReportsApp = lazy(() =>
  import('./reports/reports-app').then((m) => ({ default: m.ReportsApp })),
);
const booking = /\/booking\/?$/.test(window.location.pathname);
// /counter/admin: the admin console (管理后台), loaded only there
const admin = /\/admin\/?$/.test(window.location.pathname);
const AdminApp = lazy(() => import('./admin/admin-app').then((m) => ({ default: m.AdminApp })));
const root = createRoot(document.getElementById('root') as HTMLElement);
root.render(
  <StrictMode>
    {match?.[1] ? (
      <DisplayApp windowId={decodeURIComponent(match[1])} />
    ) : reports ? (
      <Suspense fallback={null}>
        <ReportsApp />
      </Suspense>
    ) : admin ? (
      <Suspense fallback={null}>
        <AdminApp />
      </Suspense>
    ) : booking ? (
      <BookingApp />
    ) : supervisor ? (
      <SupervisorApp />
    ) : (
      <ConsoleApp />
    )}
  </StrictMode>,
);
