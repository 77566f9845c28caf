// Tells the dispatchers, wherever they are in the console, when an order of Yantai's waiting for its 签收 turns
// yellow (the receipt time is near) or red (it has passed): the scanner's cards on the order's receipt clock.
// Cards that come together (one scan turning a batch of orders with the same signDueAt, a replay after a
// reconnect) are gathered for a moment: one or two are shown each, more as one summary (alertBatch).
import { ElNotification } from 'element-plus';
import { onBeforeUnmount } from 'vue';
import { useRouter } from 'vue-router';
import type { LiveTicketEvent } from '../api/types.js';
import { alertBatch, orderSignAlert } from '../lib/live.js';
import { formatDateTime } from '../lib/time.js';
import { useLiveStore } from '../stores/live.js';

const GATHER_MS = 300;

export function useOrderSignAlerts(enabled: () => boolean): void {
  const live = useLiveStore();
  const router = useRouter();
  let gathered: { card: 'yellow' | 'red'; ticket: LiveTicketEvent['ticket'] }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  function notify(card: 'yellow' | 'red', title: string, message: string, to: string): void {
    const n = ElNotification({
      title,
      message,
      type: card === 'red' ? 'error' : 'warning',
      // A red one stays until read: the district is already late.
      duration: card === 'red' ? 0 : 15_000,
      customClass: 'notify-order-sign',
      onClick: () => {
        n.close();
        void router.push(to);
      },
    });
  }

  function flush(): void {
    timer = undefined;
    const batch = alertBatch(gathered);
    gathered = [];
    if (batch.kind === 'each') {
      for (const { card, ticket: t } of batch.alerts) {
        notify(
          card,
          card === 'red' ? '已超过市平台签收时限' : '市平台签收时限将至',
          `${t.no}（${t.upstreamOrderNo ?? '市平台转办'}）· ${t.title} · 签收时限 ${formatDateTime(t.upstreamSignDueAt)}，请尽快签收或退回`,
          `/tickets/${t.no}`,
        );
      }
      return;
    }
    const card = batch.red > 0 ? 'red' : 'yellow';
    const parts = [
      batch.red > 0 && `${batch.red} 件已超过签收时限`,
      batch.yellow > 0 && `${batch.yellow} 件签收时限将至`,
    ];
    notify(
      card,
      `市平台转办 ${batch.red + batch.yellow} 件待签收`,
      `${parts.filter(Boolean).join('，')}，点击查看待派单`,
      '/dispatch',
    );
  }

  const off = live.subscribe((e) => {
    const card = enabled() ? orderSignAlert(e) : null;
    if (card === null) return;
    gathered.push({ card, ticket: e.ticket });
    timer ??= setTimeout(flush, GATHER_MS);
  });
  onBeforeUnmount(() => {
    off();
    clearTimeout(timer);
  });
}
