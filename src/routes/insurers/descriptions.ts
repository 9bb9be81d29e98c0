export const LIST_INSURERS_DESCRIPTION = [
  'The Dutch health-insurer groups (concerns) a contract may name (calendars/insurers.yaml), each with its labels and the public page it was read from.',
  'Per contract year known (the encoded years, the current and the next contract year) the state of its calendar: `encoded` with its version,',
  "or `not-encoded`: no document here, so a contract for that year gets the law's dates (the NZa rules of calendars/legal.yaml: the 1 April",
  'and 12 November publications and her check that she is listed as contracted) and her own dates.',
].join(' ');
