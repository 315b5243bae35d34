// The front-end bench's floor (bench/frontend.ts): an App Router page with no code of its own, so
// the JavaScript its first visit downloads is the framework's alone (Next.js's router, React DOM).
export const dynamic = "force-dynamic";

export default function FloorPage() {
  return (
    <main>
      <h1>Floor</h1>
      <p>The JavaScript this page loads is what every Next.js page loads.</p>
    </main>
  );
}
