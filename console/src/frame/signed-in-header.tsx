/** The header: the system's name, who is signed in (name, role, jurisdiction or department) and signing out. */
import { Button, Layout, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';
import { roleName, type StaffMember } from '../auth/staff-member';
import { useLanguage } from '../language/language';
import type { Language } from '../language/strings';

/** The name of the caller's scope: their department for a liaison, their jurisdiction otherwise. */
function useScopeName(api: ApiClient, member: StaffMember): string {
  const [name, setName] = useState(member.department ?? member.jurisdiction);
  useEffect(() => {
    let current = true;
    const read = async (): Promise<string | undefined> => {
      if (member.department !== undefined) {
        const { data } = await api.GET('/v1/departments/{department}', { params: { path: { department: member.department } } });
        return data?.name;
      }
      const { data } = await api.GET('/v1/jurisdictions/{jurisdiction}', { params: { path: { jurisdiction: member.jurisdiction } } });
      return data?.name;
    };
    read().then(
      (found) => {
        if (current && found !== undefined) setName(found);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, member]);
  return name;
}

export function SignedInHeader({ api, member, onSignOut }: { readonly api: ApiClient; readonly member: StaffMember; readonly onSignOut: () => void }) {
  const scope = useScopeName(api, member);
  const { language, strings, choose } = useLanguage();
  return (
    <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
      <Typography.Text strong style={{ fontSize: 18 }}>
        {strings.systemName}
      </Typography.Text>
      <Space size="middle">
        <Space size="middle" data-testid="signed-in">
          <Typography.Text>{member.name}</Typography.Text>
          <Typography.Text>{language === 'en' ? (strings.roles[member.role] ?? member.role) : roleName(member.role)}</Typography.Text>
          <Typography.Text>{scope}</Typography.Text>
        </Space>
        <Segmented<Language>
          aria-label={strings.languageSwitch}
          value={language}
          onChange={choose}
          options={[
            { value: 'zh', label: <span lang="zh-CN">中文</span> },
            { value: 'en', label: <span lang="en">English</span> },
          ]}
        />
        <Button onClick={onSignOut}>{strings.signOut}</Button>
      </Space>
    </Layout.Header>
  );
}
