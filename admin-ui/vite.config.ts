import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';

// The console and the API share one origin: every API path below is proxied
// to the API so the httpOnly session cookie stays same-origin.
const API_PATHS = ['/admin/v1', '/v1', '/healthz', '/docs'] as const;

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.API_PUBLIC_URL ?? 'http://127.0.0.1:3000';

function apiProxy(target: string): Record<string, ProxyOptions> {
  // changeOrigin stays false: the API sees the console's Host. Console changes
  // are accepted only from the origins in the API's CONSOLE_ORIGINS.
  const options: ProxyOptions = { target, changeOrigin: false, xfwd: true };
  return Object.fromEntries(API_PATHS.map((path) => [path, options]));
}

export default defineConfig({
  root,
  plugins: [react()],
  server: { proxy: apiProxy(apiTarget) },
  preview: { proxy: apiProxy(apiTarget) },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    rolldownOptions: {
      // the console, and the buyer page of authenticity checks (a phone page with no login)
      input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), buyer: fileURLToPath(new URL('./buyer.html', import.meta.url)) },
      output: {
        // Long-lived vendor chunks, cached across console releases.
        codeSplitting: {
          groups: [
            // the buyer page's code reader, loaded lazily: never in the chunks every page loads
            { name: 'zxing', test: /node_modules[\\/]zxing-wasm[\\/]/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion)[\\/]/, priority: 2 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 1 },
          ],
        },
      },
    },
  },
});
