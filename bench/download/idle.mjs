// Idle: a fresh Node process that does nothing, for scale beside the two downloads' peak RSS.
const idleRssMB = Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
process.stdout.write(`${JSON.stringify({ metrics: { idleRssMB, maxRssMB: idleRssMB } })}\n`);
