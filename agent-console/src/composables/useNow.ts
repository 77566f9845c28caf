// A shared clock ticking every 30 s, so "剩余 …" texts move without each row running its own timer.
import { onScopeDispose, type Ref, ref } from 'vue';

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time (ms), updated every 30 seconds while any component uses it. */
export function useNow(): Ref<number> {
  users += 1;
  if (!timer) {
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
    }, 30_000);
  }
  onScopeDispose(() => {
    users -= 1;
    if (users === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  });
  return now;
}
