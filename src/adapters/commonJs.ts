/**
 * `require` for the chat platforms' SDKs. Bolt and botbuilder are CommonJS; imported from an ES
 * module, Node first reads their sources, and every module they re-export, to find the names they
 * export. That scan was about 100 ms of every start here (5 pairs of imports each way); `require`
 * loads the same modules, the same single instances, without it. Types still come from the
 * packages (`typeof import(...)`).
 */
import { createRequire } from 'node:module';

export const requireCommonJs = createRequire(import.meta.url);
