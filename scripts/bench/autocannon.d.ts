// autocannon ships no types; this declares the part the benchmark uses.
declare module 'autocannon' {
  namespace autocannon {
    interface Request {
      method?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: Request) => Request;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      /** requests per second over all connections (open loop) */
      overallRate?: number;
      method?: string;
      requests?: Request[];
    }
    interface Result {
      requests: { average: number; total: number };
      latency: { p99: number; p50: number };
      non2xx: number;
      /** answers per status code, e.g. { '202': { count: 80 } } */
      statusCodeStats: Record<string, { count: number } | undefined>;
      errors: number;
    }
  }
  function autocannon(options: autocannon.Options): Promise<autocannon.Result>;
  export default autocannon;
}
