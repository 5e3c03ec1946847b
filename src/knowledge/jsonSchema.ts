/**
 * knowledge/schema.json: the JSON Schema of a knowledge file, generated from the zod schema, so that
 * editors (the YAML language server, via the `# yaml-language-server: $schema=` line at the top of
 * each file) validate and complete while people write. The zod schema stays the authority: checks
 * JSON Schema cannot say (calendar dates, word limits, "at least one contact") are only in zod.
 * `npm run knowledge:schema` writes it; test/knowledge/jsonSchema.test.ts fails when it is stale.
 */
import { z } from 'zod';
import { knowledgeFileSchema } from '../core/knowledge/schema.js';

export const SCHEMA_FILE = 'schema.json';

export function renderKnowledgeSchema(): string {
  // A file is what people write, so the input side: fields with defaults may be left out.
  const schema = z.toJSONSchema(knowledgeFileSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, title: 'Motpart knowledge file', description: 'Generated from src/core/knowledge/schema.ts by npm run knowledge:schema. Do not edit.' }, null, 2)}\n`;
}
