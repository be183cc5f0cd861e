// Process entry for the CLI: real stdio and environment, exit code from runCli.
import { runCli } from './runCli.js';

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  if (code >= 0) process.exitCode = code;
});
