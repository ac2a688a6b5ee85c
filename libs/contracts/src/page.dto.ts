export interface PageDto<T> {
  items: T[];
  /** Opaque; pass as `cursor` to get the next page. Null on the last page. */
  nextCursor: string | null;
}

/** The query of every cursor-paginated list. */
export interface PageQueryDto {
  /** Page size (default 50, at most 200). */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}
