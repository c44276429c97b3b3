/*
 * Native reference for `kaonlab bench`: kaonlab's in-memory K+ -> pi+ pi0 generation with
 * pi0 -> gamma gamma (`--pi0 gg`), written plainly in C with the same algorithms, the same random
 * numbers and the same output, so that the comparison measures the language and nothing else:
 *
 *  - random streams: xoshiro128** 1.1; the states of kaonlab's "beam", "decay" and "secondary"
 *    streams of a (seed, shard) are passed on the command line (src/bench/native.ts);
 *  - beam (src/beam/k12.ts): per batch 5n normals (128-layer ziggurat, ZIGNOR layout) then n unit
 *    exponentials (256-layer ziggurat), kaon at GTK3 and its decay vertex;
 *  - K+ -> pi+ pi0 (src/decays/me/two-body.ts): 2n uniforms per batch, isotropic in the kaon frame
 *    (azimuth from a 1024-entry cos/sin table and a Taylor series), exact boost;
 *  - pi0 -> gamma gamma (src/decays/secondary.ts): per pi0 two uniforms and one exponential (flight),
 *    isotropic pair, exact boost; the forced mode multiplies the weight by BR(gamma gamma);
 *  - the columns of kaonlab's EventBatch (src/core/batch.ts), same layout (16 particle slots per
 *    event): pdg, status, parent, mass, px, py, pz, e, vx, vy, vz, t per particle; channel, weight,
 *    nParticles and the decay vertex (x, y, z, t) per event; batches of 4096 events.
 *
 * The physics parameters (beam, masses, lifetimes, BRs) come from kaonlab on the command line, so
 * the numbers are the same, and so are the sampler tables (read from the standard input: the C
 * library's exp and log differ from V8's in the last bit here and there). `dump` mode writes every
 * column of every event, which the TypeScript side compares with its own output.
 *
 * Usage: k2pi run|dump EVENTS S0..S11 P0..P27 < tables ; prints JSON with events per second (run)
 * or the binary columns (dump). Compile with -O3 -ffp-contract=off (no fused multiply-add: IEEE
 * double arithmetic as in JavaScript).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- xoshiro128** ---- */
typedef struct { uint32_t s0, s1, s2, s3; } Rng;
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next(Rng *r) {
  const uint32_t s1 = r->s1, res = rotl(s1 * 5, 7) * 9, t = s1 << 9;
  r->s2 ^= r->s0; r->s3 ^= s1; r->s1 = s1 ^ r->s2; r->s0 ^= r->s3; r->s2 ^= t; r->s3 = rotl(r->s3, 11);
  return res;
}
static const double TWO_M32 = 2.3283064365386963e-10;
static inline double uniform(Rng *r) { return ((double)next(r) + 0.5) * TWO_M32; }

/* ---- normal: 128-layer ziggurat ---- */
#define ZN 128
static const double ZR = 3.442619855899, TWO_M24 = 1.0 / 16777216;
static double zx[ZN + 1], zratio[ZN];
static double normal(Rng *r);
static double normal_tail(Rng *r, int negative) {
  double x, y;
  do { x = log(uniform(r)) / ZR; y = log(uniform(r)); } while (-2 * y < x * x);
  return negative ? x - ZR : ZR - x;
}
static double normal_slow(Rng *r, int i, double u) {
  if (i == 0) return normal_tail(r, u < 0);
  const double x = u * zx[i], x2 = x * x;
  const double f0 = exp(-0.5 * (zx[i] * zx[i] - x2)), f1 = exp(-0.5 * (zx[i + 1] * zx[i + 1] - x2));
  if (f1 + uniform(r) * (f0 - f1) < 1) return x;
  return normal(r);
}
static double normal(Rng *r) {
  const uint32_t b = next(r);
  const int i = b & 0x7f;
  const double u = ((double)(b >> 7) + 0.5) * TWO_M24 - 1;
  if (fabs(u) < zratio[i]) return u * zx[i];
  return normal_slow(r, i, u);
}
static void fill_normal(Rng *r, double *out, int n) {
  for (int i = 0; i < n; i++) out[i] = normal(r);
}

