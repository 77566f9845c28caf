// A report view that follows the live stream: reloaded a while after ticket events come in (debounced) when
// what it shows can move (`applies`: the month shown is the current one), and at once when the connection asks
// for a reload. With `active`, only while the view shows: one shown again after events came in reloads at once.
import { onBeforeUnmount, watch } from 'vue';
import { useLiveStore } from '../stores/live.js';

export function useLiveReload(
  load: () => void,
  opts: { delayMs: number; applies: () => boolean; active?: () => boolean },
): void {
  const live = useLiveStore();
  let soon: ReturnType<typeof setTimeout> | null = null;
  let stale = false;
  const off = live.subscribe(() => {
    if (!opts.applies()) return;
    if (opts.active && !opts.active()) {
      stale = true;
      return;
    }
    if (soon) return;
    soon = setTimeout(() => {
      soon = null;
      load();
    }, opts.delayMs);
  });
  if (opts.active) {
    watch(opts.active, (active) => {
      if (!active || !stale) return;
      stale = false;
      load();
    });
  }
  const offReload = live.onReload(load);
  onBeforeUnmount(() => {
    off();
    offReload();
    if (soon) clearTimeout(soon);
  });
}
