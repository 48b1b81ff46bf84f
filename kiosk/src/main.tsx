import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { KioskApp } from './kiosk-app';
import { PhonePage } from './phone-page';
import './styles.css';
import './check-in.css';

// /kiosk/t/{ticketId}?k={key} is the resident's phone page (the key proves holding the ticket);
// everything else is the kiosk screen.
const match = /\/t\/([^/?#]+)\/?$/.exec(window.location.pathname);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      {match?.[1] ? (
        <PhonePage
          ticketId={decodeURIComponent(match[1])}
          phoneKey={new URLSearchParams(window.location.search).get('k') ?? ''}
        />
      ) : (
        <KioskApp />
      )}
    </StrictMode>,
  );
}
