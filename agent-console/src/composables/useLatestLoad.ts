// A view's one list loaded from the API, latest request wins: a new load aborts the one in flight, whose answer
// (or failure) is then ignored; `loadSoon` waits for a pause first (typing in a search box). Aborted on unmount.
import { onBeforeUnmount, ref, shallowRef } from 'vue';
import { errorMessage } from '../api/errors.js';

export function useLatestLoad<T>(fetch: (signal: AbortSignal) => Promise<T>) {
  const data = shallowRef<T | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** A `loadSoon` is waiting for its pause: what is shown is not the answer to what was typed yet. */
  const waiting = ref(false);
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    waiting.value = false;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    loading.value = true;
    try {
      const answer = await fetch(mine.signal);
      if (controller !== mine) return;
      data.value = answer;
      error.value = null;
    } catch (err) {
      if (mine.signal.aborted) return;
      error.value = errorMessage(err);
    } finally {
      if (controller === mine) loading.value = false;
    }
  }

  function loadSoon(ms = 250): void {
    if (timer) clearTimeout(timer);
    waiting.value = true;
    timer = setTimeout(() => void load(), ms);
  }

  onBeforeUnmount(() => {
    controller?.abort();
    if (timer) clearTimeout(timer);
  });

  return { data, loading, error, waiting, load, loadSoon };
}
