/**
 * The database's generation: it moves whenever the database may have changed, by a commit of any other
 * connection or process (`PRAGMA data_version`) or by any row this connection wrote (`total_changes()`).
 * Something read at one generation is still right while the generation stays; reading the generation rides
 * along with a statement a request runs anyway (the API key lookup), so checking costs no statement of its own.
 */
export const GENERATION_COLUMNS = '(SELECT data_version FROM pragma_data_version) AS generation_data_version, total_changes() AS generation_changes';

export interface GenerationColumns {
  generation_data_version: number;
  generation_changes: number;
}

export function generationOf(row: GenerationColumns): string {
  return `${row.generation_data_version}.${row.generation_changes}`;
}
