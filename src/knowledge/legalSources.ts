/**
 * knowledge/LEGAL-SOURCES.md is generated from the `provisions` list (one source of truth): the
 * editors change the YAML, run `motpart knowledge sources --write`, and a test checks the two agree.
 */
import type { KnowledgeData, Provision } from '../core/knowledge/schema.js';

export const LEGAL_SOURCES_FILE = 'LEGAL-SOURCES.md';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** Orders references as a reader looks them up: by law, then chapter and section as numbers. */
function compareRefs(a: Provision, b: Provision): number {
  const key = (p: Provision) => {
    const m = /^(\S+) (\d+)(?::(\d+))?(?: ([a-z]))?$/.exec(p.ref);
    return m ? [m[1]!, Number(m[2]), Number(m[3] ?? 0), m[4] ?? ''] as const : [p.ref, 0, 0, ''] as const;
  };
  const [la, ca, sa, xa] = key(a);
  const [lb, cb, sb, xb] = key(b);
  return la.localeCompare(lb, 'sv') || ca - cb || sa - sb || xa.localeCompare(xb);
}

export function renderLegalSources(data: Pick<KnowledgeData, 'provisions' | 'authoritativeSources'>): string {
  const provisions = [...(data.provisions ?? [])].sort(compareRefs);
  const lines = [
    '# Lagrum och primärkällor',
    '',
    '<!-- Genererad från `provisions:` i knowledge/authoritative-sources.yaml. Redigera YAML-filen och kör',
    '     `npx motpart knowledge sources --write`; ändra inte den här filen för hand. -->',
    '',
    'Varje lagrum som vägledningen hänvisar till, med primärkällan där texten kontrollerades. "Kontrollerad"',
    'säger om lydelsen har setts i källan och hur; det som inte är kontrollerat står i vägledningens',
    '`uncertain`. "Ändrad" är den senaste ändring redaktörerna känner till: `knowledge check` varnar för en',
    'vägledning som hänvisar till lagrummet och granskades före det datumet.',
    '',
    '| Lagrum | Vad | Primärkälla | Kontrollerad | Hur | Senast kontrollerad | Ändrad |',
    '|---|---|---|---|---|---|---|',
    ...provisions.map(
      (p) =>
        `| ${cell(p.ref)} | ${cell(p.title)} | ${p.url} | ${p.confirmed ? 'ja' : 'nej'} | ${cell(p.how)} | ${p.checked} | ${p.changed ? cell(`${p.changed}${p.changeNote ? ` (${p.changeNote})` : ''}`) : ''} |`,
    ),
    '',
    '## Godkända källor',
    '',
    'Källor i vägledningen ska ligga på någon av dessa domäner (eller deras underdomäner); annars varnar `knowledge check`.',
    '',
    ...[...(data.authoritativeSources ?? [])].map((a) => `- ${a.domain}: ${cell(a.name)}`),
    '',
  ];
  return lines.join('\n');
}
