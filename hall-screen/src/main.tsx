import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HallScreenApp } from './hall-screen-app';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HallScreenApp />
    </StrictMode>,
  );
}
