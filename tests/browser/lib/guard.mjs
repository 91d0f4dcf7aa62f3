// Watches a browser context for everything that must not happen on a page: a console error, an
// uncaught exception, a CSP violation (reported from inside the page by an init script, so a
// violation is caught even when the browser would not log it). HTTP error statuses a scenario
// expects (401 before signing in, 403 for an accountant) are allowed one by one.
const RESOURCE_STATUS = /the server responded with a status of (\d{3})/;

export class PageGuard {
  constructor() {
    this.problems = [];
    this.allowed = [];  // {status, path}
  }

  // Lets the browser's "Failed to load resource: … status of STATUS" for a URL containing PATH.
  allow(status, path) {
    this.allowed.push({status, path});
  }

  disallow(status, path) {
    this.allowed = this.allowed.filter((a) => a.status !== status || a.path !== path);
  }

  isAllowed(message) {
    const found = RESOURCE_STATUS.exec(message.text());
    if (!found) return false;
    const url = message.location()?.url ?? '';
    return this.allowed.some((a) => a.status === Number(found[1]) && url.includes(a.path));
  }

  async attach(context) {
    await context.exposeBinding('__crmsyncReportCsp', (_source, violation) => {
      this.problems.push(`CSP violation: ${violation.directive} blocked ${violation.blocked} ` +
        `(${violation.source}:${violation.line}) on ${violation.page}`);
    });
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__crmsyncReportCsp({
          directive: event.violatedDirective,
          blocked: event.blockedURI,
          source: event.sourceFile,
          line: event.lineNumber,
          page: location.href,
        });
      });
    });
    context.on('page', (page) => this.watch(page));
  }

  watch(page) {
    page.on('console', (message) => {
      if (message.type() !== 'error' || this.isAllowed(message)) return;
      const where = message.location()?.url ?? '';
      this.problems.push(`console error on ${page.url()}: ${message.text()} (${where})`);
    });
    page.on('pageerror', (error) => this.problems.push(`page error on ${page.url()}: ${error.stack ?? error}`));
  }

  // The problems seen since the last call, and forgets them.
  take() {
    const seen = this.problems;
    this.problems = [];
    return seen;
  }
}
