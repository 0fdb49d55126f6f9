/** Temporary files live under `<out>/_tmp/`, outside the table folders, so no table glob can ever match one, even after kill -9. */
export const TEMP_DIR = '_tmp';