/* ---- exponential: 256-layer ziggurat ---- */
#define EN 256
static const double ER = 7.69711747013105;
static double ek[EN], ew[EN], ef[EN];
static double exponential(Rng *r);
static double exponential_slow(Rng *r, int i, double j) {
  if (i == 0) return ER - log(uniform(r));
  const double x = j * ew[i];
  if (ef[i] + uniform(r) * (ef[i - 1] - ef[i]) < exp(-x)) return x;
  return exponential(r);
}
static inline double exponential(Rng *r) {
  const uint32_t b = next(r);
  const int i = b & 0xff;
  const double j = (double)(b >> 8) + 0.5;
  if (j < ek[i]) return j * ew[i];
  return exponential_slow(r, i, j);
}

/* ---- azimuth table ---- */
#define TRIG_N 1024
static double cos_t[TRIG_N + 1], sin_t[TRIG_N + 1];
static const double TWO_PI_OVER_N = (2 * M_PI) / TRIG_N; /* as in src/decays/phase-space.ts */

/* the tables, from kaonlab on the standard input (C's exp and log differ from V8's in the last bit) */
static int read_tables(void) {
  double *parts[] = {zx, zratio, ek, ew, ef, cos_t, sin_t};
  const size_t sizes[] = {ZN + 1, ZN, EN, EN, EN, TRIG_N + 1, TRIG_N + 1};
  for (int i = 0; i < 7; i++)
    if (fread(parts[i], sizeof(double), sizes[i], stdin) != sizes[i]) return 0;
  return 1;
}

/* JavaScript's Math.round for x >= 0 */
static inline int js_round(double v) {
  double r = ceil(v);
  if (r - 0.5 > v) r -= 1;
  return (int)r;
}

/* ---- the event batch (src/core/batch.ts) ---- */
#define MAX_SLOTS 16
#define BATCH 4096
enum { FINAL = 3, INTERMEDIATE = 2, INITIAL = 1 };
typedef struct {
  uint16_t *channel; double *weight; uint8_t *np; double *vtx_x, *vtx_y, *vtx_z, *vtx_t;
  int32_t *pdg; uint8_t *status; int8_t *parent;
  double *mass, *px, *py, *pz, *e, *vx, *vy, *vz, *t;
} Batch;
static Batch batch_new(int cap) {
  Batch b; const int n = cap * MAX_SLOTS;
  b.channel = calloc(cap, 2); b.weight = calloc(cap, 8); b.np = calloc(cap, 1);
  b.vtx_x = calloc(cap, 8); b.vtx_y = calloc(cap, 8); b.vtx_z = calloc(cap, 8); b.vtx_t = calloc(cap, 8);
  b.pdg = calloc(n, 4); b.status = calloc(n, 1); b.parent = calloc(n, 1);
  b.mass = calloc(n, 8); b.px = calloc(n, 8); b.py = calloc(n, 8); b.pz = calloc(n, 8); b.e = calloc(n, 8);
  b.vx = calloc(n, 8); b.vy = calloc(n, 8); b.vz = calloc(n, 8); b.t = calloc(n, 8);
  return b;
}

/* the physics parameters, from kaonlab */
typedef struct {
  double p0, sp, sx0, sy0, ssx, ssy, x0, y0, sgx, sgy, z0, mK, ctauK, c;
  double q, e1, e2, m1, m2, mPi0, ctauPi0, brGG, weight0;
  int pdgK, pdg1, pdg2, pdgGamma, channel;
} Params;

