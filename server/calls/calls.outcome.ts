import type { CallState } from '../ivr/ivr.engine.js';
import type { IvrFlow } from '../ivr/ivr.flow.js';
import type { CallRow } from './calls.acd.js';
import type { CALL_OUTCOMES } from './calls.tables.js';

type Outcome = (typeof CALL_OUTCOMES)[number];

/** How a call that just ended is recorded, from its answer, its IVR state and where it was. */
export function outcomeOf(call: CallRow, flow: IvrFlow | undefined): Outcome {
  if (call.answeredAt !== null) return 'answered';
  const state = call.ivrState as unknown as CallState | null;
  switch (state?.outcome) {
    case 'forwarded':
      return 'forwarded';
    case 'callback':
      return 'callback';
    case 'voicemail':
      return 'voicemail';
    case 'queued':
      return 'abandoned_queue';
    default: {
      if (state?.done) return 'ended_in_ivr';
      if (call.queue) return 'abandoned_queue';
      // A caller who heard a ticket's status and hung up was served by the IVR, not lost in it.
      return state?.path.some((n) => flow?.nodes[n]?.type === 'ticket_status')
        ? 'ended_in_ivr'
        : 'abandoned_ivr';
    }
  }
}
