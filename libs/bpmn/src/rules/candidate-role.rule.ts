import { isBuiltNode, label, STEP_TYPES, str } from '../moddle.util';
import { ltRule } from './lint-rule.util';

const CANDIDATE_ROLES = ['reception', 'officer', 'leader'];

/** invalid-role: lt:candidateRole of a step is one of the roles that handle steps. */
export default ltRule((node, report) => {
  if (!STEP_TYPES.includes(node.$type) || !isBuiltNode(node)) return;
  const role = str(node['candidateRole']);
  if (!role || CANDIDATE_ROLES.includes(role)) return;
  report(
    'invalid-role',
    String(node.id),
    `lt:candidateRole "${role}" of ${label(node)} is not one of ${CANDIDATE_ROLES.join(', ')}.`,
    `Vai trò "${role}" của ${label(node)} không hợp lệ (${CANDIDATE_ROLES.join(', ')}).`,
  );
});
