// The CRM database as the CRM application sees it: plain SQL through sqlite3 or psql, so the
// edits are captured by crmsync's triggers like any other writer's.
import {execFileSync} from 'node:child_process';

export class CrmDatabase {
  // url: sqlite:///abs/path.db or postgresql://user@host:port/db
  constructor(url) {
    this.url = url;
  }

  // Rows of a query as arrays of text (columns split on the unit separator).
  query(sql) {
    const out = this.url.startsWith('sqlite://')
      ? execFileSync('sqlite3', ['-batch', '-separator', '\x1f', this.url.replace(/^sqlite:\/\//, ''), sql],
        {encoding: 'utf8'})
      : execFileSync('psql', ['-X', '-q', '-At', '-F', '\x1f', '-v', 'ON_ERROR_STOP=1', this.url, '-c', sql],
        {encoding: 'utf8'});
    return out.split('\n').filter((line) => line !== '').map((line) => line.split('\x1f'));
  }

  value(sql) {
    return this.query(sql)[0]?.[0] ?? null;
  }

  execute(sql) {
    this.query(sql);
  }
}

// SQL text literal.
export function quote(text) {
  return `'${String(text).replaceAll("'", "''")}'`;
}
