/**
 * The site's build: `console/` is the root, the output goes to `console/dist` (served by the
 * local API server at `/`, by CloudFront from S3 in a deployment). Two pages: the staff console
 * (`index.html`, at `/`) and the citizen's complaint page (`complaint/index.html`, at `/complaint/`),
 * which shares no code with the console beyond React, so it loads neither Ant Design nor the
 * sign-in. Route pages are separate chunks (`React.lazy`), so the console's first screen loads
 * only what signing in and the frame need.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps in the served build: the site serves what browsers run, nothing more.
    sourcemap: false,
    reportCompressedSize: false,
    // Vite's warning is about minified size; the budget that matters is the gzip size of the JS the
    // first screen loads, measured by `bench/console-bundle.ts`.
    chunkSizeWarningLimit: 1024,
    rollupOptions: {
      input: {
        console: resolve(import.meta.dirname, 'index.html'),
        complaint: resolve(import.meta.dirname, 'complaint/index.html'),
      },
    },
  },
});
