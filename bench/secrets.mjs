// Fake credentials of the right shape, made at run time from a fixed seed so
// every build of a corpus holds the same bytes (and the same blob ids). They
// are planted in the corpora so the bench can check leaklint's findings.

/** Deterministic random numbers in [0, 1) (mulberry32: tiny, good enough to make token bodies); the tests use it too. */
export function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ALNUM = `${LETTERS}0123456789`;

function body(next, alphabet, length) {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

/** The planted fakes: Hugging Face user tokens (letters only, 34) and a Prefect user key (36 alphanumerics). */
export function plantedSecrets(seed = 20240501) {
  const next = generator(seed);
  return {
    hfHistory: `hf_${body(next, LETTERS, 34)}`,
    hfBranch: `hf_${body(next, LETTERS, 34)}`,
    hfStaged: `hf_${body(next, LETTERS, 34)}`,
    prefect: `pnu_${body(next, ALNUM, 36)}`,
  };
}
