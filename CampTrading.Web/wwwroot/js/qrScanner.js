// In-page QR scanning with jsQR 1.4.0 (vendored under /lib): the rear camera decoded frame by frame, or a photo.
// Blazor calls start(video, listener) → 'scanning' | 'insecure' | 'unsupported' | 'denied' | 'unavailable',
// stop(video), and decodeFile(input) → the QR text, '' when the picture holds no code, or null when it cannot be read.
// A found code is reported once through listener.invokeMethodAsync('OnScanned', text); the camera stops right then.

const libraryUrl = new URL('../lib/jsqr/1.4.0/jsQR.js', import.meta.url).href;
const maxCameraSide = 640;   // downscaled frames decode fast enough on a phone
const maxPhotoSide = 1280;   // photos are sharper; keep enough pixels for a small code
const frameGapMs = 120;
let loading;
const sessions = new WeakMap();

function loadLibrary() {
  if (window.jsQR) return Promise.resolve(window.jsQR);
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = libraryUrl;
    script.async = true;
    script.onload = () => resolve(window.jsQR);
    script.onerror = () => { loading = undefined; reject(new Error(`Could not load ${libraryUrl}`)); };
    document.head.appendChild(script);
  });
  return loading;
}

function decode(jsQR, canvas, source, width, height, inversion) {
  const scale = Math.min(1, (inversion === 'attemptBoth' ? maxPhotoSide : maxCameraSide) / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage(source, 0, 0, w, h);
  const found = jsQR(context.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: inversion });
  return found ? found.data : '';
}

export async function start(video, listener) {
  stop(video);
  if (!window.isSecureContext) return 'insecure';
  if (!navigator.mediaDevices?.getUserMedia) return 'unsupported';
  let jsQR;
  let stream;
  try {
    jsQR = await loadLibrary();
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  } catch (error) {
    return error?.name === 'NotAllowedError' || error?.name === 'SecurityError' ? 'denied' : 'unavailable';
  }
  const session = { stream, frame: 0, last: 0, canvas: document.createElement('canvas') };
  sessions.set(video, session);
  video.srcObject = stream;
  video.setAttribute('playsinline', '');
  video.muted = true;
  video.scrollIntoView({ block: 'center' });
  try { await video.play(); } catch { /* autoplay refused: frames still arrive once the user taps */ }
  const tick = (now) => {
    if (sessions.get(video) !== session) return;
    session.frame = requestAnimationFrame(tick);
    if (now - session.last < frameGapMs || video.readyState < 2 || !video.videoWidth) return;
    session.last = now;
    const text = decode(jsQR, session.canvas, video, video.videoWidth, video.videoHeight, 'dontInvert');
    if (!text) return;
    stop(video);
    listener.invokeMethodAsync('OnScanned', text);
  };
  session.frame = requestAnimationFrame(tick);
  return 'scanning';
}

export function stop(video) {
  const session = video && sessions.get(video);
  if (!session) return;
  sessions.delete(video);
  cancelAnimationFrame(session.frame);
  session.stream.getTracks().forEach((track) => track.stop());
  video.srcObject = null;
}

export async function decodeFile(input) {
  const file = input.files?.[0];
  input.value = '';
  if (!file) return null;
  try {
    const jsQR = await loadLibrary();
    const bitmap = await createImageBitmap(file);
    try {
      return decode(jsQR, document.createElement('canvas'), bitmap, bitmap.width, bitmap.height, 'attemptBoth');
    } finally {
      bitmap.close();
    }
  } catch {
    return null;
  }
}
