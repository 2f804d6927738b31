/** The jurisdiction the user is working in: app state that pages use as their root or default filter. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useSession } from '../auth/index.ts';
import { decodeScope, encodeScope, pickScope, scopeOptionsFromRoles, type ScopeOption } from './scope.ts';

export interface JurisdictionScope {
  /** The chosen node; null means 全部辖区 (or, for a user without a global role, all they can see). */
  scopeNodeId: number | null;
  scope: ScopeOption | undefined;
  options: ScopeOption[];
  setScope: (nodeId: number | null) => void;
}

const ScopeContext = createContext<JurisdictionScope | null>(null);

function storageKey(userId: number): string {
  return `linli.scope.${userId}`;
}

function readRemembered(userId: number): number | null | undefined {
  try {
    return decodeScope(globalThis.localStorage?.getItem(storageKey(userId)) ?? null);
  } catch {
    return undefined;
  }
}

export function JurisdictionScopeProvider({ children }: { children: ReactNode }) {
  const me = useSession();
  const options = useMemo(() => scopeOptionsFromRoles(me.roles), [me.roles]);
  const [remembered, setRemembered] = useState(() => readRemembered(me.id));
  const scopeNodeId = pickScope(options, remembered);

  const setScope = useCallback(
    (nodeId: number | null) => {
      try {
        globalThis.localStorage?.setItem(storageKey(me.id), encodeScope(nodeId));
      } catch {
        // Without storage the choice lasts for this page only.
      }
      setRemembered(nodeId);
    },
    [me.id],
  );

  const value = useMemo<JurisdictionScope>(
    () => ({ scopeNodeId, scope: options.find((o) => o.nodeId === scopeNodeId), options, setScope }),
    [scopeNodeId, options, setScope],
  );
  return <ScopeContext.Provider value={value}>{children}</ScopeContext.Provider>;
}

/** The current jurisdiction scope; only below JurisdictionScopeProvider. */
export function useJurisdictionScope(): JurisdictionScope {
  const scope = useContext(ScopeContext);
  if (!scope) throw new Error('useJurisdictionScope() used outside JurisdictionScopeProvider');
  return scope;
}
