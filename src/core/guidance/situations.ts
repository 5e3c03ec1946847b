/**
 * Which kinds of case a question describes ("mammas nya kille slår henne" is a crime against a
 * child; "han håller på att rekryteras" a risk of crime ahead), read from the cue words editors keep
 * in `knowledge/situations.yaml`. Snippets declare the situations they answer, so ranking can weigh
 * agreement of facts beside agreement of words: a long case description shares many words with the
 * wrong rule and few with the right one.
 */
import type { OrganisationKind, Situation, Snippet } from '../knowledge/schema.js';
import type { Analysis } from '../search/analyse.js';
import { CueMatcher } from '../text/cues.js';
import { harmedAges } from '../text/age.js';

/** The age from which a person is no child (18). */
export const ADULT = 18;

/** Kinds of case in which a child may need social services' protection: the duty to report concern. */
const CHILD_AT_RISK: ReadonlySet<string> = new Set(['barn-far-illa', 'brott-mot-barn']);
/** Kinds of case that put a child at risk when the one it concerns is a child: honour-based oppression of a 15-year-old, not of a 20-year-old. */
const CHILD_AT_RISK_WHEN_A_CHILD: ReadonlySet<string> = new Set(['hedersvald']);
export const childAtRisk = (situations: ReadonlySet<string>, ages: readonly number[] = []) =>
  [...situations].some((x) => CHILD_AT_RISK.has(x) || (CHILD_AT_RISK_WHEN_A_CHILD.has(x) && ages.some((a) => a < ADULT)));
/** Whose work carries the duty to report concern (authorities and their staff; not private persons or associations). */
export const reportsByDuty = (kind: OrganisationKind | undefined) => kind !== undefined && kind !== 'ovrig';

export class SituationIndex {
  private readonly cues: CueMatcher<string>;
  readonly byId: ReadonlyMap<string, Situation>;

  /** Per situation about a child, the words that name one. */
  private readonly childWords: CueMatcher<string>;
  /** Per situation, the cues that tell the story is the other way round (`notWhen`). */
  private readonly otherWayRound: CueMatcher<string>;

  constructor(situations: readonly Situation[]) {
    this.byId = new Map(situations.map((s) => [s.id, s]));
    // A situation's own name is one of its cues: a clarifying button sends it as the answer.
    this.cues = new CueMatcher(situations.map((s) => ({ label: s.id, cues: [...s.cues, s.name] })));
    // Whole words only: "ex-flickvän" is no "flicka", "sonens" is "sonen"'s genitive, not a compound.
    this.childWords = new CueMatcher(situations.flatMap((s) => (s.child ? [{ label: s.id, cues: s.child.words }] : [])), { compounds: false });
    this.otherWayRound = new CueMatcher(situations.flatMap((s) => (s.notWhen ? [{ label: s.id, cues: s.notWhen }] : [])));
  }

  private readonly bySnippets = new WeakMap<readonly Snippet[], { docs: Map<string, number[]>; tagged: number }>();

  /** Per situation, the positions of the snippets written for it, worked out once per knowledge version. */
  private listed(snippets: readonly Snippet[]): { docs: Map<string, number[]>; tagged: number } {
    let listed = this.bySnippets.get(snippets);
    if (!listed) {
      const docs = new Map<string, number[]>();
      let tagged = 0;
      snippets.forEach((s, doc) => {
        if (s.situations.length > 0) tagged++;
        for (const x of s.situations) {
          const list = docs.get(x);
          if (list) list.push(doc);
          else docs.set(x, [doc]);
        }
      });
      this.bySnippets.set(snippets, (listed = { docs, tagged }));
    }
    return listed;
  }

  /** Positions of the snippets written for a situation. */
  snippetsFor(id: string, snippets: readonly Snippet[]): readonly number[] {
    return this.listed(snippets).docs.get(id) ?? [];
  }

  /** The share of the snippets written for a situation: the rarer, the more a question naming it tells. */
  share(id: string, snippets: readonly Snippet[]): number {
    const { docs, tagged } = this.listed(snippets);
    return (docs.get(id)?.length ?? 0) / Math.max(1, tagged);
  }

  /** The situations a question names, by their cues or by the situation's own name. */
  find(analysis: Pick<Analysis, 'words' | 'typed' | 'ages' | 'englishStems' | 'folded'>): ReadonlySet<string> {
    // Asked for every candidate snippet of a search: worked out once per question.
    let kept = this.kept.get(analysis.words);
    if (!kept) this.kept.set(analysis.words, (kept = this.keep(analysis)));
    return kept;
  }

  private readonly kept = new WeakMap<readonly string[], ReadonlySet<string>>();

  /**
   * The situations about a child whose child the question names: by a word ("pojken", "dottern"), or
   * by the age of someone it says was harmed ("misshandel av en 14-åring" names the victim, where
   * "en 14-åring misstänkt för misshandel" names only a suspect).
   */
  private namedChild(analysis: Pick<Analysis, 'words' | 'typed' | 'ages' | 'englishStems' | 'folded'>, found: ReadonlySet<string>): ReadonlySet<string> {
    const byWord = this.childWords.find(analysis);
    if (!harmedAges(analysis.folded).some((a) => a < ADULT)) return byWord;
    return new Set([...byWord, ...[...found].filter((id) => this.byId.get(id)?.child)]);
  }

  private keep(analysis: Pick<Analysis, 'words' | 'typed' | 'ages' | 'englishStems' | 'folded'>): ReadonlySet<string> {
    const reversed = this.otherWayRound.find(analysis);
    const cued = this.cues.find(analysis);
    const found = reversed.size === 0 ? cued : new Set([...cued].filter((id) => !reversed.has(id)));
    const adultsOnly = analysis.ages.length > 0 && analysis.ages.every((a) => a >= ADULT);
    const named = [...found].some((id) => this.byId.get(id)?.child || this.byId.get(id)?.yieldsTo) ? this.namedChild(analysis, found) : new Set<string>();
    const dropped = [...found].filter((id) => {
      const s = this.byId.get(id);
      if (s?.child && adultsOnly && !named.has(id)) return true;
      return (s?.yieldsTo ?? []).some((y) => {
        if (!found.has(y.situation)) return false;
        if (y.always) return true;
        // "en 17-åring misstänkt för grov misshandel": the age is the suspect's unless a word names the child harmed.
        if (y.unlessNamed) return !named.has(id);
        // Without an age limit: only where a word names the child ("pojken"); "en 13-åring misstänkt
        // för misshandel" gives an age that may be the suspect's.
        return y.over === undefined ? named.has(y.situation) : !analysis.ages.some((a) => a <= y.over!);
      });
    });
    if (dropped.length === 0) return found;
    return new Set([...found].filter((id) => !dropped.includes(id)));
  }
}
