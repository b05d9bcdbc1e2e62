// A requisition answered by a staff member (issue #14, item 4): the journal writes the export
// and its own audit record; the staff audit trail learns it through `operator.acted`, as it
// learns every other staff action, whoever the edge.

import type { Actor } from '../domain/events';
import { announce } from '../services/audit-trail';
import type { ServiceDeps } from '../services/deps';
import { answerRequisition } from './requisition';
import type { SqliteJournal } from './sqlite-journal';

type Answer = ReturnType<typeof answerRequisition>;
type Question = Parameters<typeof answerRequisition>[1];

/** Answers the requisition, then publishes `journal.exported` (no code, no address: its number). */
export async function answerRequisitionAs(
  deps: Pick<ServiceDeps, 'events'>,
  journal: SqliteJournal,
  actor: Actor,
  question: Question,
): Promise<Answer> {
  const answer = answerRequisition(journal, question);
  await announce(deps, actor, 'journal.exported', `export:${answer.manifest.auditSeq}`, {
    reference: answer.manifest.reference,
    rows: answer.manifest.rows,
  });
  return answer;
}
