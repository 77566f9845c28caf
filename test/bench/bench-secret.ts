/** The Yantai secret shared by the benchmark's server and its load generator. */
export const BENCH_UPSTREAM_SECRET = 'bench-upstream-shared-secret';
