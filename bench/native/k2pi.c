/*
 * Native reference for `kaonlab bench`: the same work as kaonlab's in-memory K+ -> pi+ pi0
 * generation, written plainly in C: K12 beam sampling at GTK3 (5 normals: momentum, two slopes,
 * two spot coordinates), exponential decay vertex, K+ -> pi+ pi0 isotropic in the kaon frame,
 * pi0 flight and pi0 -> gamma gamma, exact boosts, everything written into struct-of-arrays columns
 * (kaon, pi+, pi0, 2 photons: momentum, energy, vertex, time). RNG: xoshiro128** with a 128-layer
 * ziggurat, as in kaonlab. Usage: k2pi [events] ; prints events per second.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static uint32_t s[4] = {0x964d4a0c, 0xd40ab895, 0xad7fdecb, 0x3006f0f0};
static inline uint32_t rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static inline uint32_t next(void) {
  const uint32_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 9;
  s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 11);
  return r;
}
static inline double uni(void) { return (next() + 0.5) * 2.3283064365386963e-10; }

#define ZN 128
static double zx[ZN + 1], zr[ZN];
static void zinit(void) {
  const double R = 3.442619855899, V = 9.91256303526217e-3;
  double f = exp(-0.5 * R * R);
  zx[0] = V / f; zx[1] = R; zx[ZN] = 0;
  for (int i = 2; i < ZN; i++) { zx[i] = sqrt(-2 * log(V / zx[i - 1] + f)); f = exp(-0.5 * zx[i] * zx[i]); }
  for (int i = 0; i < ZN; i++) zr[i] = zx[i + 1] / zx[i];
}
static double gauss(void) {
  for (;;) {
    uint32_t b = next(); int i = b & 0x7f;
    double u = ((b >> 7) + 0.5) * (1.0 / 16777216) - 1;
    if (fabs(u) < zr[i]) return u * zx[i];
    if (i == 0) {
      double x, y;
      do { x = log(uni()) / 3.442619855899; y = log(uni()); } while (-2 * y < x * x);
      return u < 0 ? x - 3.442619855899 : 3.442619855899 - x;
    }
    double x = u * zx[i], f0 = exp(-0.5 * (zx[i] * zx[i] - x * x)), f1 = exp(-0.5 * (zx[i + 1] * zx[i + 1] - x * x));
    if (f1 + uni() * (f0 - f1) < 1) return x;
  }
}

typedef struct { double *px, *py, *pz, *e, *vx, *vy, *vz, *t; } Cols;
static Cols cols(int n) {
  Cols c; double **p = &c.px;
  for (int k = 0; k < 8; k++) p[k] = malloc(sizeof(double) * n);
  return c;
}

static inline void boost(double *x, double *y, double *z, double *e, double Px, double Py, double Pz, double E, double M) {
  double pq = Px * *x + Py * *y + Pz * *z, f = (*e + pq / (E + M)) / M;
  *e = (E * *e + pq) / M; *x += f * Px; *y += f * Py; *z += f * Pz;
}

static void decay2(double q, double e1, double e2, double Px, double Py, double Pz, double E, double M,
                   double *a, double *b) {
  double c = 2 * uni() - 1, sn = sqrt(1 - c * c), phi = 2 * M_PI * uni();
  a[0] = q * sn * cos(phi); a[1] = q * sn * sin(phi); a[2] = q * c; a[3] = e1;
  b[0] = -a[0]; b[1] = -a[1]; b[2] = -a[2]; b[3] = e2;
  boost(&a[0], &a[1], &a[2], &a[3], Px, Py, Pz, E, M);
  boost(&b[0], &b[1], &b[2], &b[3], Px, Py, Pz, E, M);
}

int main(int argc, char **argv) {
  long N = argc > 1 ? atol(argv[1]) : 5000000;
  const int B = 4096;
  zinit();
  const double mK = 0.493677, mpi = 0.13957039, mpi0 = 0.1349768, ctauK = 3711.4, ctau0 = 2.527e-5, c = 299.792458;
  double q = sqrt((mK * mK - (mpi + mpi0) * (mpi + mpi0)) * (mK * mK - (mpi - mpi0) * (mpi - mpi0))) / (2 * mK);
  double e1 = sqrt(q * q + mpi * mpi), e2 = sqrt(q * q + mpi0 * mpi0);
  Cols P[5]; for (int k = 0; k < 5; k++) P[k] = cols(B);
  double sum = 0;
  struct timespec t0, t1; clock_gettime(CLOCK_MONOTONIC, &t0);
  for (long done = 0; done < N; done += B) {
    for (int i = 0; i < B; i++) {
      double p = 75 * (1 + 0.01 * gauss()), tx = 1.2e-3 + 1.1e-4 * gauss(), ty = 1.1e-4 * gauss();
      double x = 12 * gauss(), y = 5 * gauss();
      double pz = p / sqrt(1 + tx * tx + ty * ty), E = sqrt(p * p + mK * mK);
      P[0].px[i] = pz * tx; P[0].py[i] = pz * ty; P[0].pz[i] = pz; P[0].e[i] = E;
      P[0].vx[i] = x; P[0].vy[i] = y; P[0].vz[i] = 102400; P[0].t[i] = 0;
      double f = -log(uni()) * ctauK / mK;
      double vx = x + f * pz * tx, vy = y + f * pz * ty, vz = 102400 + f * pz, vt = f * E / c;
      double a[4], b[4];
      decay2(q, e1, e2, pz * tx, pz * ty, pz, E, mK, a, b);
      P[1].px[i] = a[0]; P[1].py[i] = a[1]; P[1].pz[i] = a[2]; P[1].e[i] = a[3];
      P[2].px[i] = b[0]; P[2].py[i] = b[1]; P[2].pz[i] = b[2]; P[2].e[i] = b[3];
      P[1].vx[i] = P[2].vx[i] = vx; P[1].vy[i] = P[2].vy[i] = vy; P[1].vz[i] = P[2].vz[i] = vz; P[1].t[i] = P[2].t[i] = vt;
      double g = -log(uni()) * ctau0 / mpi0;
      double wx = vx + g * b[0], wy = vy + g * b[1], wz = vz + g * b[2], wt = vt + g * b[3] / c;
      double g1[4], g2[4];
      decay2(mpi0 / 2, mpi0 / 2, mpi0 / 2, b[0], b[1], b[2], b[3], mpi0, g1, g2);
      P[3].px[i] = g1[0]; P[3].py[i] = g1[1]; P[3].pz[i] = g1[2]; P[3].e[i] = g1[3];
      P[4].px[i] = g2[0]; P[4].py[i] = g2[1]; P[4].pz[i] = g2[2]; P[4].e[i] = g2[3];
      P[3].vx[i] = P[4].vx[i] = wx; P[3].vy[i] = P[4].vy[i] = wy; P[3].vz[i] = P[4].vz[i] = wz; P[3].t[i] = P[4].t[i] = wt;
    }
    sum += P[3].e[B - 1];
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double dt = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
  printf("{\"events\": %ld, \"seconds\": %.6f, \"eventsPerSecond\": %.0f, \"check\": %.6f}\n", N, dt, N / dt, sum);
  return 0;
}
