// Runs once when the server process starts (any way `next start` or `next dev` is run):
// secrets exist and the database is open and migrated before the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getSecrets } = await import("@/lib/server/secrets");
  const { getDatabase } = await import("@/lib/server/db");
  getSecrets();
  await getDatabase();
}
