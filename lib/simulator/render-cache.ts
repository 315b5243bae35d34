// Rendered outputs are deterministic, so they can be evicted and redrawn at will: keep the most
// recently downloaded ones up to a byte budget instead of holding every file forever.
export class RenderCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  // Songs run to minutes now (up to 7.7 MB a clip): room for a few dozen outputs.
  constructor(private readonly maxBytes = 128 * 1024 * 1024) {}

  get(key: string, render: () => Buffer): Buffer {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert to mark it most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const bytes = render();
    this.entries.set(key, bytes);
    this.bytes += bytes.length;
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes || oldKey === key) break;
      this.entries.delete(oldKey);
      this.bytes -= old.length;
    }
    return bytes;
  }

  delete(key: string): void {
    const bytes = this.entries.get(key);
    if (!bytes) return;
    this.entries.delete(key);
    this.bytes -= bytes.length;
  }

  get size(): number {
    return this.bytes;
  }
}
