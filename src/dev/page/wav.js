// Audio and files for the page's inputs: a WAV of 16 kHz mono 16-bit little-endian PCM (what the cloud
// streams), recorded from the microphone; and files read as base64 for the control protocol.

export const SAMPLE_RATE = 16000;

/** A RIFF/WAVE file of 16-bit mono PCM from samples in -1..1. */
export function encodeWav(samples, sampleRate = SAMPLE_RATE) {
  const data = samples.length * 2;
  const b = new DataView(new ArrayBuffer(44 + data));
  const text = (at, s) => [...s].forEach((c, i) => b.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  b.setUint32(4, 36 + data, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  b.setUint32(16, 16, true);
  b.setUint16(20, 1, true);
  b.setUint16(22, 1, true);
  b.setUint32(24, sampleRate, true);
  b.setUint32(28, sampleRate * 2, true);
  b.setUint16(32, 2, true);
  b.setUint16(34, 16, true);
  text(36, 'data');
  b.setUint32(40, data, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    b.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
  }
  return new Uint8Array(b.buffer);
}

export function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** A File's bytes as base64; rejects with a clear message when it cannot be read. */
export async function fileBase64(file) {
  try {
    return toBase64(new Uint8Array(await file.arrayBuffer()));
  } catch (e) {
    throw new Error(`Cannot read ${file.name}: ${e.message}`);
  }
}

/**
 * Records the microphone at 16 kHz mono until `stop()` is called; `stop()` resolves with the WAV bytes.
 * The browser asks the wearer for the microphone first.
 */
export async function recordMicrophone() {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: false } });
  const ctx = new AudioContext({ sampleRate: SAMPLE_RATE });
  const source = ctx.createMediaStreamSource(stream);
  const tap = ctx.createScriptProcessor(4096, 1, 1);
  const parts = [];
  tap.onaudioprocess = (e) => parts.push(new Float32Array(e.inputBuffer.getChannelData(0)));
  source.connect(tap);
  tap.connect(ctx.destination);
  await ctx.resume();
  return {
    get seconds() {
      return parts.reduce((n, p) => n + p.length, 0) / SAMPLE_RATE;
    },
    async stop() {
      source.disconnect();
      tap.disconnect();
      for (const t of stream.getTracks()) t.stop();
      await ctx.close();
      const all = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      return encodeWav(all);
    },
  };
}
