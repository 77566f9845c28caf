// One Yantai order body for every test and benchmark that sends one (the fields DESIGN.md §5 lists), built
// around `now`: created an hour before, to be signed for within a day and finished within ten.
import { toIso } from '../../server/core/clock.js';

export function yantaiOrder(
  now: number,
  ids: { orderNo: string; messageId: string },
  overrides: Record<string, unknown> = {},
) {
  return {
    messageId: ids.messageId,
    orderNo: ids.orderNo,
    title: '小区供暖温度不达标',
    content: '来电人反映所住小区室温仅 14 度，要求供热公司尽快处理。',
    appealType: 'complaint',
    category: '城市综合',
    caller: { name: '刘女士', phone: '13905350001' },
    address: '蓬莱区登州街道某小区',
    town: '登州街道',
    urgency: 'normal',
    confidential: false,
    createdAt: toIso(now - 3_600_000),
    signDueAt: toIso(now + 86_400_000),
    dueAt: toIso(now + 10 * 86_400_000),
    attachments: [],
    ...overrides,
  };
}
