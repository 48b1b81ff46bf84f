import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server at /counter (the clerk's console), /counter/supervisor (the duty officer)
// and /counter/display/{windowId} (the window display).
export default defineConfig({
  base: '/counter/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
