// i32 bit operations: SHA-256 (FIPS 180-4) of a 16 KiB buffer, `reps` times.
typedef unsigned int u32;
typedef unsigned char u8;

#define LEN 16384

static const u32 K[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static u8 input[LEN];
static u32 state[8];

static u32 rotr(u32 x, int n) { return (x >> n) | (x << (32 - n)); }

static void block(const u8 *p) {
  u32 w[64];
  for (int i = 0; i < 16; i++)
    w[i] = (u32)p[4 * i] << 24 | (u32)p[4 * i + 1] << 16 | (u32)p[4 * i + 2] << 8 | p[4 * i + 3];
  for (int i = 16; i < 64; i++) {
    u32 s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    u32 s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  u32 a = state[0], b = state[1], c = state[2], d = state[3];
  u32 e = state[4], f = state[5], g = state[6], h = state[7];
  for (int i = 0; i < 64; i++) {
    u32 t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    u32 t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1;
    d = c; c = b; b = a; a = t1 + t2;
  }
  state[0] += a; state[1] += b; state[2] += c; state[3] += d;
  state[4] += e; state[5] += f; state[6] += g; state[7] += h;
}

/** Hashes `input` (a multiple of 64 bytes) with its padding block; returns the digest's XOR. */
static u32 sha256(void) {
  state[0] = 0x6a09e667; state[1] = 0xbb67ae85; state[2] = 0x3c6ef372; state[3] = 0xa54ff53a;
  state[4] = 0x510e527f; state[5] = 0x9b05688c; state[6] = 0x1f83d9ab; state[7] = 0x5be0cd19;
  for (int i = 0; i < LEN; i += 64) block(input + i);
  u8 pad[64];
  for (int i = 0; i < 64; i++) pad[i] = 0;
  pad[0] = 0x80;
  unsigned long long bits = (unsigned long long)LEN * 8;
  for (int i = 0; i < 8; i++) pad[63 - i] = (u8)(bits >> (8 * i));
  block(pad);
  u32 x = 0;
  for (int i = 0; i < 8; i++) x ^= state[i];
  return x;
}

/** The first digest word of SHA-256 over the bytes i*7 mod 256 (a test hook). */
__attribute__((export_name("digest_word"))) u32 digest_word(int i) {
  for (int j = 0; j < LEN; j++) input[j] = (u8)(j * 7);
  sha256();
  return state[i & 7];
}

int run(int reps) {
  for (int i = 0; i < LEN; i++) input[i] = (u8)(i * 7);
  u32 acc = 0;
  for (int r = 0; r < reps; r++) {
    input[r & (LEN - 1)] ^= (u8)r;
    acc = acc * 33 + sha256();
  }
  return (int)acc;
}
