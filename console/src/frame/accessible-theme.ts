/**
 * Ant Design's colours darkened where its defaults fall below WCAG AA contrast (4.5:1 for body
 * text): the primary blue behind white button text and as link text, the red and orange of 纠错 and
 * 警戒 tags and the green of 优秀 and 已公开 tags on their pale backgrounds, and the grey of
 * descriptions and hints. Same hues, darker shades.
 */
import type { ThemeConfig } from 'antd';

export const accessibleTheme: ThemeConfig = {
  token: {
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorLink: '#0958d9',
    colorError: '#cf1322',
    colorWarning: '#ad4e00',
    colorSuccess: '#237804',
    // The pale green and its border kept: derived from the darker green they turn grey.
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    // Likewise the pale orange behind 警戒 and 推送失败 tags: the derived one gives 4.3:1.
    colorWarningBg: '#fff7e6',
    colorWarningBorder: '#ffd591',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
  },
};
