/**
 * Each jest run gets a temporary directory of its own: the global setup points
 * TMPDIR at it (os.tmpdir(), the workers, terraform and kubectl follow it) and
 * the global teardown removes it, with whatever cdktf's Testing.app() and
 * fullSynth() and the tests' own mkdtempSync left there. A run that was killed
 * leaves its directory behind; the next run removes it. With
 * EKS_POC_KEEP_HARNESS_LOGS=1 nothing is redirected, so the harness's logs survive.
 */
const { mkdtempSync, readdirSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

const PREFIX = "eks-poc-jest-";
// Not EKS_POC_: the app refuses EKS_POC_ names that are not settings, and the tests run it with this environment.
const RUN_DIR_VARIABLE = "JEST_EKS_POC_TMPDIR";
// TMPDIR before setup(), restored by teardown(): a process that runs jest again (StrykerJS's test runner calls
// jest's runCLI once per mutant) would otherwise start its next run in the directory the last one removed.
let previousTmpdir;

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/** Removes the directories of earlier runs whose jest process is gone. */
function removeAbandoned(parent) {
  for (const name of readdirSync(parent)) {
    const pid = Number(name.startsWith(PREFIX) && name.slice(PREFIX.length).split("-")[0]);
    if (pid > 0 && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

function setup() {
  if (process.env.EKS_POC_KEEP_HARNESS_LOGS) return;
  const parent = tmpdir();
  removeAbandoned(parent);
  const dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  previousTmpdir = { value: process.env.TMPDIR };
  process.env[RUN_DIR_VARIABLE] = dir;
  process.env.TMPDIR = dir;
}

function teardown() {
  const dir = process.env[RUN_DIR_VARIABLE];
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (previousTmpdir) {
    if (previousTmpdir.value === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir.value;
    delete process.env[RUN_DIR_VARIABLE];
    previousTmpdir = undefined;
  }
}

module.exports = { setup, teardown, PREFIX };
