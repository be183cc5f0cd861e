// The client's default sleep: a real timer that ends early, with an AbortError, when the signal aborts.
import { setTimeout as delay } from 'node:timers/promises';
import { abortErrorFor, throwIfAborted } from './hubErrors.js';

export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  throwIfAborted(signal);
  if (!(ms > 0)) return;
  // Timers may fire a millisecond early; callers compare against Date.now(), so top up until due.
  const due = Date.now() + ms;
  for (let left = ms; left > 0; left = due - Date.now()) {
    try {
      await delay(left, undefined, { signal });
    } catch (error) {
      if (signal?.aborted) throw abortErrorFor(signal);
      throw error;
    }
  }
}
