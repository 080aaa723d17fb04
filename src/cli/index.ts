#!/usr/bin/env node
/**
 * The `dave` command (package `bin`). Everything it imports comes through the package's public entry points.
 * @module
 */
import { main } from './main.js';

const code = await main(process.argv.slice(2));
process.stdout.write('', () => process.exit(code));
