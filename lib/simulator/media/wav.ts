// WAV (RIFF, PCM 16-bit mono) encoding plus two tiny synthesisers: a looping tune for music
// and a babbling "voice" for speech. Low sample rates keep the files small.
import { between, createRng, pick } from "../hash";

export const musicSampleRate = 16_000;
export const speechSampleRate = 16_000;

export function encodeWav(samples: Float32Array, sampleRate: number): Buffer {
  const dataBytes = samples.length * 2;
  const out = Buffer.alloc(44 + dataBytes);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(36 + dataBytes, 4);
  out.write("WAVE", 8, "ascii");
  out.write("fmt ", 12, "ascii");
  out.writeUInt32LE(16, 16); // fmt chunk size
  out.writeUInt16LE(1, 20); // PCM
  out.writeUInt16LE(1, 22); // mono
  out.writeUInt32LE(sampleRate, 24);
  out.writeUInt32LE(sampleRate * 2, 28); // byte rate
  out.writeUInt16LE(2, 32); // block align
  out.writeUInt16LE(16, 34); // bits per sample
  out.write("data", 36, "ascii");
  out.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] ?? 0;
    out.writeInt16LE(Math.round((s > 1 ? 1 : s < -1 ? -1 : s) * 32767), 44 + i * 2);
  }
  return out;
}

// A sine lookup table: synthesis calls sine millions of times per clip and Math.sin dominated.
const tableSize = 4096;
const sineTable = Float32Array.from({ length: tableSize }, (_, i) =>
  Math.sin((2 * Math.PI * i) / tableSize),
);

/** sin(2π·cycles) for cycles ≥ 0. */
function sine(cycles: number): number {
  return sineTable[Math.floor((cycles - Math.floor(cycles)) * tableSize)] ?? 0;
}

function midiToHz(note: number): number {
  return 440 * 2 ** ((note - 69) / 12);
}

/** Adds a plucked/bowed tone into `out`; a short attack and exponential decay avoid clicks. */
function addTone(
  out: Float32Array,
  sampleRate: number,
  startSec: number,
  lengthSec: number,
  hz: number,
  gain: number,
  decay: number,
): void {
  const start = Math.floor(startSec * sampleRate);
  const end = Math.min(out.length, start + Math.floor(lengthSec * sampleRate));
  const attack = 0.01 * sampleRate;
  const release = 0.03 * sampleRate;
  // The exponential decay as a per-sample factor: one multiply instead of Math.exp per sample.
  const fall = Math.exp(-decay / sampleRate);
  let level = gain;
  for (let i = start; i < end; i++) {
    const env = Math.min(1, (i - start) / attack, (end - i) / release) * level;
    level *= fall;
    const cycles = (hz * (i - start)) / sampleRate;
    out[i] = (out[i] ?? 0) + env * (sine(cycles) + 0.3 * sine(2 * cycles) + 0.1 * sine(3 * cycles));
  }
}

const progressions: readonly [readonly number[], ...(readonly number[])[]] = [
  [0, 7, 9, 5], // I V vi IV
  [0, 5, 7, 5], // I IV V IV
  [9, 5, 0, 7], // vi IV I V
  [0, 9, 5, 7], // I vi IV V
];
const pentatonic = [0, 2, 4, 7, 9] as const;

/** A deterministic little tune: bass, chord stabs, a pentatonic melody and a soft kick. */
export function synthMusic(seed: number, durationSec: number, instrumental: boolean): Float32Array {
  const rng = createRng(seed);
  const sr = musicSampleRate;
  const out = new Float32Array(Math.round(durationSec * sr));
  const bpm = Math.round(between(rng, 84, 128));
  const beat = 60 / bpm;
  const root = 48 + Math.floor(rng() * 12);
  const progression = pick(rng, progressions);
  const bars = Math.ceil(durationSec / (beat * 4));
  let degree = 2;
  for (let bar = 0; bar < bars; bar++) {
    const chordRoot = root + (progression[bar % progression.length] ?? 0);
    const barStart = bar * beat * 4;
    addTone(out, sr, barStart, beat * 4, midiToHz(chordRoot - 12), 0.22, 0.6);
    for (const interval of [0, 4, 7]) {
      for (const b of [0, 2])
        addTone(out, sr, barStart + b * beat, beat * 1.5, midiToHz(chordRoot + interval), 0.06, 2);
    }
    for (let b = 0; b < 4; b++) {
      // The kick: a fast downward pitch sweep, approximated by a low decaying tone.
      addTone(out, sr, barStart + b * beat, 0.18, 55, 0.35, 18);
    }
    for (let step = 0; step < 8; step++) {
      if (rng() < 0.25) continue; // rests make it sound like a phrase
      degree = Math.max(0, Math.min(9, degree + Math.floor(rng() * 5) - 2));
      const note = root + 12 + 12 * Math.floor(degree / 5) + (pentatonic[degree % 5] ?? 0);
      const gain = instrumental ? 0.12 : 0.16;
      addTone(
        out,
        sr,
        barStart + (step * beat) / 2,
        beat * 0.9,
        midiToHz(note),
        gain,
        instrumental ? 3 : 1.2,
      );
    }
  }
  normalise(out, 0.85);
  return out;
}

