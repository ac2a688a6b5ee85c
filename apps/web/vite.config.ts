import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The browser-safe libraries, bundled from their TypeScript sources (no build of theirs needed). */
const librarySource = (name: string): string =>
  fileURLToPath(new URL(`../../libs/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@lienthong/contracts': librarySource('contracts'),
      '@lienthong/calendar': librarySource('calendar'),
      '@lienthong/bpmn': librarySource('bpmn'),
    },
  },
  // `npm run dev -w @lienthong/web`: the app on :5173, the API of an engine started with `npm start`.
  server: { port: 5173, proxy: { '/api': 'http://127.0.0.1:3000' } },
  // The manifest tells test/bench/inbox/bundle.mjs which chunks a page loads.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, manifest: true, chunkSizeWarningLimit: 1500 },
});
