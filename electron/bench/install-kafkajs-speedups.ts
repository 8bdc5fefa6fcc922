// Imported first by the benchmark's entry points (bench-worker.ts, cli.ts): module evaluation
// order puts the replacements in place before anything below them loads kafkajs.
import { installKafkajsSpeedups } from './kafkajs-speedups';

installKafkajsSpeedups();
