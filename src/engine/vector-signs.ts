/**
 * A shortlist for the nearest-vector scan of a large store: each stored int8 sentence vector is
 * also kept as its 512 signs (one bit per dimension, 64 bytes), and a query's signs are compared
 * with all of them by Hamming distance (popcount of the XOR) before any exact cosine. The angle
 * between two vectors is estimated by the share of dimensions whose signs differ, so the
 * vectors nearest by cosine are, with high probability, among those nearest by Hamming
 * distance; the shortlist is then ranked by the exact int8 cosine, so what is returned is the
 * exact cosine order of the shortlist. On this machine one query against 40,000 stored
 * vectors takes ~1.6 ms for the signs against ~25 ms for the full int8 scan (~60 ms at
 * 100,000), and a 2 KB report's suggestions at 100,000 claims went from p95 1.0–1.1 s to
 * 0.65–0.72 s (`npm run bench -- scale --ingest`, old and new alternated). ClaimIndex uses it
 * only above EXACT_SCAN_MAX stored vectors, so every evaluation set, smaller than that, ranks
 * exactly as before; forced on for the cross-language set with its 1,000 distractors and a
 * shortlist of only 31 of 2,004, MAP@5 moved from 0.740 to 0.737.
 */

/** popcount of a 32-bit word. */
function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

export class VectorSigns {
  /** 32-bit words per vector (0 until the first vector; -1 once vectors of two lengths were seen). */
  private words = 0;
  private bits = new Uint32Array(0);
  /** Per document: 0 without a vector, else 1, or 2 when the document is marked (`set`'s `marked`). */
  private has = new Uint8Array(0);
  private dist = new Uint16Array(0);
  /** One past the highest document stored. */
  private end = 0;

  /** False when vectors of different lengths were stored: callers then scan exactly. */
  get usable(): boolean {
    return this.words > 0;
  }

  private signsOf(v: Int8Array, out: Uint32Array, at: number): void {
    for (let w = 0; w < this.words; w++) out[at + w] = 0;
    for (let i = 0; i < v.length; i++) if (v[i] > 0) out[at + (i >>> 5)] |= 1 << (i & 31);
  }

  /** Store a document's vector signs; `marked` documents can be asked for alone (`shortlist`'s `onlyMarked`). */
  set(doc: number, v: Int8Array, marked = false): void {
    const words = Math.ceil(v.length / 32);
    if (this.words === 0) this.words = words;
    if (this.words !== words) this.words = -1;
    if (this.words < 0) return;
    if ((doc + 1) * words > this.bits.length) {
      const cap = Math.max(1024, (doc + 1) * 2);
      const bits = new Uint32Array(cap * words);
      bits.set(this.bits);
      this.bits = bits;
      const has = new Uint8Array(cap);
      has.set(this.has);
      this.has = has;
    }
    this.signsOf(v, this.bits, doc * words);
    this.has[doc] = marked ? 2 : 1;
    if (doc >= this.end) this.end = doc + 1;
  }

  clear(doc: number): void {
    if (doc < this.has.length) this.has[doc] = 0;
  }

  /**
   * The documents whose signs are nearest the query's (only marked ones when `onlyMarked`), at
   * least `keep` of them (ties at the cut are all kept), in no particular order. The caller
   * filters what else it must and asks for that many more.
   */
  shortlist(query: Int8Array, keep: number, onlyMarked: boolean): number[] {
    const words = this.words;
    if (words <= 0 || Math.ceil(query.length / 32) !== words) return [];
    const q = new Uint32Array(words);
    this.signsOf(query, q, 0);
    const has = this.has;
    const n = this.end;
    if (this.dist.length < n) this.dist = new Uint16Array(has.length);
    const dist = this.dist;
    const maxDist = words * 32;
    const histogram = new Uint32Array(maxDist + 2);
    const NONE = maxDist + 1;
    const least = onlyMarked ? 2 : 1;
    const bits = this.bits;
    for (let d = 0; d < n; d++) {
      if (has[d] < least) {
        dist[d] = NONE;
        continue;
      }
      let h = 0;
      const at = d * words;
      for (let w = 0; w < words; w++) h += popcount(q[w] ^ bits[at + w]);
      dist[d] = h;
      histogram[h]++;
    }
    // the smallest distance at which `keep` documents are reached
    let cut = 0;
    for (let seen = 0; cut <= maxDist; cut++) {
      seen += histogram[cut];
      if (seen >= keep) break;
    }
    const out: number[] = [];
    for (let d = 0; d < n; d++) if (dist[d] <= cut) out.push(d);
    return out;
  }
}
