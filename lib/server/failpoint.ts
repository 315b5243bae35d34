// Crash tests' hook: with STUDIO_FAILPOINT=<name> the process kills itself (SIGKILL, as a power
// cut would) at that named point. Unset in every real deployment; it costs one env read.
import "server-only";

export type FailpointName = "after-upstream-create";

export function failpoint(name: FailpointName): void {
  if (process.env.STUDIO_FAILPOINT === name) process.kill(process.pid, "SIGKILL");
}
