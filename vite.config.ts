import react from '@vitejs/plugin-react';
import postcssPresetMantine from 'postcss-preset-mantine';
import { defineConfig } from 'vite';

// The web UI lives in src/web and is served by the Stride server from dist/web (see src/server/http/app.ts).
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  css: { postcss: { plugins: [postcssPresetMantine()] } },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npx vite` during development proxies the API to a running `npm run dev` server.
    proxy: { '/api': `http://127.0.0.1:${process.env.STRIDE_PORT ?? '3000'}` },
  },
});
