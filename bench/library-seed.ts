// Seeds a library for the benchmark in a few statements (INSERT … SELECT generate_series): one
// user with many tasks spread over a year, and a few other users beside. Prompts are drawn from a
// small vocabulary, so a word like "fox" is in a few percent of them, as a favourite subject is.
import { sql } from "drizzle-orm";
import { models } from "@/lib/catalog";
import type { Database } from "@/lib/server/db";
import { users } from "@/lib/server/db/schema";

// prettier-ignore
const words = [
  "a", "the", "red", "blue", "golden", "misty", "quiet", "neon", "ancient", "tiny", "giant",
  "fox", "wolf", "owl", "cat", "dragon", "robot", "castle", "forest", "river", "mountain",
  "city", "street", "garden", "ocean", "desert", "snow", "rain", "sunset", "night", "morning",
  "portrait", "landscape", "painting", "photo", "sketch", "watercolor", "cinematic", "macro",
  "running", "sleeping", "flying", "dancing", "reading", "glowing", "broken", "hidden", "lost",
  "in", "on", "under", "over", "with", "beside", "through", "near", "far", "above", "below",
  "lantern", "bridge", "tower", "market", "train", "ship", "cloud", "storm", "meadow", "lake",
  "moon", "star", "planet", "galaxy", "crystal", "mirror", "door", "window", "library", "cafe",
  "violin", "piano", "drum", "song", "ballad", "jazz", "rock", "lofi", "ambient", "chorus",
  "hello", "welcome", "story", "chapter", "narrator", "whisper", "laugh", "voice", "dream",
];

export interface SeededLibrary {
  userId: string;
  total: number;
}

async function newUser(db: Database, email: string): Promise<string> {
  const [user] = await db.insert(users).values({ email }).returning({ id: users.id });
  return user!.id;
}

/**
 * `count` tasks for one user, one every ~5 minutes back from now: 90 % succeeded, 7 % failed, the
 * newest few running; 2 % favourites, 1 % titled. Models in turn through the catalog.
 */
async function seedTasks(db: Database, userId: string, count: number, prefix: string) {
  const catalog = JSON.stringify(
    models.map((m) => ({ route: m.route, slug: m.slug, value: m.modelValues[0] ?? null })),
  );
  await db.execute(sql`
    insert into tasks (user_id, task_id, route, model_slug, model_value, request, status, response,
      consumed_credits, upstream_mode, key_fingerprint, created_at, updated_at, checked_at,
      completed_at, tracking_state, favorite, title, search_text)
    select ${userId}::uuid, ${prefix}::text || g, m->>'route', m->>'slug', m->>'value',
      jsonb_build_object('model', m->>'value', 'prompt', p.prompt),
      s.status, case when s.status = 'SUCCESS' then '["https://cdn.example/o.png"]'::jsonb else '[]'::jsonb end,
      case when s.status = 'SUCCESS' then 1 + g % 20 end, 'user-key', '0123456789abcdef',
      t.at, t.at, t.at, case when s.status <> 'IN_PROGRESS' then t.at + interval '20 seconds' end,
      case when s.status = 'IN_PROGRESS' then 'scheduled' else 'done' end,
      g % 50 = 7, case when g % 100 = 3 then 'Keeper ' || g end, p.prompt
    from generate_series(1, ${count}) g
    cross join lateral (select (${catalog}::jsonb)->(g % jsonb_array_length(${catalog}::jsonb)) as m) c
    cross join lateral (
      select now() - g * interval '5 minutes' + (g % 7) * interval '1 second' as at
    ) t
    cross join lateral (
      select case when g <= 20 then 'IN_PROGRESS' when g % 14 = 0 then 'FAILED' else 'SUCCESS' end
        as status
    ) s
    cross join lateral (
      select array_to_string(array(
        select (${JSON.stringify(words)}::jsonb)->>(abs(hashint4(g * 16 + i)) % ${words.length})
        from generate_series(1, 4 + g % 5) i
      ), ' ') as prompt
    ) p`);
}

/** The benchmark's library: `count` tasks for the user measured, `others` × 1000 for other users. */
export async function seedLibrary(db: Database, count: number, others = 5): Promise<SeededLibrary> {
  const stamp = Date.now();
  const userId = await newUser(db, `bench-library-${stamp}@example.test`);
  await seedTasks(db, userId, count, "bench_");
  for (let i = 0; i < others; i++) {
    const other = await newUser(db, `bench-other-${i}-${stamp}@example.test`);
    await seedTasks(db, other, 1000, `bench_o${i}_`);
  }
  await db.execute(sql`analyze tasks`);
  return { userId, total: count + others * 1000 };
}
