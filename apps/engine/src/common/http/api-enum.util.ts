/**
 * Every value of a string literal union of the contracts, for `@ApiProperty({ enum })` and `@IsIn`: the
 * record must name each value once, so a value added to or removed from the union fails typecheck here.
 * E.g. `enumOf<DossierStatus>({ active: true, completed: true, cancelled: true })`.
 */
export function enumOf<T extends string>(values: Record<T, true>): T[] {
  return Object.keys(values) as T[];
}
