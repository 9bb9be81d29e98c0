/**
 * A record's own entry, never one every object inherits: names from requests (`toString`, `constructor`,
 * `__proto__`, `hasOwnProperty`) must find nothing rather than a function of Object.prototype.
 */
export function ownEntry<T>(record: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}
