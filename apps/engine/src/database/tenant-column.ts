import { Column } from 'typeorm';

/**
 * The province (tenant) a row belongs to (ADR 0011): every table has it, filled by its default,
 * `lt_tenant_code()`, from the session setting `lienthong.tenant_code` the engine gives each connection
 * (`TENANT_CODE`). A national deployment distributes (or partitions) the tables by it.
 */
export const TenantColumn = (): PropertyDecorator =>
  Column({ name: 'tenant_code', type: 'varchar', length: 20, default: () => 'lt_tenant_code()' });
