import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../bench/ports.js';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { TestSmtpServer } from '../reminders/smtp.js';

/** The service's "today" in these tests: CZ's 2027 offer window runs, Zorg en Zekerheid's 2026 round has passed. */
export const WEB_TODAY = '2026-09-15';

export const SCREENSHOT_DIR = new URL('./screenshots/', import.meta.url).pathname;

/** Debian's Chromium with the flags CI needs (no sandbox in containers, nothing fetched from the network). */
export const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--lang=nl-NL',
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type WebApp = Awaited<ReturnType<typeof buildApp>>;

/** The whole service listening on loopback, on a fresh SQLite file, with the real calendars and a loopback SMTP server. */
export async function startWorld(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gzd-web-'));
  const smtp = await new TestSmtpServer().start();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await buildApp({
    config: loadConfig({
      DATABASE_PATH: join(dir, 'web.db'),
      LOG_LEVEL: 'silent',
      TODAY: WEB_TODAY,
      PUBLIC_BASE_URL: base,
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Geboortezorg deadlines <herinneringen@deadlines.example.nl>',
      OVERLOAD_MAX_DELAY_MS: '0',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    }),
  });
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    smtp,
    base,
    dir,
    async stop() {
      await app.close();
      await smtp.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
export type World = Awaited<ReturnType<typeof startWorld>>;

/** A fresh profile per browser: nothing carries over between runs. */
export async function openBrowser(options: {
  javaScript: boolean;
}): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'gzd-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    javaScriptEnabled: options.javaScript,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Full-page screenshots at a phone's 375 px and a desktop's 1280 px, for people to look at (test/web/screenshots/). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}.png`), fullPage: true });
    // What a person sees first, without scrolling (the README shows two of these from docs/).
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${width}-first-screen.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core run in the page (evaluated through the DevTools protocol, so the page's CSP stays as it is): serious and critical findings. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

/** The first link in a mail's plain text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const match = new RegExp(`${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}[A-Za-z0-9_\\-/]+`).exec(text);
  if (!match) throw new Error(`no link ${prefix}… in:\n${text}`);
  return match[0];
}

/** Waits until the SMTP server holds `count` mails to `address`. */
export async function mailsTo(smtp: TestSmtpServer, address: string, count: number, timeoutMs = 10_000) {
  const until = Date.now() + timeoutMs;
  while (smtp.to(address).length < count) {
    if (Date.now() > until) throw new Error(`expected ${count} mails to ${address}, got ${smtp.to(address).length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return smtp.to(address);
}
