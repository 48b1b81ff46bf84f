import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Served by the server at /hall (the hall's TV or LED wall).
export default defineConfig({
  base: '/hall/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
