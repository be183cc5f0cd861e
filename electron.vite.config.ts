// Builds the desktop app into out/: main process (ESM), preload (CommonJS, the only form a sandboxed
// preload can load) and the renderer, whose index.html also carries the app's CSP as a <meta> tag.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { PluginOption } from 'vite';
import { contentSecurityPolicy } from './main/contentSecurityPolicy.js';

const root = import.meta.dirname;

/**
 * Chromium gives pages loaded from file:// no response headers to carry a CSP, so the built page
 * states it itself. Only in the build: the dev server gets its looser policy from the main process.
 */
function cspMetaTag(): PluginOption {
  return {
    name: 'mbe-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ forMetaTag: true }) }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // The core runs in a worker thread of the main process: its own entry, next to index.js.
      rollupOptions: { input: { index: resolve(root, 'main/index.ts'), coreWorker: resolve(root, 'src/ipc/coreWorker.ts') } },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      rollupOptions: {
        input: { index: resolve(root, 'main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react(), cspMetaTag()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; minified it is ~2.6× smaller.
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
