// The console's build: React, `/api` proxied to the server in development, vendor code in its own
// long-lived chunks so that an app release does not bust the cache for React and Ant Design.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two entries: the console, and the light resident pages (/r/, ADR 0009) that load no antd.
      input: { main: 'index.html', resident: 'resident.html' },
      output: {
        // Vite 8 (Rolldown): `codeSplitting` supersedes the deprecated `advancedChunks`.
        codeSplitting: {
          groups: [
            // React itself apart from the router: the resident pages load only this one.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'react-router', test: /node_modules[\\/]react-router[\\/]/, priority: 25 },
            // Charts: only the figures dashboard loads them (echarts/core plus the charts it registers).
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 22 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs)[\\/]/,
              priority: 20,
            },
            {
              name: 'vendor',
              test: /node_modules[\\/](@tanstack|i18next|react-i18next|zod)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
