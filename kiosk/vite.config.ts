import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server at /kiosk (the kiosk screen and the phone page /kiosk/t/{ticketId}).
export default defineConfig({
  base: '/kiosk/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
