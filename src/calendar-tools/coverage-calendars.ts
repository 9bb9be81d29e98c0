import { calendarPaths, coverageProblems, coverageSummary, proveCalendarFile } from '../calendar/proof.js';

// Every dated sentence of every source must be cited by a quote or listed under `uncited:` with a reason.
let failed = false;
for (const { path, name } of calendarPaths()) {
  const proof = proveCalendarFile(path, name);
  const problems = coverageProblems(proof);
  if (!proof.coverage) problems.push(...proof.problems);
  for (const problem of problems) console.error(problem);
  failed ||= problems.length > 0;
  console.log(coverageSummary(proof));
}
process.exit(failed ? 1 : 0);
