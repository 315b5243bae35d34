// Two Studio instances on one real Postgres server, as far as the database sees them: two separate
// connection pools on one fresh schema, so races between instances are not serialized by a single
// connection. Needs TEST_DATABASE_URL (CI sets it); without it the suite is listed as skipped.
import { afterAll, beforeAll, describe } from "vitest";
import { openDatabase, type OpenedDatabase } from "@/lib/server/db/open";
import { freshPostgresSchema, type PostgresSchema } from "./postgres-schema";

export interface TwoInstances {
  /** The schema both work in; dropped after the suite. */
  schema: string;
  one: OpenedDatabase;
  two: OpenedDatabase;
}

/**
 * A describe whose tests get both instances from `pg()`: opened before its tests, closed (and
 * their schema dropped) after them.
 */
export function describeTwoInstances(title: string, tests: (pg: () => TwoInstances) => void): void {
  const url = process.env.TEST_DATABASE_URL;
  describe.skipIf(!url)(
    url ? title : `${title} (skipped: set TEST_DATABASE_URL)`,
    { timeout: 120_000 },
    () => {
      let schema: PostgresSchema | undefined;
      let one: OpenedDatabase | undefined;
      let two: OpenedDatabase | undefined;
      beforeAll(async () => {
        schema = freshPostgresSchema(url!);
        one = await openDatabase({ kind: "postgres", url: schema.url });
        two = await openDatabase({ kind: "postgres", url: schema.url });
      });
      afterAll(async () => {
        await one?.close();
        await two?.close();
        await schema?.drop();
      });
      tests(() => {
        if (!schema || !one || !two)
          throw new Error("describeTwoInstances: they open in beforeAll");
        return { schema: schema.name, one, two };
      });
    },
  );
}
