/** One Dutch health-insurer group (concern) of calendars/insurers.yaml: a contract may name it. */
export interface RegisteredInsurer {
  id: string;
  name: string;
  /** Brands it sells its policies under. */
  labels?: string[];
  /** The public page the entry was read from. */
  source: string;
}
