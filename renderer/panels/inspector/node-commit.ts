import { useCallback } from 'react';
import type { TopologyNode } from '../../../shared/model';
import { TopologyNode as TopologyNodeSchema } from '../../../shared/model';
import { replaceNode } from '../../store/edits/nodes';
import { useDocumentStoreApi } from '../../store/react';
import type { Commit } from './fields';
import type { Path } from './paths';
import { issueAt, pathKey, setIn } from './paths';

/**
 * Field commits for one node: the candidate node (value set at the path) is validated by the
 * node's zod schema, then by the whole-topology check in apply(); a refused value is never
 * stored and its message is shown under the field. Typing bursts in one field are one undo step.
 */
export function useNodeCommit(nodeId: string) {
  const store = useDocumentStoreApi();
  const commitAt = useCallback(<T,>(path: Path, transform?: (v: T) => unknown): Commit<T> => (value: T) => {
    const node = store.getState().topology.nodes.find((n) => n.id === nodeId);
    if (!node) return 'This node no longer exists';
    const v = transform ? transform(value) : value;
    if (v === undefined && path[0] === 'settings') return 'Required';
    const candidate = setIn(node, path, v);
    const check = TopologyNodeSchema.safeParse(candidate);
    if (!check.success) return issueAt(check.error.issues, path);
    const r = store.getState().apply(replaceNode(candidate as TopologyNode, `Edit ${node.name}: ${path[path.length - 1]}`, `field:${nodeId}:${pathKey(path)}`));
    return r.ok ? undefined : r.issues[0]?.message;
  }, [store, nodeId]);
  const done = useCallback(() => store.getState().seal(), [store]);
  /** For discrete controls (selects, switches, tokens, add/remove): each change is its own undo step. */
  const commitStep = useCallback(<T,>(path: Path, transform?: (v: T) => unknown): Commit<T> => (value: T) => {
    const error = commitAt<T>(path, transform)(value);
    store.getState().seal();
    return error;
  }, [store, commitAt]);
  return { commitAt, commitStep, done };
}
