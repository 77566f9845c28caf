// Calls and forms the desk tests start from.
import { type CurrentCall, stepCall } from '../../../agent-console/src/views/desk/call.logic.js';
import { type DeskForm, emptyForm } from '../../../agent-console/src/views/desk/desk.js';
import { screenPopFixture } from '../fixtures.js';

/** A screen pop of a call from the fixtures. */
export const pop = (callId: string, from = '13805351001') => screenPopFixture(callId, from);
/** A call ringing with its screen pop, offered at 1000. */
export const ringing = (callId: string): CurrentCall =>
  stepCall(null, { type: 'offered', pop: pop(callId), at: 1000 })!;

/** A complete form (a 投诉 with phone, title and content), with `over` on top. */
export const filled = (over: Partial<DeskForm> = {}): DeskForm => ({
  ...emptyForm(),
  appealType: 'complaint',
  callerPhone: ' 13805351001 ',
  title: ' 噪声扰民 ',
  content: '夜间施工',
  ...over,
});
