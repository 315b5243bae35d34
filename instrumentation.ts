// Runs once when the server process starts (any way `next start` or `next dev` is run). The work
// lives in lib/server/startup (Node.js only). If it fails the process exits non-zero: a server
// that could not start must not stay up answering 500 on every route (a supervisor restarts it;
// a human reads why).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServerOrExit } = await import("@/lib/server/startup");
  await startServerOrExit();
}
