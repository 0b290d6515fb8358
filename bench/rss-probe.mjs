// Loaded with `node --import` in front of leaklint by the bench: on exit it
// writes this Node process's own peak RSS (kB), which GNU time cannot
// separate from the git children's (their pack-file mappings count as RSS).
import { appendFileSync } from 'node:fs';

const file = process.env.LEAKLINT_BENCH_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
