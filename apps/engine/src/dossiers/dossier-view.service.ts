import { Injectable } from '@nestjs/common';
import type { DossierPathDto, JsonValue, VariableChangeDto } from '@lienthong/contracts';
import { iso } from '../common/sql/sql-filter.util';
import { Db } from '../database/db.service';
import { Authz } from '../identity/authz.service';
import type { Principal } from '../identity/principal';
import { DefinitionCache } from '../runtime/definition-cache';
import type { DossierRow } from '../runtime/dossier-row';
import { ProcessRuntime } from '../runtime/process-runtime.service';
import { DossiersRepository } from './dossiers.repository';

/** What the dossier view shows beside the dossier: the path on its diagram, the variables' history. */
@Injectable()
export class DossierViewService {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossiersRepository,
    private readonly runtime: ProcessRuntime,
    private readonly cache: DefinitionCache,
    private readonly authz: Authz,
  ) {}

  /** The version's diagram with the elements passed, waited at and late (404 for another unit's dossier). */
  async path(idOrCode: string, principal: Principal): Promise<DossierPathDto> {
    const row = await this.visible(idOrCode, principal);
    const [path, definition] = await Promise.all([
      this.dossiers.path(row.id),
      this.cache.get(this.db.query, row.definition_id),
    ]);
    const active = new Set(Object.values(row.state.tokens).map((t) => t.nodeId));
    const finished = new Set((path?.completed ?? []).filter((id) => !active.has(id)));
    // The start event leaves no event of its own: every dossier that ran passed it.
    if (row.status !== 'refused') finished.add(definition.graph.startNode);
    // A flow was taken when its source finished and its target was reached.
    for (const flow of Object.values(definition.graph.flows)) {
      if (finished.has(flow.source) && (finished.has(flow.target) || active.has(flow.target))) {
        finished.add(flow.id);
      }
    }
    return {
      definitionKey: row.definition_key,
      definitionVersion: row.definition_version,
      bpmnXml: path?.xml ?? '',
      finishedIds: [...finished],
      activeIds: [...active],
      lateIds: path?.late ?? [],
    };
  }

  /**
   * Who set which variable when: each completed step's answers, and first the variables the dossier
   * holds that no step set (given at reception, or by an agency's message), at the time it was received.
   */
  async variableHistory(idOrCode: string, principal: Principal): Promise<VariableChangeDto[]> {
    const row = await this.visible(idOrCode, principal);
    const [answers, received, definition] = await Promise.all([
      this.dossiers.stepAnswers(row.id),
      this.dossiers.received(row.id),
      this.cache.get(this.db.query, row.definition_id),
    ]);
    const setByStep = new Set(answers.flatMap((a) => Object.keys(a.data ?? {})));
    const changes: VariableChangeDto[] = [];
    for (const [name, value] of Object.entries(row.state.variables)) {
      if (setByStep.has(name) || !received) continue;
      changes.push({
        at: iso(received.at) as string,
        name,
        value: value as JsonValue,
        nodeId: null,
        nodeName: null,
        actor: received.actor,
        source: 'reception',
      });
    }
    for (const answer of answers) {
      for (const [name, value] of Object.entries(answer.data ?? {})) {
        changes.push({
          at: iso(answer.at) as string,
          name,
          value: value as JsonValue,
          nodeId: answer.node_id,
          nodeName: (answer.node_id && definition.graph.nodes[answer.node_id]?.name) || null,
          actor: answer.actor,
          source: 'step',
        });
      }
    }
    return changes;
  }

  private async visible(idOrCode: string, principal: Principal): Promise<DossierRow> {
    const row = await this.runtime.loadDossier(this.db.query, idOrCode);
    await this.authz.assertDossierVisible(this.db.query, principal, row);
    return row;
  }
}
