/** knowledge/schema.json is what the zod schema generates today: run `npm run knowledge:schema` when this fails. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderKnowledgeSchema, SCHEMA_FILE } from '../../src/knowledge/jsonSchema.js';

describe('knowledge/schema.json', () => {
  it('is the JSON Schema the zod schema generates (not stale)', () => {
    const committed = readFileSync(new URL(`../../knowledge/${SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed, 'knowledge/schema.json is stale: run npm run knowledge:schema').toBe(renderKnowledgeSchema());
  });

  it('is named in the first line of every knowledge file, by a path that reaches it', () => {
    const dir = fileURLToPath(new URL('../../knowledge/', import.meta.url));
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const first = readFileSync(path.join(dir, file), 'utf8').split('\n', 1)[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, `${file}: first line should be "# yaml-language-server: $schema=…/${SCHEMA_FILE}"`).not.toBeNull();
      expect(path.resolve(dir, path.dirname(file), match![1]!), file).toBe(path.join(dir, SCHEMA_FILE));
    }
  });

  it('closes every object and names every list a file may hold', () => {
    const schema = JSON.parse(renderKnowledgeSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(['areas', 'authoritativeSources', 'checklists', 'functions', 'guidance', 'organisations', 'provisions', 'situations', 'synonyms']);
  });
});
