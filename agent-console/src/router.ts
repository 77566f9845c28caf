// The router: each role lands on its workspace; `meta.roles` guards a route (see src/routes.ts).
import { createRouter, createWebHistory } from 'vue-router';
import ConsoleLayout from './layouts/ConsoleLayout.vue';
import { consoleRoutes } from './routes.js';
import { useSessionStore } from './stores/session.js';
import LoginView from './views/login/LoginView.vue';

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: LoginView, meta: { title: '登录', public: true } },
    // For citizens, no login: 网上诉求 and 办理进度查询.
    {
      path: '/appeal',
      name: 'appeal',
      component: () => import('./views/public/AppealView.vue'),
      meta: { title: '网上诉求', public: true },
    },
    {
      path: '/',
      component: ConsoleLayout,
      children: [{ path: '', name: 'home', redirect: '/login' }, ...consoleRoutes],
    },
    { path: '/:pathMatch(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  const session = useSessionStore();
  if (!session.user && !session.expired) await session.restore();
  const user = session.user;
  if (to.meta.public) return to.name === 'login' && user ? session.home : true;
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } };
  if (to.name === 'home') return session.home;
  if (to.meta.roles && !to.meta.roles.includes(user.role)) return session.home;
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title
    ? `${to.meta.title} · 蓬莱区12345政务服务便民热线`
    : '蓬莱区12345政务服务便民热线';
});
