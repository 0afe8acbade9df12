import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileStamp, filePoller } from '../../../client/src/cluster/fileWatch';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kube-expose-watch-'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Calls to onChange, collected; resolves `next()` on the following one (or after `ms` with undefined). */
function recorder() {
  const seen: string[] = [];
  let wake: (() => void) | undefined;
  return {
    seen,
    onChange: (f: string) => {
      seen.push(f);
      wake?.();
    },
    async next(ms: number): Promise<string | undefined> {
      const before = seen.length;
      await Promise.race([new Promise<void>((r) => (wake = r)), sleep(ms)]);
      wake = undefined;
      return seen[before];
    },
  };
}

/** A fresh folder, a recorder and a poller (polling every 20 ms), disposed and removed after `body`. */
async function withPoller(body: (dir: string, rec: ReturnType<typeof recorder>, poller: ReturnType<typeof filePoller>) => Promise<void>): Promise<void> {
  const dir = tmp();
  const rec = recorder();
  const poller = filePoller(rec.onChange, 20);
  try {
    await body(dir, rec, poller);
  } finally {
    poller.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a write between reading the file and the first poll is still reported (the stamp is from the read)', () =>
  withPoller(async (d, rec, poller) => {
    const f = path.join(d, 'config');
    fs.writeFileSync(f, 'contexts: [a]\n');
    const stamps = [fileStamp(f)]; // taken when the kubeconfig was read
    fs.writeFileSync(f, 'contexts: [a, b]\n'); // the user saves before watching begins
    poller.watch([f], stamps);
    assert.equal(await rec.next(2000), f);
  }));

test('an unchanged file is not reported; reporting stops after the first change until watched again', () =>
  withPoller(async (d, rec, poller) => {
    const f = path.join(d, 'config');
    fs.writeFileSync(f, 'x: 1\n');
    poller.watch([f], [fileStamp(f)]);
    assert.equal(await rec.next(200), undefined, 'nothing changed');
    fs.writeFileSync(f, 'x: 22\n');
    assert.equal(await rec.next(2000), f);
    fs.writeFileSync(f, 'x: 333\n');
    assert.equal(await rec.next(200), undefined, 'not watched again yet');
    poller.watch([f], [fileStamp(f)]);
    fs.writeFileSync(f, 'x: 1\n'); // back to the first content: a change all the same
    assert.equal(await rec.next(2000), f);
    assert.equal(rec.seen.length, 2);
  }));

test('a missing file that appears, a file that is deleted or replaced by a rename, are reported', () =>
  withPoller(async (d, rec, poller) => {
    const missing = path.join(d, 'later');
    const kept = path.join(d, 'kept');
    fs.writeFileSync(kept, 'a: 1\n');
    assert.equal(fileStamp(missing), 'missing');
    poller.watch([kept, missing], [fileStamp(kept), fileStamp(missing)]);
    fs.writeFileSync(missing, 'b: 1\n');
    assert.equal(await rec.next(2000), missing);

    poller.watch([kept], [fileStamp(kept)]);
    fs.rmSync(kept);
    assert.equal(await rec.next(2000), kept);

    fs.writeFileSync(kept, 'a: 1\n');
    poller.watch([kept], [fileStamp(kept)]);
    const replacement = path.join(d, 'new');
    fs.writeFileSync(replacement, 'a: 2\n'); // the same size; another file (inode) in its place
    fs.renameSync(replacement, kept);
    assert.equal(await rec.next(2000), kept);
  }));

test('after dispose nothing is reported', () =>
  withPoller(async (d, rec, poller) => {
    const f = path.join(d, 'config');
    fs.writeFileSync(f, 'x: 1\n');
    poller.watch([f], [fileStamp(f)]);
    poller.dispose();
    fs.writeFileSync(f, 'x: 22\n');
    assert.equal(await rec.next(200), undefined);
  }));
