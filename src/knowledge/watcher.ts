/**
 * Hot reload of the knowledge directory. Editors change YAML files while the bot runs; each change
 * is loaded, validated and indexed into a new snapshot, which replaces the old one in a single
 * assignment, so a reply never sees half of an edit. A broken edit is logged with file, path and
 * message, and the last good snapshot keeps serving until the file is fixed.
 */
import fs from 'node:fs';
import type { Logger } from '../logger.js';
import { loadAndBuild, loadThroughCache, type CachedLoad } from './knowledge.js';
import type { Knowledge } from '../core/knowledge/knowledge.js';
import { formatIssue, KnowledgeLoadError } from './loader.js';

export interface KnowledgeWatcher {
  current(): Knowledge;
  close(): Promise<void>;
}

export interface WatchOptions {
  logger: Logger;
  /** Called after a new snapshot has been swapped in. */
  onReload?: (knowledge: Knowledge) => void;
  /** Quiet time before reloading: an editor's save is often several events (write, rename, chmod). */
  debounceMs?: number;
  /** The knowledge cache (cache.ts); without it every load reads and indexes the files. */
  cacheFile?: string;
  /**
   * Time between a load that missed the cache and writing it: serialising is a few hundred
   * milliseconds at 50k functions, which should not hold back readiness or the first answers.
   */
  cacheWriteDelayMs?: number;
  /** Knowledge files over this many bytes are refused (loader.ts). */
  maxBytes?: number;
}

/**
 * How often a lost watch is retried. Node's recursive watch on Linux ends for good when the
 * directory itself is renamed (an editor or a deploy replacing the folder, or moving it away and
 * back), and cannot start while the directory is missing.
 */
const REWATCH_INTERVAL_MS = 1_000;

// Editors' swap and backup files (.x.yaml.swp, x.yaml~) change while someone types; only YAML
// files and directories (no extension: a folder added, removed or renamed) can change the knowledge.
const relevant = (filename: string | null) => filename === null || /\.ya?ml$/i.test(filename) || !/\.[^/\\]+$/.test(filename);

/** Loads the directory (throws if the first load fails: there is nothing to fall back on) and watches it. */
export async function watchKnowledge(dir: string, options: WatchOptions): Promise<KnowledgeWatcher> {
  const { logger, onReload, debounceMs = 200, cacheFile, cacheWriteDelayMs = 1000, maxBytes } = options;
  const loadOptions = maxBytes === undefined ? {} : { maxBytes };
  let timer: NodeJS.Timeout | undefined;
  let reloading: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let cacheTimer: NodeJS.Timeout | undefined;
  let unsaved: CachedLoad | undefined;
  let caching: Promise<void> = Promise.resolve();

  function writeCache(): void {
    const load = unsaved;
    unsaved = undefined;
    if (!load) return;
    caching = caching.then(async () => {
      const started = performance.now();
      try {
        if (await load.save()) logger.info({ cacheFile, ms: Math.round(performance.now() - started) }, 'knowledge cache written');
        else logger.debug({ cacheFile }, 'knowledge cache not written: the files changed while they were read');
      } catch (err) {
        // The cache only saves time: without it the next start reads the files.
        logger.warn({ cacheFile, err: err instanceof Error ? err.message : String(err) }, 'knowledge cache not written; the next start reads the files');
      }
    });
  }

  function keepInCache(load: CachedLoad): void {
    unsaved = load;
    clearTimeout(cacheTimer);
    cacheTimer = setTimeout(writeCache, cacheWriteDelayMs);
  }

  async function load(): Promise<Knowledge> {
    if (!cacheFile) return loadAndBuild(dir, loadOptions);
    const started = performance.now();
    const loaded = await loadThroughCache(dir, cacheFile, loadOptions);
    logger.info({ dir, source: loaded.miss ? 'files' : 'cache', ...(loaded.miss ? { cacheMiss: loaded.miss } : {}), ms: Math.round(performance.now() - started) }, 'knowledge loaded');
    if (loaded.miss && !closed) keepInCache(loaded);
    return loaded.knowledge;
  }

  let current = await load();

  async function reload(): Promise<void> {
    try {
      const next = await load();
      if (closed) return;
      current = next;
      logger.info({ dir, ...next.stats, warnings: next.warnings.length }, 'knowledge reloaded');
      for (const warning of next.warnings) logger.warn({ file: warning.file, path: warning.path, line: warning.line }, formatIssue(warning));
      onReload?.(next);
    } catch (err) {
      if (err instanceof KnowledgeLoadError) {
        for (const issue of err.issues) logger.error({ file: issue.file, path: issue.path, line: issue.line }, formatIssue(issue));
        logger.error({ dir, errors: err.issues.length }, 'knowledge not reloaded: fix the errors above; the last good version is still in use');
      } else {
        logger.error({ dir, err: err instanceof Error ? err.message : String(err) }, 'knowledge not reloaded; the last good version is still in use');
      }
    }
  }

  // One reload at a time; changes that arrive during a reload trigger exactly one more, so the
  // last saved state is always the one that gets loaded.
  function runReload(): void {
    if (reloading) {
      again = true;
      return;
    }
    reloading = reload().finally(() => {
      reloading = undefined;
      if (again && !closed) {
        again = false;
        runReload();
      }
    });
  }

  function scheduleReload(): void {
    clearTimeout(timer);
    timer = setTimeout(runReload, debounceMs);
  }

  let watcher: fs.FSWatcher | undefined;
  let watchedIno: number | undefined;
  let lostLogged = false;

  function watch(): void {
    try {
      watchedIno = fs.statSync(dir).ino;
      watcher = fs.watch(dir, { recursive: true }, (_event, filename) => {
        if (closed) return;
        // An empty name is the watched directory itself: renamed or removed, so this watch is over.
        if (!filename) return lose('knowledge directory moved or removed');
        if (relevant(filename)) scheduleReload();
      });
      watcher.on('error', (err) => lose(err.message));
    } catch (err) {
      watcher = undefined;
      if (!lostLogged) logger.warn({ dir, err: err instanceof Error ? err.message : String(err) }, 'knowledge directory cannot be watched; retrying, the last good version is still in use');
      lostLogged = true;
    }
  }

  function lose(reason: string): void {
    if (!watcher) return;
    watcher.close();
    watcher = undefined;
    logger.warn({ dir, reason }, 'knowledge watch lost; watching again when the directory is there, the last good version is still in use');
    lostLogged = true;
  }

  // Watches again after a loss, and notices a replaced directory (another inode) that sent no event.
  const rewatch = setInterval(() => {
    if (closed) return;
    let ino: number | undefined;
    try {
      ino = fs.statSync(dir).ino;
    } catch {
      return lose('knowledge directory missing');
    }
    if (watcher && ino === watchedIno) return;
    lose('knowledge directory replaced');
    watch();
    if (!watcher) return;
    logger.info({ dir }, 'knowledge directory watched again; reloading it');
    lostLogged = false;
    // Whatever changed while nobody watched is picked up now.
    scheduleReload();
  }, REWATCH_INTERVAL_MS);
  rewatch.unref();

  watch();

  return {
    current: () => current,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      clearTimeout(cacheTimer);
      clearInterval(rewatch);
      watcher?.close();
      await reloading;
      // A short-lived command (`motpart ask`) leaves the cache for the next one, too.
      writeCache();
      await caching;
    },
  };
}
