// The desk's call and agent state, kept for the session (not the page): a call that rings while the operator
// looks at a ticket page is on the desk when they come back. Listens from the first visit to the desk.
import { ElNotification } from 'element-plus';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { type AgentState, callsApi } from '../../api/calls.js';
import { ApiError, errorMessage } from '../../api/errors.js';
import { router } from '../../router.js';
import { useLiveStore } from '../../stores/live.js';
import { useSessionStore } from '../../stores/session.js';
import { type AgentEvent, type AgentStatus, INITIAL_AGENT, stepAgent } from './agent.logic.js';
import { type CurrentCall, resumeCall, stepCall } from './call.logic.js';

export const useDeskStore = defineStore('desk', () => {
  const live = useLiveStore();
  const session = useSessionStore();

  /** Read with `GET /api/agents/me` (desk opened, reconnect), then kept by pushes and own changes. */
  const agent = ref<AgentStatus>(INITIAL_AGENT);
  const agentError = ref<string | null>(null);
  const agentNo = computed(() => agent.value.agentNo);
  const agentState = computed<AgentState | string | null>(() => agent.value.state);
  const stateSince = computed(() => agent.value.since);
  const step = (e: AgentEvent) => {
    agent.value = stepAgent(agent.value, e);
  };
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
    const { callId, from, line } = e;
    call.value = stepCall(call.value, { type: 'answered', callId, from, line, pop: e, at: Date.now() });
  });
  live.on('call:ended', (e) => {
    call.value = stepCall(call.value, { type: 'ended', ...e, at: Date.now() });
  });
  live.on('agent:state', (e) => {
    if (agent.value.agentNo && e.agent !== agent.value.agentNo) return;
    step({ type: 'pushed', agent: e.agent, state: e.state, at: e.at });
    call.value = stepCall(call.value, { type: 'agent_state', state: e.state, at: Date.now() });
  });

  /** The answer of `POST /api/agents/me/state`. */
  function stateSet(agentNo: string, state: AgentState, since?: string): void {
    step({ type: 'set', agent: agentNo, state, at: since ?? new Date().toISOString() });
  }

  /** `GET /api/agents/me`: the agent's number and state as the server has them (404: not an agent). */
  let asking: Promise<void> | null = null;
  function loadAgent(): Promise<void> {
    if (asking) return asking;
    const asked = agent.value.version;
    const user = session.user?.id;
    asking = callsApi
      .me()
      .then(
        (me) => {
          if (session.user?.id !== user) return;
          agentError.value = null;
          step({ type: 'me', asked, me });
          call.value = resumeCall(call.value, me.currentCall, Date.now());
        },
        (err: unknown) => {
          if (session.user?.id !== user) return;
          if (err instanceof ApiError && err.status === 404) {
            agentError.value = null;
            step({ type: 'missing', asked });
          } else {
            agentError.value = `坐席状态读取失败：${errorMessage(err)}`;
            step({ type: 'failed', asked });
          }
        },
      )
      .finally(() => {
        asking = null;
      });
    return asking;
  }

  // After a reconnect the pushes missed meanwhile are gone (they are not replayed): read the state again.
  // (The first connect of a page load is not one: the desk reads the state when it opens.)
  let connectedBefore = live.connected;
  watch(
    () => live.connected,
    (connected) => {
      if (!connected) return;
      if (connectedBefore && session.user?.role === 'operator') void loadAgent();
      connectedBefore = true;
    },
  );

  // Another login in this tab starts from nothing.
  watch(
    () => session.user?.id,
    () => {
      agent.value = INITIAL_AGENT;
      agentError.value = null;
      call.value = null;
    },
  );

  return { agent, agentError, agentNo, agentState, stateSince, call, rings, stateSet, loadAgent };
});
