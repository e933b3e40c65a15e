// Drives Debian's chromium through playwright-core against a running debugger server (DebuggerBrowserTest
// starts it and writes the config). Never downloads a browser: executablePath is the system's chromium.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failures = [];
const expect = (ok, what) => { if (!ok) failures.push(what); };

const context = await chromium.launchPersistentContext(cfg.userDataDir, {
  executablePath: cfg.chromium,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
  viewport: { width: 1100, height: 1000 },
});
try {
  const page = context.pages()[0] ?? await context.newPage();
  const foreign = [];
  const consoleErrors = [];
  page.on('request', (r) => { if (new URL(r.url()).host !== new URL(cfg.url).host) foreign.push(r.url()); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  await page.goto(cfg.url);
  expect((await page.textContent('#offline')).includes('this page loads nothing from the internet'), 'offline notice');

  for (const run of cfg.runs) {
    await page.fill('#token', run.token);
    await page.fill('#trust', run.trust);
    await page.fill('#maxExpiry', run.maxExpiry ?? '');
    await page.click('#check');
    await page.waitForSelector('#verdict.' + run.verdictClass, { timeout: 15000 });
    const verdict = (await page.textContent('#verdict')).trim();
    expect(verdict === run.verdict, `${run.name}: verdict "${verdict}", expected "${run.verdict}"`);
    const rules = await page.$$eval('#violations li.violation', (lis) => lis.map((li) => li.dataset.rule));
    expect(JSON.stringify(rules) === JSON.stringify(run.rules), `${run.name}: rules ${JSON.stringify(rules)}, expected ${JSON.stringify(run.rules)}`);
    const fixes = await page.$$eval('#violations li.violation .fix', (fs) => fs.map((f) => f.textContent));
    expect(fixes.every((f) => f.startsWith('Fix: ') && f.length > 10), `${run.name}: every violation shows its fix`);
    const marks = await page.$$eval('#timeline g.mark', (gs) => gs.map((g) => g.dataset.mark));
    expect(JSON.stringify(marks) === JSON.stringify(['iat', 'now', 'exp', 'max']), `${run.name}: timeline marks ${JSON.stringify(marks)}`);
    expect(await page.isVisible('#timeline-life'), `${run.name}: timeline shows the lifetime`);
    expect((await page.textContent('#claims')).includes('"sub"'), `${run.name}: claims decoded`);
    await page.screenshot({ path: run.screenshot, fullPage: true });
  }
  expect(foreign.length === 0, 'requests left the server: ' + foreign.join(', '));
  expect(consoleErrors.length === 0, 'console errors (a CSP violation?): ' + consoleErrors.join(' | '));
} finally {
  await context.close();
}
if (failures.length > 0) {
  console.error('debugger page: ' + failures.length + ' failed\n  - ' + failures.join('\n  - '));
  process.exit(1);
}
console.log('debugger page: ' + cfg.runs.length + ' runs passed');
