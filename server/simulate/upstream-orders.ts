import { randomUUID } from 'node:crypto';
import { compactLocalDate, toIso } from '../core/clock.js';
import type { NoticeInput, OrderInput } from '../upstream/upstream.schemas.js';

type Pick = <T>(items: readonly T[]) => T;

interface Place {
  town: string;
  /** Residential compounds or villages in the town. */
  places: readonly string[];
  roads: readonly string[];
}

/** Penglai's streets and towns, with made-up but plausible places in them. */
const PLACES: readonly Place[] = [
  { town: '登州街道', places: ['钟楼小区', '画河花园', '西关村'], roads: ['钟楼北路', '登州路'] },
  { town: '紫荆山街道', places: ['紫荆苑小区', '海市花园', '府前社区'], roads: ['海市路', '府前路'] },
  { town: '新港街道', places: ['新港家园', '海景苑小区'], roads: ['新港路', '港城路'] },
  { town: '蓬莱阁街道', places: ['丹崖社区', '蓬莱阁小区'], roads: ['迎宾路', '北关路'] },
  { town: '南王街道', places: ['南王小区', '山后陈家村'], roads: ['南环路', '金创路'] },
  { town: '南长山街道', places: ['长山岛花园', '黑石嘴村'], roads: ['环海路', '长山路'] },
  { town: '刘家沟镇', places: ['刘家沟村', '马家庄村'], roads: ['刘家沟大街', 'S304 省道'] },
  { town: '北沟镇', places: ['北沟村', '吕家村'], roads: ['北沟大街'] },
  { town: '大辛店镇', places: ['大辛店村', '木兰沟村'], roads: ['大辛店大街'] },
  { town: '村里集镇', places: ['村里集村', '牟家村'], roads: ['村里集大街'] },
];

interface Template {
  category: string;
  appealType: OrderInput['appealType'];
  title: string;
  /** `{place}`, `{road}`, `{n}` (a small number) and `{amount}` are filled in. */
  content: string;
  urgentChance: number;
}

