// Runs once when the server process starts (any way `next start` or `next dev` is run):
// secrets exist, the database is open and migrated, and demo mode's simulator is up before the
// first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSecrets } = await import("@/lib/server/secrets");
  const { getDatabase } = await import("@/lib/server/db");
  const { getDemoSimulator, getServerUpstreamMode } = await import("@/lib/server/upstream-target");
  getSecrets();
  await getDatabase();
  if (getServerUpstreamMode() === "demo") await getDemoSimulator();
}