/* decay P into g1, g2 (rest-frame momentum q, energies e1, e2) from uniforms u0 (polar), u1 (azimuth) */
static inline void emit_two_body(Batch *b, int P, int g1, int g2, double q, double e1, double e2, double u0,
                                 double u1) {
  const double c = 2 * u0 - 1, v = u1 * TRIG_N;
  const int jt = js_round(v);
  const double x = (v - jt) * TWO_PI_OVER_N, x2 = x * x;
  const double cx = 1 - x2 * (0.5 - x2 * (1.0 / 24)), sx = x * (1 - x2 * (1.0 / 6 - x2 * (1.0 / 120)));
  const double cj = cos_t[jt], sj = sin_t[jt];
  const double cphi = cj * cx - sj * sx, sphi = sj * cx + cj * sx;
  const double qs = q * sqrt(1 - c * c), px = qs * cphi, py = qs * sphi, pz = q * c;
  const double Px = b->px[P], Py = b->py[P], Pz = b->pz[P], E = b->e[P], M = b->mass[P], invM = 1 / M;
  const double pq = Px * px + Py * py + Pz * pz, h = pq / (E + M);
  const double f1 = (e1 + h) * invM;
  b->e[g1] = (E * e1 + pq) * invM; b->px[g1] = px + f1 * Px; b->py[g1] = py + f1 * Py; b->pz[g1] = pz + f1 * Pz;
  const double f2 = (e2 - h) * invM;
  b->e[g2] = (E * e2 - pq) * invM; b->px[g2] = f2 * Px - px; b->py[g2] = f2 * Py - py; b->pz[g2] = f2 * Pz - pz;
}

static inline void add_particle(Batch *b, int g, int pdg, double m, int status, int parent, double x, double y,
                                double z, double t) {
  b->pdg[g] = pdg; b->mass[g] = m; b->status[g] = status; b->parent[g] = parent;
  b->vx[g] = x; b->vy[g] = y; b->vz[g] = z; b->t[g] = t;
}

static double *G, *U, *U2;

static void fill(Batch *b, int n, const Params *k, Rng *beam, Rng *decay, Rng *sec) {
  memset(b->np, 0, n);
  for (int i = 0; i < n; i++) { b->weight[i] = k->weight0; b->channel[i] = k->channel; }
  /* beam and kaon decay vertex */
  fill_normal(beam, G, 5 * n);
  for (int i = 0; i < n; i++) U[i] = exponential(beam);
  for (int i = 0; i < n; i++) {
    const double *g = G + 5 * i;
    const double p = k->p0 * (1 + k->sp * g[0]), tx = k->sx0 + k->ssx * g[1], ty = k->sy0 + k->ssy * g[2];
    const double x = k->x0 + k->sgx * g[3], y = k->y0 + k->sgy * g[4];
    const double pz = p / sqrt(1 + tx * tx + ty * ty), E = sqrt(p * p + k->mK * k->mK);
    const double px = pz * tx, py = pz * ty;
    const int s = i * MAX_SLOTS;
    add_particle(b, s, k->pdgK, k->mK, INITIAL, -1, x, y, k->z0, 0);
    b->px[s] = px; b->py[s] = py; b->pz[s] = pz; b->e[s] = E;
    b->np[i] = 1;
    const double L = (p / k->mK) * k->ctauK, f = (U[i] * L) / p;
    b->vtx_x[i] = x + f * px; b->vtx_y[i] = y + f * py; b->vtx_z[i] = k->z0 + f * pz; b->vtx_t[i] = (f * E) / k->c;
  }
  /* K+ -> pi+ pi0 */
  for (int i = 0; i < 2 * n; i++) U2[i] = uniform(decay);
  for (int i = 0; i < n; i++) {
    const int P = i * MAX_SLOTS, g1 = P + b->np[i], g2 = g1 + 1;
    b->np[i] += 2;
    add_particle(b, g1, k->pdg1, k->m1, FINAL, 0, b->vtx_x[i], b->vtx_y[i], b->vtx_z[i], b->vtx_t[i]);
    add_particle(b, g2, k->pdg2, k->m2, FINAL, 0, b->vtx_x[i], b->vtx_y[i], b->vtx_z[i], b->vtx_t[i]);
    emit_two_body(b, P, g1, g2, k->q, k->e1, k->e2, U2[2 * i], U2[2 * i + 1]);
  }
  /* pi0 -> gamma gamma (forced mode: weight x BR) */
  const double half = k->mPi0 / 2;
  for (int i = 0; i < n; i++) {
    const int P = i * MAX_SLOTS + 2, g1 = i * MAX_SLOTS + b->np[i], g2 = g1 + 1;
    b->weight[i] *= k->brGG;
    const double u1 = uniform(sec), u2 = uniform(sec);
    const double m = b->mass[P], s = exponential(sec) * k->ctauPi0;
    const double x = b->vx[P] + (s * b->px[P]) / m, y = b->vy[P] + (s * b->py[P]) / m;
    const double z = b->vz[P] + (s * b->pz[P]) / m, t = b->t[P] + (s * b->e[P]) / (m * k->c);
    b->status[P] = INTERMEDIATE;
    b->np[i] += 2;
    add_particle(b, g1, k->pdgGamma, 0, FINAL, 2, x, y, z, t);
    add_particle(b, g2, k->pdgGamma, 0, FINAL, 2, x, y, z, t);
    emit_two_body(b, P, g1, g2, half, half, half, u1, u2);
  }
}

