import type { AuthUser } from '../auth/auth.service.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { CallsService } from '../calls/calls.service.js';
import { ensureCategories } from '../directory/categories.js';
import type { DirectoryService } from '../directory/directory.service.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';
import type { TicketsService } from '../tickets/tickets.service.js';
import { seedKnowledge } from './knowledge.js';
import { CITY_DEPARTMENTS, TOWNS } from './penglai.js';

export interface DemoLogin {
  username: string;
  displayName: string;
  role: string;
}

/**
 * Seeds the Penglai demo on an empty directory: departments, categories, one user per role, one handler
 * per department, the knowledge base's first answers, and a dozen sample tickets walked through the real services (two of them citizens' web appeals waiting for review). Returns the logins,
 * or null when the directory already had users (it never seeds twice).
 */
export async function seedDemo(
  deps: {
    directory: DirectoryService;
    tickets: TicketsService;
    passwords: PasswordHasher;
    calls: Pick<CallsService, 'upsertAgent'>;
    knowledge: Pick<KnowledgeService, 'create'>;
  },
  password: string,
): Promise<DemoLogin[] | null> {
  const { directory, tickets } = deps;
  if (directory.listUsers().length > 0) return null;

  const deptIds = new Map<string, number>();
  for (const d of CITY_DEPARTMENTS) {
    deptIds.set(d.code, directory.createDepartment({ code: d.code, name: d.name, level: 'city' }).id);
  }
  for (const t of TOWNS) {
    const town = directory.createDepartment({ code: t.code, name: t.name, level: 'town' });
    deptIds.set(t.code, town.id);
    for (const v of t.villages ?? []) {
      deptIds.set(v.code, directory.createDepartment({ ...v, level: 'village', parentId: town.id }).id);
    }
  }
  const categoryIds = ensureCategories(directory);

  const people: { username: string; displayName: string; role: AuthUser['role']; departmentId?: number }[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin' },
    { username: 'operator1', displayName: '王丽', role: 'operator' },
    { username: 'operator2', displayName: '李娜', role: 'operator' },
    { username: 'dispatcher1', displayName: '张强', role: 'dispatcher' },
    { username: 'supervisor1', displayName: '刘敏', role: 'supervisor' },
  ];
  for (const d of directory.listDepartments()) {
    people.push({
      username: `handler.${d.code}`,
      displayName: `${d.name}承办人`,
      role: 'handler',
      departmentId: d.id,
    });
  }
  const users = new Map<string, AuthUser>();
  // Every demo login shares one password: hash it once (argon2 is slow on purpose).
  const hash = await deps.passwords.hash(password);
  for (const p of people) {
    const u = await directory.createUser({ ...p, password: { hash } });
    const dep = u.departmentId === null ? undefined : directory.getDepartment(u.departmentId);
    users.set(p.username, { ...u, departmentLevel: dep?.level ?? null });
  }

  // The two operators take calls as agents 1001 and 1002, on every queue.
  deps.calls.upsertAgent(users.get('operator1')!.id, '1001', ['general', 'enterprise', 'dialect']);
  deps.calls.upsertAgent(users.get('operator2')!.id, '1002', ['general', 'enterprise', 'dialect']);

  seedKnowledge(deps.knowledge, users.get('admin')!, categoryIds);

  const as = (username: string) => users.get(username)!;
  const dept = (code: string) => deptIds.get(code)!;
  const register = (input: Parameters<TicketsService['register']>[1]) =>
    tickets.register(as('operator1'), input).ticket.no;
  const act = (who: string, no: string, action: string, body: object = {}) =>
    tickets.act(as(who), no, action, body);
  const dispatched = (no: string, lead: string, assists: string[] = []) => {
    act('operator1', no, 'submit');
    act('dispatcher1', no, 'dispatch', { lead: dept(lead), assists: assists.map(dept) });
  };

  // Two citizens' web appeals (网上诉求) waiting for an operator's review.
  tickets.registerFromWeb({
    appealType: 'complaint',
    title: '公园健身器材损坏',
    content: '画河公园北侧健身区的太空漫步机踏板断裂，老人孩子容易受伤，希望尽快维修。',
    caller: { name: '周女士', phone: '13805351021' },
    address: '蓬莱区画河公园北侧健身区',
    town: '登州街道',
    confidential: false,
  });
  tickets.registerFromWeb({
    appealType: 'suggestion',
    title: '建议早高峰加开 3 路公交',
    content: '早上七点到八点 3 路公交车很挤，经常上不去车，建议高峰时段加密班次。',
    caller: { phone: '13805351022' },
    town: '紫荆山街道',
    confidential: false,
  });

  register({
    appealType: 'consult',
    title: '咨询居住证办理需要哪些材料',
    content: '来电人咨询在蓬莱办理居住证需要准备的材料和办理地点。',
    caller: { name: '赵先生', phone: '13805351001' },
    categoryId: categoryIds.get('社会保障'),
  });
  act(
    'operator1',
    register({
      appealType: 'consult',
      title: '咨询不动产登记中心办公时间',
      content: '来电人咨询不动产登记中心周六是否上班。',
      caller: { name: '钱女士', phone: '13805351002' },
      categoryId: categoryIds.get('国土规划'),
    }),
    'answer',
    { answer: '不动产登记中心工作日 8:30-12:00、13:30-17:30 办公，周六不办公。' },
  );
  act(
    'operator1',
    register({
      appealType: 'complaint',
      title: '小区楼下烧烤店夜间噪声扰民',
      content: '钟楼东路某小区楼下烧烤店每晚营业至凌晨两点，噪声严重影响休息。',
      caller: { name: '孙先生', phone: '13805351003' },
      categoryId: categoryIds.get('噪声扰民'),
      address: '蓬莱区钟楼东路',
      town: '登州街道',
    }),
    'submit',
  );
  dispatched(
    register({
      appealType: 'complaint',
      title: '小区电梯频繁故障',
      content: '海市路某小区3号楼电梯一周内停运三次，物业未及时维修，老人出行困难。',
      caller: { name: '李女士', phone: '13805351004' },
      categoryId: categoryIds.get('物业管理'),
      address: '蓬莱区海市路',
    }),
    'zjj',
  );
  const food = register({
    appealType: 'report',
    title: '超市销售过期食品',
    content: '来电人反映北关路某超市货架上有过期酸奶在售。',
    caller: { name: '周先生', phone: '13805351005' },
    categoryId: categoryIds.get('食品安全'),
  });
  dispatched(food, 'scjg');
  act('handler.scjg', food, 'sign');
  const wages = register({
    appealType: 'help',
    title: '建筑工地拖欠农民工工资',
    content: '来电人在南王街道某工地务工，工程结束三个月仍未结清工资约两万元。',
    caller: { name: '吴先生', phone: '13805351006' },
    categoryId: categoryIds.get('拖欠工资'),
    urgency: 'urgent',
  });
  dispatched(wages, 'rsj', ['nwjd']);
  act('handler.rsj', wages, 'sign');
  act('handler.rsj', wages, 'request_extension', { days: 3, reason: '需协调建设单位和总包单位核对工资台账' });
  const bus = register({
    appealType: 'suggestion',
    title: '建议增开蓬莱阁至高铁站公交',
    content: '旅游旺季游客多，建议增开蓬莱阁景区至蓬莱高铁站的公交班次。',
    caller: { name: '郑女士', phone: '13805351007' },
    categoryId: categoryIds.get('公交出行'),
  });
  dispatched(bus, 'zrzy');
  act('handler.zrzy', bus, 'request_return', { reason: '公交线路规划不属于本单位职责，应由交通运输局办理' });
  const water = register({
    appealType: 'help',
    title: '小区停水两天未恢复',
    content: '紫荆山街道某小区自前天起停水，未见通知。',
    caller: { name: '冯先生', phone: '13805351008' },
    categoryId: categoryIds.get('供水供电'),
  });
  dispatched(water, 'gs');
  act('handler.gs', water, 'sign');
  act('handler.gs', water, 'reply', {
    publicReply: '经查为主管道破裂抢修，已于当日 18 时恢复供水，今后停水将提前张贴通知。',
    solved: true,
  });
  const stall = register({
    appealType: 'complaint',
    title: '学校门口占道经营',
    content: '蓬莱阁街道某小学门口早晚有流动摊贩占道经营，影响学生上下学安全。',
    caller: { name: '陈女士', phone: '13805351009' },
    categoryId: categoryIds.get('占道经营'),
  });
  dispatched(stall, 'cgj');
  act('handler.cgj', stall, 'sign');
  act('handler.cgj', stall, 'reply', {
    publicReply: '已安排执法队员早晚定点值守，摊贩已劝离。',
    solved: true,
  });
  act('supervisor1', stall, 'approve_reply');
  const power = register({
    appealType: 'help',
    title: '路灯不亮',
    content: '大辛店镇某村主路路灯已坏一周。',
    caller: { name: '褚先生', phone: '13805351010' },
    categoryId: categoryIds.get('供水供电'),
  });
  dispatched(power, 'gd');
  act('handler.gd', power, 'sign');
  act('handler.gd', power, 'reply', { publicReply: '已更换损坏的路灯控制器，路灯恢复正常。', solved: true });
  act('supervisor1', power, 'approve_reply');
  act('supervisor1', power, 'revisit', { reached: true, solved: true, satisfaction: 'satisfied' });
  const road = register({
    appealType: 'help',
    title: '村内道路积水',
    content: '刘家沟镇刘家沟村村内主路雨后积水严重，无法通行。',
    caller: { name: '卫先生', phone: '13805351011' },
    categoryId: categoryIds.get('农村建设'),
    town: '刘家沟镇',
  });
  dispatched(road, 'ljgz');
  act('handler.ljgz', road, 'sign');
  act('handler.ljgz', road, 'pass_down', { departmentId: dept('ljgz-ljg') });
  const pollution = register({
    appealType: 'report',
    title: '企业夜间偷排废水',
    content: '来电人举报村里集镇某企业夜间向河道排放废水，有明显异味。',
    caller: { name: '蒋先生', phone: '13805351012' },
    categoryId: categoryIds.get('林业生态'),
    confidential: true,
    urgency: 'urgent',
  });
  dispatched(pollution, 'sthj', ['cljz']);
  act('supervisor1', pollution, 'urge', { message: '请立即安排执法人员夜间蹲守取证' });
  act(
    'operator2',
    register({
      appealType: 'complaint',
      title: '与前单位劳动仲裁结果不服',
      content: '来电人对劳动仲裁裁决不服，要求热线改判。',
      caller: { name: '沈女士', phone: '13805351013' },
    }),
    'reject',
    { reason: '属于诉讼范围，已告知来电人可在收到裁决书之日起十五日内向人民法院提起诉讼。' },
  );

  return people.map(({ username, displayName, role }) => ({ username, displayName, role }));
}
