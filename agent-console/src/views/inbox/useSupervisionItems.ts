// The department's 督办单 for the inbox: loaded once, again shortly after a live event that may bring one
// (a `red` card, a `supervise`) or withdraw some (`touchesSupervision`) and after a live reload; an item
// answered here replaces its old self.
import { computed, onBeforeUnmount, ref, shallowRef } from 'vue';
import { errorMessage } from '../../api/errors.js';
import { inboxApi } from '../../api/inbox.js';
import { useLiveStore } from '../../stores/live.js';
import { itemsByTicket, replaceItem, type SupervisionItem, sortItems, touchesSupervision } from './inbox.js';

export function useSupervisionItems() {
  const live = useLiveStore();
  const items = shallowRef<SupervisionItem[]>([]);
  const error = ref<string | null>(null);
  const openItems = computed(() => items.value.filter((i) => i.status === 'open'));
  const byTicket = computed(() => itemsByTicket(items.value));

  async function load() {
    try {
      items.value = sortItems(await inboxApi.supervisionItems());
      error.value = null;
    } catch (err) {
      error.value = errorMessage(err);
    }
  }
  void load();

  let timer: ReturnType<typeof setTimeout> | null = null;
  const offEvents = live.subscribe((e) => {
    if (!touchesSupervision(e.action)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void load(), 400);
  });
  const offReload = live.onReload(() => void load());
  onBeforeUnmount(() => {
    offEvents();
    offReload();
    if (timer) clearTimeout(timer);
  });

  /** An item just answered (from the 答复督办 dialog). */
  function answered(item: SupervisionItem) {
    items.value = replaceItem(items.value, item);
  }

  return { items, error, openItems, byTicket, load, answered };
}