/* ---- dump mode: every column of every event as doubles, in a fixed order (src/bench/native.ts) ---- */
static double out_buf[7 + 12 * MAX_SLOTS];
static void dump_batch(const Batch *b, int n) {
  for (int i = 0; i < n; i++) {
    int k = 0;
    double *o = out_buf;
    o[k++] = b->channel[i]; o[k++] = b->weight[i]; o[k++] = b->np[i];
    o[k++] = b->vtx_x[i]; o[k++] = b->vtx_y[i]; o[k++] = b->vtx_z[i]; o[k++] = b->vtx_t[i];
    for (int g = i * MAX_SLOTS; g < i * MAX_SLOTS + b->np[i]; g++) {
      o[k++] = b->pdg[g]; o[k++] = b->status[g]; o[k++] = b->parent[g]; o[k++] = b->mass[g];
      o[k++] = b->px[g]; o[k++] = b->py[g]; o[k++] = b->pz[g]; o[k++] = b->e[g];
      o[k++] = b->vx[g]; o[k++] = b->vy[g]; o[k++] = b->vz[g]; o[k++] = b->t[g];
    }
    fwrite(o, sizeof(double), k, stdout);
  }
}

int main(int argc, char **argv) {
  if (argc != 3 + 12 + 28) {
    fprintf(stderr, "usage: k2pi run|dump EVENTS S0..S11 P0..P27 (%d arguments given)\n", argc - 1);
    return 2;
  }
  const int dump = strcmp(argv[1], "dump") == 0;
  const long N = atol(argv[2]);
  uint32_t st[12];
  for (int i = 0; i < 12; i++) st[i] = (uint32_t)strtoul(argv[3 + i], NULL, 10);
  Rng beam = {st[0], st[1], st[2], st[3]}, decay = {st[4], st[5], st[6], st[7]}, sec = {st[8], st[9], st[10], st[11]};
  double v[28];
  for (int i = 0; i < 28; i++) v[i] = strtod(argv[15 + i], NULL);
  const Params k = {v[0],  v[1],  v[2],  v[3],  v[4],  v[5],  v[6],  v[7],  v[8],  v[9],  v[10], v[11], v[12], v[13],
                    v[14], v[15], v[16], v[17], v[18], v[19], v[20], v[21], v[22], (int)v[23], (int)v[24], (int)v[25],
                    (int)v[26], (int)v[27]};
  if (!read_tables()) {
    fprintf(stderr, "k2pi: expected the sampler tables on the standard input\n");
    return 2;
  }
  Batch b = batch_new(BATCH);
  G = malloc(sizeof(double) * 5 * BATCH); U = malloc(sizeof(double) * BATCH); U2 = malloc(sizeof(double) * 2 * BATCH);
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  double check = 0;
  for (long done = 0; done < N;) {
    const int n = N - done < BATCH ? (int)(N - done) : BATCH;
    fill(&b, n, &k, &beam, &decay, &sec);
    if (dump) dump_batch(&b, n);
    check += b.e[(n - 1) * MAX_SLOTS + 3];
    done += n;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  const double dt = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  if (!dump)
    printf("{\"events\": %ld, \"seconds\": %.6f, \"eventsPerSecond\": %.0f, \"check\": %.6f}\n", N, dt, N / dt, check);
  return 0;
}
