/**
 * The responsible officials (经办人) the end-to-end suite names on records: test names, in one place
 * so the whole-run log scan knows every official's name to look for.
 */
export const e2eOfficials = {
  zhang: { staffId: 'HS-0231', name: '张晓明' },
  li: { staffId: 'HS-0456', name: '李静怡' },
} as const;
