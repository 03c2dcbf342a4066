import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI is served by the node at `/` (src/http/plugins/static-ui.ts). `npm run dev:web` proxies
// the APIs to a node on 127.0.0.1:7700.
const node = process.env.PARLEY_UI_NODE ?? 'http://127.0.0.1:7700';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false, assetsInlineLimit: 0 },
  server: { proxy: { '/api': node, '/v1': node } },
});
