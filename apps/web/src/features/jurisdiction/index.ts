/** Jurisdiction (辖区): the tree of district → … → household nodes, and the user's working scope. */
export { JurisdictionScopeProvider, useJurisdictionScope, type JurisdictionScope } from './scope-context.tsx';
export { ScopeSwitcher } from './scope-switcher.tsx';
export { NodeTree } from './node-tree.tsx';
export { NodeDetailPanel } from './node-detail-panel.tsx';
export { NodeActions, CreateNodeModal } from './node-actions.tsx';
export { NodeSearchResults } from './node-search-results.tsx';
export { NodeSearchSelect } from './node-search-select.tsx';
export { NodePath, usePathText } from './node-path.tsx';
export { useNodeNames, rememberNodes } from './node-names.ts';
export { nodeKeys, childrenQuery, detailQuery, searchQuery } from './node-queries.ts';
