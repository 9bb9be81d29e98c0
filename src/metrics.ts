/** Label names and values of one series, e.g. `{ method: 'GET', status: '200' }`. */
export type Labels = Record<string, string>;

interface Series {
  help: string;
  type: 'counter' | 'gauge';
  values: Map<string, { labels: Labels; value: number }>;
}

/** A value read when /metrics is scraped: one value, or one value per label set. */
export type GaugeReader = () => number | Array<{ labels: Labels; value: number }>;

/**
 * The service's Prometheus metrics: counters the code increments, gauges read at scrape time.
 * Rendered in the Prometheus text exposition format (version 0.0.4).
 */
export class Metrics {
  private readonly counters = new Map<string, Series>();
  private readonly readers = new Map<string, { help: string; type: 'counter' | 'gauge'; read: GaugeReader }>();
  /** Label sets seen (as many as the series), by their names and values with lengths, with their escaped text: counted on every request. */
  private readonly labelTexts = new Map<string, string>();

  counter(name: string, help: string): void {
    if (!this.counters.has(name)) this.counters.set(name, { help, type: 'counter', values: new Map() });
  }

  inc(name: string, labels: Labels = {}, by = 1): void {
    const series = this.counters.get(name);
    if (!series) throw new Error(`counter ${name} is not declared`);
    const key = this.labelTextOf(labels);
    const entry = series.values.get(key);
    if (entry) entry.value += by;
    else series.values.set(key, { labels, value: by });
  }

  /** Every counter back to zero (after the start-up warm-up: its requests were not the service's). */
  resetCounters(): void {
    for (const series of this.counters.values()) series.values.clear();
  }

  private labelTextOf(labels: Labels): string {
    let joined = '';
    for (const name in labels) joined += `${name.length}:${name}${labels[name]!.length}:${labels[name]}`;
    let text = this.labelTexts.get(joined);
    if (text === undefined) this.labelTexts.set(joined, (text = labelText(labels)));
    return text;
  }

  gauge(name: string, help: string, read: GaugeReader): void {
    this.readers.set(name, { help, type: 'gauge', read });
  }

  /** A counter another part keeps itself (it only ever rises), read at scrape time. */
  counterFrom(name: string, help: string, read: GaugeReader): void {
    this.readers.set(name, { help, type: 'counter', read });
  }

  render(): string {
    const lines: string[] = [];
    for (const [name, series] of this.counters) {
      lines.push(`# HELP ${name} ${series.help}`, `# TYPE ${name} counter`);
      if (series.values.size === 0) lines.push(`${name} 0`);
      for (const { labels, value } of series.values.values()) lines.push(`${name}${labelText(labels)} ${value}`);
    }
    for (const [name, { help, type, read }] of this.readers) {
      const value = read();
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
      if (typeof value === 'number') lines.push(`${name} ${value}`);
      else for (const sample of value) lines.push(`${name}${labelText(sample.labels)} ${sample.value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function labelText(labels: Labels): string {
  const pairs = Object.entries(labels).map(
    ([name, value]) => `${name}="${value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')}"`,
  );
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}
