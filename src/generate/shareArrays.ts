/** Copies an object's typed arrays into SharedArrayBuffers, once per run, so worker threads read them in place. */
type TypedArray = Int32Array | Uint8Array | Float64Array;

export function shareArrays<T extends object>(view: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(view)) {
    if (ArrayBuffer.isView(value)) {
      const src = value as TypedArray;
      const Ctor = src.constructor as new (buffer: SharedArrayBuffer) => TypedArray;
      const shared = new Ctor(new SharedArrayBuffer(src.byteLength));
      shared.set(src as never);
      out[key] = shared;
    } else out[key] = value;
  }
  return out as T;
}
