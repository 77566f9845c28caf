// Runs a ticket action without fields (签收, 提交派单…): one call, a success toast, the error as a toast.
import { ElMessage } from 'element-plus';
import { ref } from 'vue';
import { errorMessage } from '../api/errors.js';
import { ticketsApi } from '../api/index.js';
import type { ActionBodies, Ticket, TicketAction } from '../api/types.js';
import { actionLabel } from '../lib/labels.js';

/** `const { run, pending } = useTicketAction(); const t = await run(no, 'sign', {})` → the ticket, or null on error. */
export function useTicketAction() {
  const pending = ref(false);
  async function run<A extends TicketAction>(
    no: string,
    action: A,
    body: ActionBodies[A],
  ): Promise<Ticket | null> {
    if (pending.value) return null;
    pending.value = true;
    try {
      const ticket = await ticketsApi.act(no, action, body);
      ElMessage.success(`${actionLabel(action)}成功`);
      return ticket;
    } catch (err) {
      ElMessage.error(errorMessage(err));
      return null;
    } finally {
      pending.value = false;
    }
  }
  return { run, pending };
}
