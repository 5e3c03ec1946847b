/**
 * Every kind of broken knowledge file gives an error naming the file, the place in it and what to do.
 */
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAndBuild } from '../../src/knowledge/knowledge.js';
import { formatIssue, KnowledgeLoadError, loadKnowledge } from '../../src/knowledge/loader.js';
import type { KnowledgeIssue } from '../../src/core/knowledge/knowledge.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const dirs: string[] = [];

/** The minimal valid knowledge plus one broken file. */
async function withBroken(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'motpart-knowledge-'));
  dirs.push(dir);
  await cp(path.join(fixtures, 'knowledge-minimal'), dir, { recursive: true });
  await cp(path.join(fixtures, 'knowledge-broken', name), path.join(dir, name));
  return dir;
}

async function issuesOf(load: Promise<unknown>): Promise<KnowledgeIssue[]> {
  const err = await load.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KnowledgeLoadError);
  return (err as KnowledgeLoadError).issues;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('loading knowledge', () => {
  it('loads the minimal and the basic fixture', async () => {
    expect((await loadAndBuild(path.join(fixtures, 'knowledge-minimal'))).stats.functions).toBe(1);
    const basic = await loadAndBuild(path.join(fixtures, 'knowledge-basic'), { today: '2026-11-24' });
    expect(basic.stats).toEqual({ organisations: 6, areas: 17, functions: 14, snippets: 8, checklists: 4 });
    expect(basic.origins.get('functions:socialjouren-malmo')).toBe('functions.yaml');
    expect(basic.warnings.length).toBeGreaterThan(0);
  });

  it('returns an immutable snapshot', async () => {
    const k = await loadAndBuild(path.join(fixtures, 'knowledge-minimal'));
    expect(() => {
      (k.data.functions as unknown as unknown[]).push({});
    }).toThrow();
  });

  it('names the line of a YAML syntax error', async () => {
    const [issue] = await issuesOf(loadKnowledge(await withBroken('yaml-syntax.yaml')));
    expect(issue).toMatchObject({ severity: 'error', file: 'yaml-syntax.yaml' });
    expect(issue!.line).toBeGreaterThan(0);
    expect(issue!.message).toMatch(/^YAML-fel: .*kontrollera indrag, kolon och citattecken/);
  });

  it('names an unknown field and says to remove or correct it', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('unknown-field.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'unknown-field.yaml', path: 'functions[0].telefon', line: 8, message: expect.stringMatching(/okänt fält "telefon".*ta bort/) }));
  });

  it('names a field of the wrong type', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('wrong-type.yaml')));
    expect(issues).toContainEqual({ severity: 'error', file: 'wrong-type.yaml', path: 'functions[0].areas', line: 6, message: 'fel typ: ska vara en lista, t.ex. [a, b]' });
  });

  it('names a missing required field', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('missing-field.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'missing-field.yaml', path: 'functions[0].organisation', message: 'fältet "organisation" saknas: lägg till det' }));
  });

  it("says a function's reminders need a channel id, not its name or link", async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('bad-reminders.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'bad-reminders.yaml', path: 'functions[0].reminders.slack', line: 9, message: expect.stringContaining('ska vara ett kanal-id i Slack som C012AB3CD') }));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'functions[0].reminders.teams', message: expect.stringContaining('ska vara ett konversations-id i Teams som 19:…@thread.tacv2') }));
  });

  it('rejects a date that does not exist', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('bad-date.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'functions[0].holders[0].from', message: expect.stringMatching(/finns inte i kalendern/) }));
  });

  it('explains the canonical form of a legal reference', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('bad-reference.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ path: 'guidance[0].references[0]', message: expect.stringMatching(/"OSL 10:18 a"/) }));
  });

  it('names a direction with an unknown organisation kind, one with neither side, and one with two receivers', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('bad-flow.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'bad-flow.yaml', path: 'guidance[0].flow.from[0]', line: 11, message: "okänt värde: skriv ett av polis, socialtjanst, skola, fritid, region, kommunledning, ovrig" }));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'bad-flow.yaml', path: 'guidance[1].flow', line: 21, message: expect.stringMatching(/ange "from", "to" eller "toParent: true"/) }));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'bad-flow.yaml', path: 'guidance[2].flow', line: 31, message: expect.stringMatching(/antingen "to".*eller "toParent: true"/) }));
  });

  it('reports a duplicate id with the file of the first one', async () => {
    const issues = await issuesOf(loadKnowledge(await withBroken('duplicate-id.yaml')));
    expect(issues).toContainEqual(expect.objectContaining({ file: 'duplicate-id.yaml', message: expect.stringMatching(/"kommunpolis-malmo" finns redan i base\.yaml/) }));
  });

  it('refuses dangling references, naming file, path and what to do', async () => {
    const issues = await issuesOf(loadAndBuild(await withBroken('dangling-reference.yaml')));
    const paths = issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'functions[socialjouren-malmo].organisation',
        'functions[socialjouren-malmo].areas[1]',
        'functions[socialjouren-malmo].counterparts[0]',
        'functions[socialjouren-malmo].outOfHours',
        'guidance[exempel].owner',
        'guidance[exempel].related[0]',
        'checklists[lista].items[0].guidance',
      ]),
    );
    expect(issues.every((i) => i.file === 'dangling-reference.yaml' && i.severity === 'error')).toBe(true);
    expect(formatIssue(issues[0]!)).toBe('FEL dangling-reference.yaml (functions[socialjouren-malmo].organisation): organisationen "socialtjansten-malmo" finns inte; rätta id:t eller lägg till posten i organisations');
  });

  it('needs a directory with YAML files and one synonyms file', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'motpart-empty-'));
    dirs.push(empty);
    expect((await issuesOf(loadKnowledge(empty)))[0]!.message).toMatch(/inga \.yaml-filer/);
    expect((await issuesOf(loadKnowledge(path.join(empty, 'saknas'))))[0]!.message).toMatch(/MOTPART_KNOWLEDGE_DIR/);
    await mkdir(path.join(empty, 'sub'));
    await writeFile(path.join(empty, 'sub', 'org.yaml'), 'organisations: []\n');
    expect((await issuesOf(loadKnowledge(empty)))[0]!.message).toMatch(/synonyms\.yaml/);
  });
});
