import { Injectable } from '@nestjs/common';
import type { PublicDossierDto } from '@lienthong/contracts';
import { Db } from '../database/db.service';

export interface PublicDossierRow {
  code: string;
  procedure_name: string | null;
  status: PublicDossierDto['status'];
  received_by: string | null;
  created_at: Date;
  appointment_at: Date | null;
  ended_at: Date | null;
  steps: Array<{ name: string | null; unit_name: string | null }>;
}

/** What the public lookup reads: a top-level dossier by its code, with its open steps. */
@Injectable()
export class PublicRepository {
  constructor(private readonly db: Db) {}

  async findByCode(code: string): Promise<PublicDossierRow | undefined> {
    const { rows } = await this.db.query<PublicDossierRow>(
      `SELECT d.code, def.name AS procedure_name, d.status, ru.name AS received_by, d.created_at, d.appointment_at, d.ended_at,
              COALESCE((SELECT json_agg(json_build_object('name', t.name, 'unit_name', u.name) ORDER BY t.created_at)
                          FROM tasks t LEFT JOIN units u ON u.code = t.unit
                         WHERE t.dossier_id = d.id AND t.status = 'active'), '[]'::json) AS steps
         FROM dossiers d JOIN definitions def ON def.id = d.definition_id LEFT JOIN units ru ON ru.code = d.receiving_unit
        WHERE d.code = $1 AND d.parent_id IS NULL`,
      [code],
    );
    return rows[0];
  }
}
