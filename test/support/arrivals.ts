/**
 * What the fake Slack Web API and the fake Bot Connector share: a list of things that arrive over
 * HTTP, and a wait until enough matching ones have arrived (or a timeout that says what came).
 */
export interface Arrivals {
  /** Call after pushing to any watched list. */
  arrived(): void;
  waitFor<T>(list: T[], match: (x: T) => boolean, count: number, timeoutMs: number, explain: (found: number) => string): Promise<T[]>;
}

export function arrivals(): Arrivals {
  const waiters = new Set<() => void>();
  return {
    arrived() {
      for (const wake of waiters) wake();
    },
    waitFor(list, match, count, timeoutMs, explain) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = list.filter(match);
          if (found.length >= count) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(found);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(explain(list.filter(match).length)));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
