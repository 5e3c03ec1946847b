/**
 * Functions indexed for the directory: by the words of their name, role and topics, by covered
 * area, and by organisation kind, so a question touches only the functions it could mean.
 */
import type { OrganisationKind, OrgFunction, Organisation } from '../knowledge/schema.js';
import { memoisedDocumentKeys, type Analyser } from '../search/analyse.js';
import { TermIndexBuilder, type TermIndex } from '../search/termIndex.js';
import type { Work } from '../turns.js';

const FIELD_WEIGHTS = { name: 3, role: 3, topics: 2, organisation: 1, description: 1 } as const;

/** The term index over functions' names, roles, topics, organisations and descriptions; pauses after each function. */
export function* indexFunctions(functions: readonly OrgFunction[], organisations: ReadonlyMap<string, Organisation>, analyser: Analyser): Work<TermIndex> {
  const builder = new TermIndexBuilder(analyser.groupOfKey);
  const documentKeys = memoisedDocumentKeys(analyser);
  const add = (text: string | undefined, weight: number) => {
    if (!text) return;
    for (const key of documentKeys(text)) builder.add(key, weight);
  };
  for (const f of functions) {
    add(f.name, FIELD_WEIGHTS.name);
    add(f.role.replace(/-/g, ' '), FIELD_WEIGHTS.role);
    for (const topic of f.topics) add(topic, FIELD_WEIGHTS.topics);
    add(organisations.get(f.organisation)?.name, FIELD_WEIGHTS.organisation);
    add(f.description, FIELD_WEIGHTS.description);
    builder.endDocument();
    yield;
  }
  return yield* builder.build();
}

export class FunctionIndex {
  readonly list: readonly OrgFunction[];
  readonly terms: TermIndex;
  private readonly byIdMap: ReadonlyMap<string, number>;
  private readonly byArea: ReadonlyMap<string, number[]>;
  private readonly kinds: ReadonlyArray<OrganisationKind | undefined>;
  /** Functions that others name as their out-of-hours fallback (socialjour, kontaktcenter). */
  private readonly fallbacks: ReadonlySet<string>;

  /**
   * `terms` from {@link indexFunctions}, or from the knowledge cache's postings. Pauses after each
   * function (see turns.ts): at 50k functions these lookups took a tenth of a second in one go.
   */
  static *build(functions: readonly OrgFunction[], organisations: ReadonlyMap<string, Organisation>, terms: TermIndex): Work<FunctionIndex> {
    const byId = new Map<string, number>();
    const byArea = new Map<string, number[]>();
    const kinds: Array<OrganisationKind | undefined> = [];
    const fallbacks = new Set<string>();
    for (let i = 0; i < functions.length; i++) {
      const f = functions[i]!;
      byId.set(f.id, i);
      kinds.push(organisations.get(f.organisation)?.kind);
      if (f.outOfHours) fallbacks.add(f.outOfHours);
      for (const area of f.areas) {
        const list = byArea.get(area) ?? [];
        list.push(i);
        byArea.set(area, list);
      }
      yield;
    }
    return new FunctionIndex(functions, terms, byId, byArea, kinds, fallbacks);
  }

  private constructor(
    functions: readonly OrgFunction[],
    terms: TermIndex,
    byId: ReadonlyMap<string, number>,
    byArea: ReadonlyMap<string, number[]>,
    kinds: ReadonlyArray<OrganisationKind | undefined>,
    fallbacks: ReadonlySet<string>,
  ) {
    this.list = functions;
    this.terms = terms;
    this.byIdMap = byId;
    this.byArea = byArea;
    this.kinds = kinds;
    this.fallbacks = fallbacks;
  }

  index(id: string): number | undefined {
    return this.byIdMap.get(id);
  }

  get(id: string): OrgFunction | undefined {
    const i = this.byIdMap.get(id);
    return i === undefined ? undefined : this.list[i];
  }

  kindOf(doc: number): OrganisationKind | undefined {
    return this.kinds[doc];
  }

  isFallback(doc: number): boolean {
    return this.fallbacks.has(this.list[doc]!.id);
  }

  /** Functions that list the area itself among the areas they cover. */
  coveringExactly(areaId: string): readonly number[] {
    return this.byArea.get(areaId) ?? [];
  }
}
