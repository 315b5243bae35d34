// `npm run sim -- --port 4010 [--speed 20] [--rate-limit 60] [--host 127.0.0.1] [--credits 10000] [--state-dir DIR] [--quiet]`
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startSimulator, type RunningSimulator, type SimulatorOptions } from "./server";

const usage = `Usage: npm run sim -- [--port 4010] [--host 127.0.0.1] [--speed 1] [--rate-limit 60] [--credits 10000] [--state-dir DIR] [--quiet]`;

function number(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min)
    throw new Error(`--${name} must be a number ≥ ${min}, got "${raw}"`);
  return value;
}

export function parseCliArgs(argv: readonly string[]): SimulatorOptions & { quiet: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", default: "4010" },
      host: { type: "string" },
      speed: { type: "string" },
      "rate-limit": { type: "string" },
      credits: { type: "string" },
      "state-dir": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) throw new Error(usage);
  const speed = number("speed", values.speed, 0.001);
  return {
    port: number("port", values.port, 0),
    host: values.host,
    speed,
    rateLimitPerMinute: number("rate-limit", values["rate-limit"], 1),
    initialCredits: number("credits", values.credits, 0),
    stateDir: values["state-dir"],
    quiet: values.quiet,
  };
}

/** Starts the simulator from CLI arguments and prints where it listens. */
export async function main(
  argv: readonly string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<RunningSimulator> {
  const { quiet, ...options } = parseCliArgs(argv);
  const sim = await startSimulator({ ...options, log: quiet ? undefined : print });
  print(
    `API in One simulator listening on ${sim.baseUrl} (speed ×${options.speed ?? 1}, admin ${sim.origin}/__sim/stats)`,
  );
  return sim;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (sim) => {
      const stop = (): void => {
        void sim.close().then(() => process.exit(0));
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
