import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:3000';

/** Vendor chunks by package: they change rarely, so browsers keep them cached across console releases. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('/node_modules/')) return undefined;
  if (/\/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
  if (
    /\/node_modules\/(element-plus|@element-plus|@floating-ui|@popperjs|async-validator|dayjs|lodash-unified|lodash-es|@ctrl|memoize-one|normalize-wheel-es|@vueuse)\//.test(
      id,
    )
  )
    return 'element-plus';
  if (
    /\/node_modules\/(socket\.io-client|engine\.io-client|engine\.io-parser|socket\.io-parser|@socket\.io)\//.test(
      id,
    )
  )
    return 'socket';
  if (/\/node_modules\/(vue|@vue|vue-router|pinia|vue-demi)\//.test(id)) return 'vue';
  return undefined;
}

export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Element Plus is installed whole (one chunk, cached); ECharts loads only on the screens that chart.
    chunkSizeWarningLimit: 1100,
    rollupOptions: { output: { manualChunks: vendorChunk } },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
