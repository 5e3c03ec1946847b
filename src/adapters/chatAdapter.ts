/**
 * What every chat platform's adapter gives the composition root (src/app.ts), so that it starts,
 * mounts, reports and stops Slack and Teams alike, and a third platform is one more implementation.
 */
import type { RouteHandler } from '../server.js';

export interface ChatAdapter {
  /** The platform, as /healthz names it. */
  readonly platform: 'slack' | 'teams';
  /** Where the server mounts the route (POST only). */
  readonly path: string;
  /** The handler for POSTs to `path`; absent when the platform is reached otherwise (Slack's Socket Mode). */
  readonly route?: RouteHandler;
  /** Connects to the platform, checking its credentials; the server listens only after every adapter has started. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** True while it can serve: started and not stopped. */
  health(): boolean;
}
