/** knowledge/schema.json is what the zod schema generates today: run `npm run knowledge:schema` when this fails. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderKnowledgeSchema, SCHEMA_FILE } from '../../src/knowledge/jsonSchema.js';

describe('knowledge/schema.json', () => {
  it('is the JSON Schema the zod schema generates (not stale)', () => {
    const committed = readFileSync(new URL(`../../knowledge/${SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed, 'knowledge/schema.json is stale: run npm run knowledge:schema').toBe(renderKnowledgeSchema());
  });

  it('closes every object and names every list a file may hold', () => {
    const schema = JSON.parse(renderKnowledgeSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual(['areas', 'authoritativeSources', 'checklists', 'functions', 'guidance', 'organisations', 'provisions', 'situations', 'synonyms']);
  });
});
