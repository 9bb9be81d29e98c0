/** What a problem type's page says: what happened, and what the client (or the person behind it) does next. */
export interface ProblemPage {
  title: string;
  means: string;
  todo: string;
}
