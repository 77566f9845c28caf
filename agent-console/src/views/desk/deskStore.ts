// The desk's call and agent state, kept for the session (not the page): a call that rings while the operator
// looks at a ticket page is on the desk when they come back. Listens from the first visit to the desk.
import { ElNotification } from 'element-plus';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import type { AgentState } from '../../api/calls.js';
import { router } from '../../router.js';
import { useLiveStore } from '../../stores/live.js';
import { useSessionStore } from '../../stores/session.js';
import { type CurrentCall, stepCall } from './desk.js';

export const useDeskStore = defineStore('desk', () => {
  const live = useLiveStore();
  const session = useSessionStore();

  /** Known once set from the desk or pushed (`agent:state`): the API has no read of one's own state. */
  const agentNo = ref<string | null>(null);
  const agentState = ref<AgentState | string | null>(null);
  const stateSince = ref<string | null>(null);
  const call = ref<CurrentCall | null>(null);
  /** Bumped on every `call:offered`, so the view can bring the form forward. */
  const rings = ref(0);

  live.on('call:offered', (pop) => {
    call.value = stepCall(call.value, { type: 'offered', pop, at: Date.now() });
    rings.value += 1;
    // Away from the desk (a ticket page): say so, one click brings the operator back.
    if (router.currentRoute.value.name !== 'desk') {
      const n = ElNotification({
        title: '来电振铃',
        message: `${pop.from} → ${pop.line}，点击回到话务台`,
        type: 'warning',
        duration: 15_000,
        customClass: 'notify-call-offered',
        onClick: () => {
          n.close();
          void router.push('/desk');
        },
      });
    }
  });
  live.on('call:answered', (e) => {
    call.value = stepCall(call.value, { type: 'answered', ...e, at: Date.now() });
  });
  live.on('call:ended', (e) => {
    call.value = stepCall(call.value, { type: 'ended', ...e, at: Date.now() });
  });
  live.on('agent:state', (e) => {
    // Operators get their own agent's changes only; keep to the known number once there is one.
    if (agentNo.value && e.agent !== agentNo.value) return;
    agentNo.value = e.agent;
    agentState.value = e.state;
    stateSince.value = e.at;
    call.value = stepCall(call.value, { type: 'agent_state', state: e.state, at: Date.now() });
  });

  /** The answer of `POST /api/agents/me/state`. */
  function stateSet(agent: string, state: AgentState): void {
    agentNo.value = agent;
    if (agentState.value !== state) stateSince.value = new Date().toISOString();
    agentState.value = state;
  }

  // Another login in this tab starts from nothing.
  watch(
    () => session.user?.id,
    () => {
      agentNo.value = null;
      agentState.value = null;
      stateSince.value = null;
      call.value = null;
    },
  );

  return { agentNo, agentState, stateSince, call, rings, stateSet };
});
