import type { RegisterInput } from '../../server/tickets/tickets.schemas.js';

let n = 0;

/** A valid registration body; override any field. */
export function buildTicketInput(overrides: Partial<RegisterInput> = {}): RegisterInput {
  n += 1;
  return {
    appealType: 'complaint',
    title: `小区噪声扰民 ${n}`,
    content: '楼下商铺夜间施工，噪声很大，影响休息。',
    caller: { name: '张三', phone: `138053${String(50000 + n).padStart(5, '0')}` },
    address: '蓬莱区钟楼东路 1 号',
    town: '登州街道',
    ...overrides,
  };
}
