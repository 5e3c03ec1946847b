/**
 * Loading the knowledge snapshot (src/core/knowledge) from a directory: read, lint and index, in
 * turns so that a reload runs while the server answers, through the knowledge cache at start-up.
 */
import { indexKnowledge, freezeInTurns, type Knowledge } from '../core/knowledge/knowledge.js';
import type { KnowledgeData } from '../core/knowledge/schema.js';
import { localTime } from '../core/hours.js';
import { runInTurns } from './inTurns.js';
import { lintKnowledge } from './check.js';
import { cacheKey, readKnowledgeCache, writeKnowledgeCache, type CachedKnowledge } from './cache.js';
import { KnowledgeLoadError, listKnowledgeFiles, loadKnowledge, type ReadOptions } from './loader.js';

export interface LoadOptions extends ReadOptions {
  /** The date warnings are computed for (reviews due); today in Sweden when not given. */
  today?: string;
}

/**
 * Lints knowledge read from `origins`' files (throwing on errors) and indexes it, frozen in place
 * (nobody else holds it), in turns: a reload runs while the server answers. From the cache, its
 * postings are used, and its warnings when they were worked out for today.
 */
async function checkAndIndex(data: KnowledgeData, origins: Map<string, string>, options: LoadOptions, cached?: Pick<CachedKnowledge, 'postings' | 'warnings'>): Promise<Knowledge> {
  const today = options.today ?? localTime(new Date(), 'Europe/Stockholm').date;
  const issues = cached?.warnings?.date === today ? cached.warnings.issues : await runInTurns(lintKnowledge(data, today, origins));
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new KnowledgeLoadError(errors);
  const frozen = await runInTurns(freezeInTurns(data));
  const warnings = issues.filter((i) => i.severity === 'warning');
  return runInTurns(indexKnowledge(frozen, { origins, warnings, warningsFor: today, ...(cached ? { postings: cached.postings } : {}) }));
}

/**
 * Loads, validates, lints and indexes a knowledge directory. Throws {@link KnowledgeLoadError} on
 * any error (broken file or dangling reference), so a broken edit never replaces a working version.
 */
export async function loadAndBuild(dir: string, options: LoadOptions = {}): Promise<Knowledge> {
  const { data, origins } = await loadKnowledge(dir, options);
  return checkAndIndex(data, origins, options);
}

export interface CachedLoad {
  knowledge: Knowledge;
  /** Why the cache was not used, or undefined when the knowledge came from it. */
  miss?: string;
  /** Writes the cache for what was loaded; false when the files changed since (the next load reads them anyway). */
  save(): Promise<boolean>;
}

/**
 * {@link loadAndBuild} through the knowledge cache (cache.ts): unchanged files are answered from
 * the cache, anything else is read from the files, and `save` keeps it for the next start.
 */
export async function loadThroughCache(dir: string, cacheFile: string, options: LoadOptions = {}): Promise<CachedLoad> {
  const files = await listKnowledgeFiles(dir, options);
  const read = await readKnowledgeCache(dir, files, cacheFile);
  let miss: string;
  if ('miss' in read) {
    miss = read.miss;
  } else {
    try {
      return { knowledge: await checkAndIndex(read.cached.data, read.cached.origins, options, read.cached), save: async () => false };
    } catch (err) {
      // The cache was written only for knowledge without errors, so this is a cache of other code
      // or a damaged one; the files say what is true.
      miss = `cache unusable (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    }
  }
  const knowledge = await loadAndBuild(dir, options);
  return {
    knowledge,
    miss,
    save: async () => {
      if ((await cacheKey(dir, await listKnowledgeFiles(dir, options))) !== read.key) return false;
      await writeKnowledgeCache(cacheFile, read.key, knowledge);
      return true;
    },
  };
}
