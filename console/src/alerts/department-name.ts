/** A department's name as the API has it; its identifier until (or unless) the name is read. */
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/client';

export function useDepartmentName(api: ApiClient, department: string | undefined): string | undefined {
  const [name, setName] = useState<string | undefined>(department);
  useEffect(() => {
    if (department === undefined) return;
    let current = true;
    setName(department);
    api.GET('/v1/departments/{department}', { params: { path: { department } } }).then(
      ({ data }) => {
        if (current && data) setName(data.name);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, department]);
  return name;
}
