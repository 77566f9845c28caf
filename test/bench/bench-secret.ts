/** The Yantai secret shared by the benchmark's server and its load generator. */
export const BENCH_UPSTREAM_SECRET = 'bench-upstream-shared-secret';
/**
 * The telephony gateway's token shared by calls-server.ts and calls.ts. Here, not in calls-server.ts: importing
 * that file starts a server, and calls.ts once started a second one in its own process for the token.
 */
export const BENCH_CTI_TOKEN = 'bench-cti-token-0123456789';
