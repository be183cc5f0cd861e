// Runs Electronegativity's programmatic API on one folder and prints its findings as JSON lines
// on stdout (its own CSV writer races header and rows). Run with offlineGuard.cjs preloaded.
const path = require('node:path');
const run = require('@doyensec/electronegativity/dist/runner.js');

const input = path.resolve(process.argv[2]);
run({
  input,
  isSarif: false,
  customScan: [],
  excludeFromScan: ['availablesecurityfixesglobalcheck'],
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: '45.0.0',
  parserPlugins: [],
})
  .then(({ issues }) => {
    for (const i of issues) {
      const file = i.file && i.file !== 'N/A' ? path.relative(input, path.resolve(input, i.file)) : 'N/A';
      process.stdout.write(`${JSON.stringify({ issue: i.id, severity: i.severity.name, confidence: i.confidence.name, filename: file, location: `${i.location?.line}:${i.location?.column}` })}\n`);
    }
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
