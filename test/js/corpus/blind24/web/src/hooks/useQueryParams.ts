import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

type Nested = { [key: string]: string | Nested };

/**
 * Turns `?filter[status]=live&filter[owner]=me&view=grid` into
 * `{ filter: { status: 'live', owner: 'me' }, view: 'grid' }` for the dashboard filters.
 */
export function parseNestedQuery(search: string): Nested {
  const out: Nested = {};
  for (const [rawKey, value] of new URLSearchParams(search)) {
    const path = rawKey.split(/[[\].]+/).filter(Boolean);
    let cursor: any = out;
    path.forEach((segment, i) => {
      if (i === path.length - 1) {
        cursor[segment] = value; //@vuln CWE-1321
      } else {
        cursor = cursor[segment] ??= {};
      }
    });
  }
  return out;
}

export function useQueryParams() {
  const location = useLocation();
  return useMemo(() => parseNestedQuery(location.search), [location.search]);
}

function isSafeInternalPath(value: string | null): value is string {
  return !!value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

/** After login we bounce back to wherever the user was headed. */
export function usePostLoginRedirect() {
  const navigate = useNavigate();
  const location = useLocation();

  const redirectInApp = useCallback(() => {
    const next = new URLSearchParams(location.search).get('next');
    navigate(isSafeInternalPath(next) ? next : '/dashboard', { replace: true }); //@safe
  }, [location.search, navigate]);

  // marketing site and docs live on other subdomains, so they pass a full URL in ?continue=
  const redirectAnywhere = useCallback(() => {
    const target = new URLSearchParams(location.search).get('continue');
    if (target) window.location.href = target; //@vuln CWE-601
    else navigate('/dashboard', { replace: true });
  }, [location.search, navigate]);

  return { redirectInApp, redirectAnywhere };
}
