// Tells the dispatchers, wherever they are in the console, when an order of Yantai's waiting for its 签收 turns
// yellow (the receipt time is near) or red (it has passed): the scanner's cards on the order's receipt clock.
import { ElNotification } from 'element-plus';
import { onBeforeUnmount } from 'vue';
import { useRouter } from 'vue-router';
import { orderSignAlert } from '../lib/live.js';
import { formatDateTime } from '../lib/time.js';
import { useLiveStore } from '../stores/live.js';

export function useOrderSignAlerts(enabled: () => boolean): void {
  const live = useLiveStore();
  const router = useRouter();
  const off = live.subscribe((e) => {
    const card = enabled() ? orderSignAlert(e) : null;
    if (card === null) return;
    const t = e.ticket;
    const n = ElNotification({
      title: card === 'red' ? '已超过市平台签收时限' : '市平台签收时限将至',
      message: `${t.no}（${t.upstreamOrderNo ?? '市平台转办'}）· ${t.title} · 签收时限 ${formatDateTime(t.upstreamSignDueAt)}，请尽快签收或退回`,
      type: card === 'red' ? 'error' : 'warning',
      // A red one stays until read: the district is already late.
      duration: card === 'red' ? 0 : 15_000,
      customClass: 'notify-order-sign',
      onClick: () => {
        n.close();
        void router.push(`/tickets/${t.no}`);
      },
    });
  });
  onBeforeUnmount(off);
}