/** What Penglai's residents call about, filed under Yantai's second-level categories. */
const TEMPLATES: readonly Template[] = [
  {
    category: '供暖供气',
    appealType: 'complaint',
    title: '小区供暖温度不达标',
    content: '来电人反映{place}自本周起室内温度仅 {n} 度左右，多次联系供热公司未果，要求尽快上门检修。',
    urgentChance: 0.2,
  },
  {
    category: '供暖供气',
    appealType: 'help',
    title: '楼道供暖管道漏水',
    content: '{place}{n} 号楼楼道内供暖管道漏水，地面结冰，老人出行容易滑倒，请求尽快维修。',
    urgentChance: 0.4,
  },
  {
    category: '供水供电',
    appealType: 'complaint',
    title: '小区突然停水未提前通知',
    content: '{place}自今天早上起停水，未见任何停水通知，家中有老人孩子，要求尽快恢复供水并说明原因。',
    urgentChance: 0.5,
  },
  {
    category: '供水供电',
    appealType: 'report',
    title: '自来水发黄有异味',
    content: '{place}近 {n} 天自来水发黄、有异味，不敢饮用，请求相关部门检测水质。',
    urgentChance: 0.2,
  },
  {
    category: '噪声扰民',
    appealType: 'complaint',
    title: '工地夜间施工噪音扰民',
    content: '{road}附近工地每晚十点以后仍在施工，噪音很大，影响周边居民休息，要求查处。',
    urgentChance: 0,
  },
  {
    category: '噪声扰民',
    appealType: 'complaint',
    title: '广场舞音响声音过大',
    content: '{place}门口广场每晚跳广场舞，音响开得很大，持续到 {n} 点多，影响学生学习和老人休息。',
    urgentChance: 0,
  },
  {
    category: '物业管理',
    appealType: 'complaint',
    title: '电梯长期故障物业不维修',
    content: '{place}{n} 号楼电梯故障已两周，物业公司一直未维修，楼内有行动不便的老人，要求督促物业处理。',
    urgentChance: 0.1,
  },
  {
    category: '物业管理',
    appealType: 'consult',
    title: '咨询物业费收费标准',
    content: '来电人咨询{place}物业费每平方米 {n} 角是否符合规定，物业公司未公示收费依据。',
    urgentChance: 0,
  },
  {
    category: '拖欠工资',
    appealType: 'help',
    title: '工程完工后拖欠农民工工资',
    content:
      '来电人在{place}附近建筑工地务工，工程完工已 {n} 个月，施工方仍拖欠工资约 {amount} 元，请求协调解决。',
    urgentChance: 0.3,
  },
  {
    category: '拖欠工资',
    appealType: 'complaint',
    title: '饭店拖欠员工工资',
    content: '来电人在{road}一家饭店做服务员，离职后饭店拖欠 {n} 个月工资共 {amount} 元，老板一直推脱。',
    urgentChance: 0,
  },
  {
    category: '道路交通',
    appealType: 'report',
    title: '道路路面破损坑洼',
    content: '{road}靠近{place}路段路面出现多处坑洼，雨天积水，车辆行人通行不便，存在安全隐患。',
    urgentChance: 0.1,
  },
  {
    category: '道路交通',
    appealType: 'suggestion',
    title: '建议路口增设红绿灯',
    content: '{road}与{place}出入口交叉处车流量大，上下学时段学生过马路很危险，建议增设红绿灯或减速带。',
    urgentChance: 0,
  },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '孙', '周', '吴', '徐', '于', '姜', '曲'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Makes Yantai's orders and notices: realistic Penglai content, unique order numbers per run. */
export function createOrderFactory(opts: { random?: () => number; startedAt?: number } = {}) {
  const random = opts.random ?? Math.random;
  const pick: Pick = (items) => items[Math.floor(random() * items.length)]!;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const startedAt = opts.startedAt ?? Date.now();
  // YT + local date + local time of the run's start + a sequence: unique across runs a second apart.
  const runTag = `YT${compactLocalDate(startedAt)}${toIso(startedAt).slice(11, 19).replaceAll(':', '')}`;
  let seq = 0;

  return {
    order(now: number): OrderInput {
      seq += 1;
      const where = pick(PLACES);
      const tpl = pick(TEMPLATES);
      const place = `${where.town}${pick(where.places)}`;
      const fill = (text: string) =>
        text
          .replaceAll('{place}', place)
          .replaceAll('{road}', `${where.town}${pick(where.roads)}`)
          .replaceAll('{n}', String(int(2, 14)))
          .replaceAll('{amount}', String(int(3, 40) * 1000));
      const urgent = random() < tpl.urgentChance;
      const confidential = tpl.appealType === 'report' && random() < 0.3;
      const orderNo = `${runTag}${String(seq).padStart(4, '0')}`;
      return {
        messageId: randomUUID(),
        orderNo,
        title: tpl.title,
        content: fill(tpl.content),
        appealType: tpl.appealType,
        category: tpl.category,
        caller: {
          name: `${pick(SURNAMES)}${random() < 0.5 ? '先生' : '女士'}`,
          phone: `13${int(3, 9)}${String(int(0, 99_999_999)).padStart(8, '0')}`,
        },
        address: `烟台市蓬莱区${place}`,
        town: where.town,
        urgency: urgent ? 'urgent' : 'normal',
        confidential,
        createdAt: toIso(now - int(3, 40) * MINUTE),
        signDueAt: toIso(now + (urgent ? 2 * HOUR : DAY)),
        dueAt: toIso(now + (urgent ? DAY : 7 * DAY)),
        attachments:
          random() < 0.25
            ? [{ name: '现场照片.jpg', url: `https://files.yantai12345.example/${orderNo}/1.jpg` }]
            : [],
      };
    },

    notice(
      now: number,
      orderNo: string,
      kind: NoticeInput['kind'],
      reason: string,
      dueAt?: number,
    ): NoticeInput {
      return {
        messageId: randomUUID(),
        orderNo,
        kind,
        reason,
        ...(dueAt === undefined ? {} : { dueAt: toIso(dueAt) }),
        at: toIso(now),
      };
    },
  };
}

export type OrderFactory = ReturnType<typeof createOrderFactory>;
