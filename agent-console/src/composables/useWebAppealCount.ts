// How many citizens' web appeals wait for an operator (the badge on 网上诉求 in the header): read once, and again
// a moment after live events come in (an operator hears its own registrations and every web appeal's events),
// and when the connection asks for a reload.
import { type Ref, ref } from 'vue';
import { ticketsApi } from '../api/index.js';
import { useLiveReload } from './useLiveReload.js';

export function useWebAppealCount(enabled: () => boolean): Ref<number> {
  const count = ref(0);
  async function load(): Promise<void> {
    if (!enabled()) return;
    try {
      count.value = (await ticketsApi.list({ status: 'registered', channel: 'web', pageSize: 1 })).total;
    } catch {
      // Only a badge: the list itself shows what went wrong.
    }
  }
  useLiveReload(() => void load(), { delayMs: 400, applies: enabled });
  void load();
  return count;
}
