import type { DirectoryService } from './directory.service.js';

/** Yantai's eight content classes, each with a few second-level categories. */
export const CATEGORIES: { code: string; name: string; children: string[] }[] = [
  {
    code: 'C01',
    name: '城市综合',
    children: ['市容环境', '违章建筑', '占道经营', '噪声扰民', '供水供电', '供暖供气'],
  },
  { code: 'C02', name: '社会事业', children: ['教育', '医疗卫生', '社会保障', '民政救助', '文化旅游'] },
  { code: 'C03', name: '经济综合', children: ['消费维权', '食品安全', '物价收费', '营商环境'] },
  { code: 'C04', name: '城乡建设', children: ['物业管理', '房屋质量', '道路交通', '公交出行'] },
  { code: 'C05', name: '人力资源保障', children: ['拖欠工资', '劳动关系', '社保缴纳', '就业创业'] },
  { code: 'C06', name: '三农问题', children: ['土地承包', '农村建设', '农业生产', '惠农补贴'] },
  { code: 'C07', name: '党风政风行风', children: ['工作作风', '办事效率', '服务态度'] },
  { code: 'C08', name: '自然资源', children: ['国土规划', '海洋渔业', '林业生态', '矿产资源'] },
];

/**
 * Creates Yantai's eight content classes and their second level when there are no categories yet
 * (every mode, production included: tickets are classified from the first day). Returns ids by name.
 */
export function ensureCategories(directory: DirectoryService): Map<string, number> {
  const ids = new Map<string, number>();
  const existing = directory.listCategories({ includeDisabled: true });
  if (existing.length > 0) {
    for (const c of existing) ids.set(c.name, c.id);
    return ids;
  }
  for (const c of CATEGORIES) {
    const parent = directory.createCategory({ code: c.code, name: c.name });
    ids.set(c.name, parent.id);
    for (const [j, name] of c.children.entries()) {
      const code = `${c.code}${String(j + 1).padStart(2, '0')}`;
      ids.set(name, directory.createCategory({ code, name, parentId: parent.id }).id);
    }
  }
  return ids;
}
