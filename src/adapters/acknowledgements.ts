/**
 * Reply work that waits for acknowledgements, for both chat adapters. Slack and Teams only need the
 * HTTP response to know a request arrived (Slack gives up after 3 s); the answer goes out by a
 * separate post. So after a listener has acknowledged, its reply work queues here and runs one job
 * per turn of the event loop: requests already waiting on their sockets are read, checked and
 * acknowledged between two jobs, instead of after every answer queued before them. Jobs start in
 * arrival order, so one user's replies keep their order. The queue is bounded: past MAX_WAITING
 * jobs, each turn starts as many as it takes to get back under it, so under overload replies are
 * late by at most that many answers and acknowledgements slow down instead, which is the signal a
 * load balancer needs. One queue for Slack and Teams together: they share one process and one event
 * loop, so an answer of either delays the acknowledgements of both.
 */
const MAX_WAITING = 64;
const waiting: Array<() => void> = [];
let draining = false;

function drainReplies(): void {
  let started = 0;
  while (waiting.length > 0 && (started === 0 || waiting.length > MAX_WAITING)) {
    waiting.shift()!();
    started++;
  }
  if (waiting.length > 0) setImmediate(drainReplies);
  else {
    draining = false;
    checkIdle();
  }
}

/** Reply work started and not yet settled, and those waiting for none to be queued or running. */
let running = 0;
const idleWaiters: Array<() => void> = [];

/** After a turn of the event loop (so what a settled job's caller does next has started): wakes the idle waiters if nothing is queued or running. */
function checkIdle(): void {
  setImmediate(() => {
    if (running === 0 && waiting.length === 0 && !draining) for (const wake of idleWaiters.splice(0)) wake();
  });
}

/**
 * Resolves once no reply work is queued or running: the signal that everything a request set off
 * has been sent, for checks that nothing more is sent (tests), instead of sleeping a guessed time.
 */
export function repliesIdle(): Promise<void> {
  return new Promise((resolve) => {
    idleWaiters.push(resolve);
    checkIdle();
  });
}

export function afterAcknowledgements<T>(work: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push(() => {
      running++;
      const settled = () => {
        running--;
        checkIdle();
      };
      work().then(
        (value) => {
          settled();
          resolve(value);
        },
        (err) => {
          settled();
          reject(err);
        },
      );
    });
    if (!draining) {
      draining = true;
      setImmediate(drainReplies);
    }
  });
}