const vowels: readonly [readonly [number, number], ...(readonly [number, number])[]] = [
  [730, 1090], // a
  [530, 1840], // e
  [270, 2290], // i
  [570, 840], // o
  [300, 870], // u
];

const secondsPerChar = 0.065;
const leadInSec = 0.15;
const lineGapSec = 0.3;

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** A word's pause: longer after punctuation, like a breath. */
function pauseAfter(word: string): number {
  return /[.,;:!?]$/.test(word) ? 0.25 : secondsPerChar;
}

/**
 * How long the dialogue takes to say: about 65 ms per character (ElevenLabs' pace), a pause
 * after each word and each line. Speech files last exactly this (at least 1 s).
 */
export function speechSeconds(lines: readonly { text: string }[]): number {
  let cursor = leadInSec;
  for (const line of lines) {
    for (const word of words(line.text)) cursor += word.length * secondsPerChar + pauseAfter(word);
    cursor += lineGapSec;
  }
  return Math.max(1, cursor);
}

/** Speech-like babble: voiced syllables (harmonics shaped by vowel formants) and pauses at spaces. */
export function synthSpeech(
  lines: readonly { text: string; voice: string }[],
  seed: number,
): Float32Array {
  const sr = speechSampleRate;
  const out = new Float32Array(Math.round(speechSeconds(lines) * sr));
  const rng = createRng(seed);
  let cursor = leadInSec;
  for (const line of lines) {
    const voiceRng = createRng(hashVoice(line.voice));
    const pitch = between(voiceRng, 95, 230);
    for (const word of words(line.text)) {
      const syllables = Math.max(1, Math.round(word.length / 3));
      const syllableSec = (word.length * secondsPerChar) / syllables;
      for (let s = 0; s < syllables; s++) {
        addSyllable(
          out,
          sr,
          cursor,
          syllableSec,
          pitch * between(rng, 0.9, 1.15),
          pick(rng, vowels),
        );
        cursor += syllableSec;
      }
      cursor += pauseAfter(word);
    }
    cursor += lineGapSec;
  }
  normalise(out, 0.8);
  return out;
}

function hashVoice(voice: string): number {
  let h = 2166136261;
  for (let i = 0; i < voice.length; i++) h = Math.imul(h ^ voice.charCodeAt(i), 16777619);
  return h >>> 0;
}

function addSyllable(
  out: Float32Array,
  sr: number,
  startSec: number,
  lengthSec: number,
  f0: number,
  [f1, f2]: readonly [number, number],
): void {
  const start = Math.floor(startSec * sr);
  const end = Math.min(out.length, start + Math.floor(lengthSec * sr));
  const harmonics = Math.floor(3500 / f0);
  const weights = Array.from({ length: harmonics }, (_, k) => {
    const hz = f0 * (k + 1);
    // Two resonances (formants) give each syllable its vowel colour.
    return (
      Math.exp(-(((hz - f1) / 180) ** 2)) +
      0.6 * Math.exp(-(((hz - f2) / 250) ** 2)) +
      0.05 / (k + 1)
    );
  });
  for (let i = start; i < end; i++) {
    const t = (i - start) / sr;
    const env = Math.sin((Math.PI * (i - start)) / Math.max(1, end - start));
    // A falling intonation over the syllable sounds more like talking than a flat tone.
    const f = f0 * (1.08 - 0.12 * ((i - start) / Math.max(1, end - start)));
    let v = 0;
    for (let k = 0; k < harmonics; k++) v += (weights[k] ?? 0) * sine(f * (k + 1) * t);
    out[i] = (out[i] ?? 0) + env * v;
  }
}

function normalise(out: Float32Array, peak: number): void {
  let max = 0;
  for (const s of out) max = Math.max(max, Math.abs(s));
  if (max === 0) return;
  const k = peak / max;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) * k;
}
