import type { Tidewater } from './index.js';

/**
 * Answers tidewater/sw's forwarded API requests from this page's database; registers the worker
 * when scriptURL is given. Resolves once a Service Worker controls the page.
 */
export declare function serveServiceWorkerRequests(
  db: Tidewater,
  options?: { scriptURL?: string | URL; scope?: string; type?: 'classic' | 'module' },
): Promise<void>;
