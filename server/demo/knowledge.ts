// The demo's knowledge base: answers Penglai's operators give on the call every day (直办). The facts are
// the kind a real centre keeps; a deployment writes its own in 系统管理 → 知识库.
import type { AuthUser } from '../auth/auth.service.js';
import type { KnowledgeService } from '../knowledge/knowledge.service.js';

const ARTICLES: { title: string; keywords: string; category: string; source: string; answer: string }[] = [
  {
    title: '居住证怎么办理',
    keywords: '暂住证 居住登记 外地户口 落户',
    category: '社会保障',
    source: '区公安分局',
    answer:
      '在本区居住满半年，有合法稳定就业、住所或连续就读的，可携带身份证、居住登记凭证和租房合同（或房产证明）到居住地派出所户籍窗口办理，符合条件的当场受理，15 个工作日内制证。',
  },
  {
    title: '社保卡丢了怎么补办',
    keywords: '社会保障卡 挂失 补卡 换卡',
    category: '社保缴纳',
    source: '区人力资源和社会保障局',
    answer:
      '先拨打 12333 或通过“爱山东”App 办理临时挂失，再携带身份证到任一合作银行网点或区政务服务中心社保窗口补办，即时制卡的网点当场取卡。',
  },
  {
    title: '供暖季从什么时候开始',
    keywords: '暖气 供热 集中供暖 停暖',
    category: '供暖供气',
    source: '区住房和城乡建设局',
    answer:
      '城区集中供暖期为每年 11 月 15 日至次年 3 月 31 日，遇极端天气会提前或延长并另行公告。室温低于 18 度可先联系供热公司客服，未解决的可由热线登记转办。',
  },
  {
    title: '住房公积金怎么提取',
    keywords: '公积金 提取 租房 购房 销户',
    category: '社会保障',
    source: '烟台市住房公积金管理中心蓬莱分中心',
    answer:
      '租房、购房、还贷、退休等情形可提取，多数业务可在“烟台公积金”App 或“爱山东”App 线上办理；线下携带身份证和相关证明到区政务服务中心公积金窗口办理。',
  },
  {
    title: '12345 热线受理哪些事项',
    keywords: '受理范围 不予受理 报警 诉讼',
    category: '办事效率',
    source: '区 12345 热线',
    answer:
      '受理本区企业和群众的咨询、求助、投诉、举报和建议。涉及违法犯罪请拨 110，火警 119，医疗急救 120；已进入诉讼、仲裁、信访程序的事项请按相应程序办理。',
  },
  {
    title: '新生儿怎么上户口',
    keywords: '出生登记 落户 报户口 出生证明',
    category: '民政救助',
    source: '区公安分局',
    answer:
      '出生一个月内，由父母一方携带出生医学证明、父母双方身份证、户口簿和结婚证到户籍所在地派出所办理出生登记，也可通过“爱山东”App 的出生一件事联办。',
  },
];

/** Adds the demo articles (the directory's category names to ids). */
export function seedKnowledge(
  knowledge: Pick<KnowledgeService, 'create'>,
  admin: AuthUser,
  categoryIds: Map<string, number>,
): void {
  for (const { category, ...a } of ARTICLES) {
    knowledge.create(admin, { ...a, categoryId: categoryIds.get(category) ?? null });
  }
}
