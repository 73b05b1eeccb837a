/** The names of the departments the caller may see, for showing ids as names and for choosing one. */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';

export interface DepartmentEntry {
  readonly department: string;
  readonly name: string;
  readonly jurisdiction: string;
}

/** One read of the names a client may see, shared by every page and export (read again after a failure). */
const namesRead = new WeakMap<ApiClient, Promise<readonly DepartmentEntry[]>>();

/** The departments the caller may see; an empty list when they cannot be read (ids then show as they are). */
export function readDepartments(api: ApiClient): Promise<readonly DepartmentEntry[]> {
  const known = namesRead.get(api);
  if (known) return known;
  const reading = api.GET('/v1/departments').then(
    ({ data }) => {
      if (!data) namesRead.delete(api);
      return data ? data.items.map(({ department, name, jurisdiction }) => ({ department, name, jurisdiction })) : [];
    },
    () => {
      namesRead.delete(api);
      return [];
    },
  );
  namesRead.set(api, reading);
  return reading;
}

export function useDepartments(api: ApiClient): readonly DepartmentEntry[] {
  const [departments, setDepartments] = useState<readonly DepartmentEntry[]>([]);
  useEffect(() => {
    let current = true;
    void readDepartments(api).then((entries) => {
      if (current) setDepartments(entries);
    });
    return () => {
      current = false;
    };
  }, [api]);
  return departments;
}

/** A department's name, or its id while the names are not read (or it is not one the caller sees). */
export const departmentName = (departments: readonly DepartmentEntry[], id: string | undefined): string =>
  id === undefined ? '—' : (departments.find((entry) => entry.department === id)?.name ?? id);

/** `departmentLiaison:local-haishu-housing-liaison` → “部门联络员 local-haishu-housing-liaison”: who acted, in Chinese. */
export function actorName(actor: string): string {
  const [role, subject] = actor.split(':', 2);
  const roles: Record<string, string> = {
    citySupervisor: '市级监察员',
    districtSupervisor: '区级监察员',
    departmentLiaison: '部门联络员',
    system: '系统',
    public: '投诉人',
  };
  const name = roles[role ?? ''] ?? role ?? actor;
  return subject === undefined ? name : `${name}（${subject}）`;
}
