// POST /api/v1/audio/music — create a music task (API in One body and envelope).
import { createTaskRoute } from "@/lib/server/tasks/create-task-route";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS } = createTaskRoute("music");
