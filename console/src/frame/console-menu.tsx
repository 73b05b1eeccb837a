/** The menu: the pages the signed-in person's role may use, each a plain link (a page is its own chunk). */
import { Menu } from 'antd';
import type { StaffMember } from '../auth/staff-member';
import { useLanguage } from '../language/language';
import { mayOpen, routes } from './routes';

/** The menu entry a path belongs to: itself, or the list a detail page (`/complaints/view`) hangs under. */
const entryOf = (path: string, entries: readonly string[]): string | undefined =>
  [...entries].sort((a, b) => b.length - a.length).find((entry) => path === entry || path.startsWith(`${entry}/`));

export default function ConsoleMenu({ member }: { readonly member: StaffMember }) {
  const { language } = useLanguage();
  const entries = routes.filter((route) => route.menu !== undefined && mayOpen(route, member));
  const current = entryOf(
    window.location.pathname === '/' ? '/alerts' : window.location.pathname,
    entries.map((route) => route.path),
  );
  return (
    <Menu
      mode="horizontal"
      aria-label={language === 'en' ? 'Pages' : '功能菜单'}
      selectedKeys={current === undefined ? [] : [current]}
      style={{ paddingInline: 16 }}
      items={entries.map((route) => ({ key: route.path, label: <a href={route.path}>{language === 'en' ? (route.titleEn ?? route.menu) : route.menu}</a> }))}
    />
  );
}
