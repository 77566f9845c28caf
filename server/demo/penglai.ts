/**
 * Demo directory of Penglai District (烟台市蓬莱区, with the Changdao islands since 2020):
 * city departments, every town and street, and a few villages.
 * Codes are ours; they are what handler logins are named after (`handler.<code>`).
 */

export interface DemoDepartment {
  code: string;
  name: string;
  villages?: { code: string; name: string }[];
}

export const CITY_DEPARTMENTS: DemoDepartment[] = [
  { code: 'zjj', name: '区住房和城乡建设局' },
  { code: 'scjg', name: '区市场监督管理局' },
  { code: 'rsj', name: '区人力资源和社会保障局' },
  { code: 'jtj', name: '区交通运输局' },
  { code: 'sthj', name: '烟台市生态环境局蓬莱分局' },
  { code: 'zrzy', name: '区自然资源局' },
  { code: 'cgj', name: '区综合行政执法局（城管）' },
  { code: 'jtyj', name: '区教育和体育局' },
  { code: 'wjj', name: '区卫生健康局' },
  { code: 'gd', name: '国网蓬莱供电公司' },
  { code: 'gs', name: '蓬莱区供水公司' },
  { code: 'gaj', name: '烟台市公安局蓬莱分局' },
  { code: 'mzj', name: '区民政局' },
  { code: 'nyj', name: '区农业农村局' },
  { code: 'ylbz', name: '区医疗保障局' },
  { code: 'wlj', name: '区文化和旅游局' },
];

export const TOWNS: DemoDepartment[] = [
  {
    code: 'dzjd',
    name: '登州街道',
    villages: [
      { code: 'dzjd-xgc', name: '西关村' },
      { code: 'dzjd-nwc', name: '南王绪村' },
    ],
  },
  { code: 'zjsjd', name: '紫荆山街道' },
  { code: 'xgjd', name: '新港街道' },
  { code: 'plgjd', name: '蓬莱阁街道' },
  { code: 'nwjd', name: '南王街道' },
  { code: 'nczjd', name: '南长山街道' },
  {
    code: 'ljgz',
    name: '刘家沟镇',
    villages: [
      { code: 'ljgz-ljg', name: '刘家沟村' },
      { code: 'ljgz-mjz', name: '马家庄村' },
      { code: 'ljgz-sjz', name: '宋家庄村' },
    ],
  },
  { code: 'bgz', name: '北沟镇' },
  { code: 'dxdz', name: '大辛店镇' },
  { code: 'cljz', name: '村里集镇' },
  { code: 'dlhz', name: '大柳行镇' },
  { code: 'xmjz', name: '小门家镇' },
  { code: 'tjz', name: '砣矶镇' },
  { code: 'bcsx', name: '北长山乡' },
  { code: 'hsx', name: '黑山乡' },
  { code: 'dqdx', name: '大钦岛乡' },
  { code: 'xqdx', name: '小钦岛乡' },
  { code: 'nhcx', name: '南隍城乡' },
  { code: 'bhcx', name: '北隍城乡' },
];
